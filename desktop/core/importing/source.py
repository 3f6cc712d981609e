"""Reading what the user gave (a file, stdin, pasted text) into a ``Source``.

Every way reading can fail ends in an ImportProblem with one clear line, and the
file size limit is checked before anything big is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from desktop.core.errors import ImportProblem
from desktop.core.importing.kinds import kind_for
from desktop.core.importing.limits import MAX_SOURCE, megabytes
from desktop.core.models import Source

MAX_SOURCE_BYTES = MAX_SOURCE.value


def read_source(path: Path) -> Source:
    """Read a file the user chose, with a clear message for every way that can fail."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportProblem("no such file") from None
    except OSError as exc:
        raise ImportProblem(f"cannot read the file ({exc.strerror or exc})") from None
    if path.is_dir():
        raise ImportProblem("this is a folder, not a file")
    if not path.is_file():
        raise ImportProblem("this is not a regular file (a device, pipe or socket)")
    if size > MAX_SOURCE_BYTES:
        raise ImportProblem(MAX_SOURCE.exceeded(megabytes(size)))
    try:
        with path.open("rb") as handle:
            # A file that grew since stat() must still respect the limit.
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise ImportProblem(f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise ImportProblem(MAX_SOURCE.exceeded(f"over {megabytes(MAX_SOURCE_BYTES)}"))
    return Source(data=data, kind=kind_for(path, data), name=str(path))


def text_source(text: str, name: str = "pasted text") -> Source:
    """A pasted or clipboard article."""
    return Source(data=text.encode("utf-8", errors="replace"), kind="text", name=name)


def stdin_source(stream: TextIO, name: str = "stdin") -> Source:
    """Text piped to the CLI (``lectern import -``), read as pasted text."""
    return text_source(stream.read(), name=name)
