"""From a file (or pasted text) to a cleaned article: pick the cleaner, apply limits.

The limits are explicit (``desktop.core.safety.limits.LIMITS``, docs/limits.md)
and every way an import can fail ends in an ImportProblem with one clear line:
never a traceback, never a hang (big files are cleaned in a time-limited worker
process, see ``desktop.core.safety.clean_worker``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop.core.decoding import decode
from desktop.core.errors import ImportProblem
from desktop.core.models import CleanedArticle
from desktop.core.safety.limits import LIMITS, MAX_ARTICLE, MAX_SOURCE, megabytes

__all__ = [
    "LIMITS", "MAX_ARTICLE_CHARS", "MAX_SOURCE_BYTES", "Source", "clean_in_process",
    "clean_source", "content_hash", "kind_for", "read_source", "text_source",
]

MAX_SOURCE_BYTES = MAX_SOURCE.value
MAX_ARTICLE_CHARS = MAX_ARTICLE.value

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".mhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True)
class Source:
    """What the user gave us: the original bytes and what kind of document they hold."""

    data: bytes
    kind: str  # "html", "text" or "markdown"
    name: str  # the path or label the user knows it by
    charset: str = ""  # declared by the server (or the page): a hint for decoding


def kind_for(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


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


def clean_source(source: Source) -> tuple[CleanedArticle, str]:
    """Clean a source; returns the article and the encoding its bytes were read with.

    Sources over ``in_process_bytes``, or with an extreme structure (tens of
    thousands of tags, lines nested 40 deep), are cleaned in a worker process under
    the time and memory limits; the others here (their cost is bounded by their
    size: see the fuzz run and the hostile inputs in tests/robustness).
    """
    if len(source.data) > MAX_SOURCE_BYTES:
        raise ImportProblem(MAX_SOURCE.exceeded(megabytes(len(source.data))))
    from desktop.core.safety.clean_worker import clean_in_worker, needs_worker, worker_available

    if needs_worker(source.data, source.kind) and worker_available():
        return clean_in_worker(source.data, source.kind, source.name)
    return clean_in_process(source)


def clean_in_process(source: Source) -> tuple[CleanedArticle, str]:
    """Decode and clean ``source`` in this process; every failure is an ImportProblem."""
    decoded = decode(source.data, source.charset)
    from desktop.core.cleaning import CleaningError, clean_html, clean_markdown, clean_pasted

    try:
        if source.kind == "html":
            article = clean_html(decoded.text)
        elif source.kind == "markdown":
            article = clean_markdown(decoded.text)
        else:
            article = clean_pasted(decoded.text)
    except CleaningError as exc:
        raise ImportProblem(str(exc)) from None
    except RecursionError:
        raise ImportProblem("the page is nested too deeply to read") from None
    except MemoryError:
        raise ImportProblem("the file is too large to clean in memory") from None
    except Exception as exc:  # a cleaner bug must cost one file, never the batch
        raise ImportProblem(
            f"Lectern could not clean this {source.kind} file (internal error: "
            f"{type(exc).__name__}); it was not imported"
        ) from exc
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ImportProblem(MAX_ARTICLE.exceeded(f"{len(article.text):,}"))
    return article, decoded.encoding


def content_hash(article: CleanedArticle) -> str:
    """Identity of an article's content, for recognising duplicates."""
    normalised = " ".join(article.text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
