"""From a file (or pasted text) to a cleaned article: pick the cleaner, apply limits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop.core.decoding import decode
from desktop.core.errors import ImportProblem
from desktop.core.models import CleanedArticle

# Explicit limits, documented in the README: a saved article is rarely over 5 MB;
# anything bigger is almost always the wrong file, and would make the reader crawl.
MAX_SOURCE_BYTES = 32 * 1024 * 1024
MAX_ARTICLE_CHARS = 2_000_000

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".mhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True)
class Source:
    """What the user gave us: the original bytes and what kind of document they hold."""

    data: bytes
    kind: str  # "html", "text" or "markdown"
    name: str  # the path or label the user knows it by


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
        raise ImportProblem(f"cannot read the file ({exc.strerror})") from None
    if path.is_dir():
        raise ImportProblem("this is a folder, not a file")
    if size > MAX_SOURCE_BYTES:
        raise ImportProblem(
            f"the file is {size / 1048576:.0f} MB; Lectern imports articles of up to "
            f"{MAX_SOURCE_BYTES // 1048576} MB (size limit)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"cannot read the file ({exc.strerror})") from None
    return Source(data=data, kind=kind_for(path, data), name=str(path))


def text_source(text: str, name: str = "pasted text") -> Source:
    """A pasted or clipboard article."""
    return Source(data=text.encode("utf-8"), kind="text", name=name)


def clean_source(source: Source) -> tuple[CleanedArticle, str]:
    """Clean a source; returns the article and the encoding its bytes were read with."""
    if len(source.data) > MAX_SOURCE_BYTES:
        raise ImportProblem(
            f"the text is {len(source.data) / 1048576:.0f} MB; Lectern imports articles of "
            f"up to {MAX_SOURCE_BYTES // 1048576} MB (size limit)"
        )
    decoded = decode(source.data)
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
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ImportProblem(
            f"the cleaned article has {len(article.text):,} characters; Lectern shows "
            f"articles of up to {MAX_ARTICLE_CHARS:,} (size limit)"
        )
    return article, decoded.encoding


def content_hash(article: CleanedArticle) -> str:
    """Identity of an article's content, for recognising duplicates."""
    normalised = " ".join(article.text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
