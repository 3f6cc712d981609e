"""Saved web pages: HTML files, cleaned by trafilatura (``desktop.core.cleaning.html``)."""

from __future__ import annotations

from desktop.core.importing.readers.base import Reader
from desktop.core.models import CleanedArticle

_STARTS = (b"<!doctype html", b"<html")


def looks_like_html(head: bytes) -> bool:
    """A page saved under another name (``page.txt``) still starts like a page."""
    return head.lstrip().lower().startswith(_STARTS)


def clean(text: str) -> CleanedArticle:
    # Deferred for start-up speed: trafilatura and lxml are slow to import, and the
    # window needs this module (for its file dialogs) long before anything is cleaned.
    from desktop.core.cleaning.html import clean_html

    return clean_html(text)


READER = Reader(
    kind="html", label="Saved web pages",
    suffixes=(".html", ".htm", ".xhtml", ".shtml"),
    sniff=looks_like_html, clean=clean, markup=True,
)
