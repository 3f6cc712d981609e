"""Importing: from what the user gave (a file, stdin, pasted text) to a cleaned article.

``source`` reads files and text into a ``Source``; ``kinds`` is the one registry of
the kinds Lectern reads, one module per kind in ``readers/``; ``pipeline`` cleans a
source (in process, or in the time-limited ``clean_worker`` under ``limits``) and
computes its content hash. Nothing here touches the library: storing is
``desktop.core.operations``' job.
"""

from desktop.core.importing.limits import LIMITS
from desktop.core.importing.pipeline import Prepared, clean_source, content_hash, prepare
from desktop.core.importing.source import read_source, stdin_source, text_source
from desktop.core.models import Source

__all__ = [
    "LIMITS", "Prepared", "Source", "clean_source", "content_hash", "prepare", "read_source",
    "stdin_source", "text_source",
]
