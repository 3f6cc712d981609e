"""From a source to a cleaned article ready to store: limits, worker, content hash.

The limits are explicit (``desktop.core.importing.limits.LIMITS``, docs/limits.md)
and every way an import can fail ends in an ImportProblem with one clear line:
never a traceback, never a hang (big files are cleaned in a time-limited worker
process, see ``desktop.core.importing.clean_worker``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from desktop.core.errors import ImportProblem
from desktop.core.importing import clean_worker
from desktop.core.importing.in_process import clean_in_process
from desktop.core.importing.limits import MAX_SOURCE, megabytes
from desktop.core.importing.source import MAX_SOURCE_BYTES
from desktop.core.models import CleanedArticle, Source


@dataclass(frozen=True)
class Prepared:
    """A source cleaned and identified: everything storage needs to keep it."""

    source: Source
    article: CleanedArticle
    encoding: str  # what the source's bytes were decoded with
    content_hash: str  # identity of the cleaned text, for duplicate detection


def prepare(source: Source) -> Prepared:
    """Clean ``source`` and compute its content hash (nothing is stored)."""
    article, encoding = clean_source(source)
    return Prepared(source, article, encoding, content_hash(article))


def clean_source(source: Source) -> tuple[CleanedArticle, str]:
    """Clean a source; returns the article and the encoding its bytes were read with.

    Sources over ``in_process_bytes``, or with an extreme structure (tens of
    thousands of tags, lines nested 40 deep), are cleaned in a worker process under
    the time and memory limits; the others here (their cost is bounded by their
    size: see the fuzz run and the hostile inputs in tests/robustness).
    """
    if len(source.data) > MAX_SOURCE_BYTES:
        raise ImportProblem(MAX_SOURCE.exceeded(megabytes(len(source.data))))
    # Called through the module, so tests can stand in for the worker process.
    if clean_worker.needs_worker(source.data, source.kind) and clean_worker.worker_available():
        return clean_worker.clean_in_worker(source.data, source.kind, source.name)
    return clean_in_process(source)


def content_hash(article: CleanedArticle) -> str:
    """Identity of an article's content, for recognising duplicates."""
    normalised = " ".join(article.text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
