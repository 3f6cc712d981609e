"""Markdown files (``desktop.core.cleaning.markdown_source``)."""

from __future__ import annotations

from desktop.core.importing.readers.base import Reader, never
from desktop.core.models import CleanedArticle


def clean(text: str) -> CleanedArticle:
    # Deferred for start-up speed, like the HTML reader's cleaner.
    from desktop.core.cleaning.markdown_source import clean_markdown

    return clean_markdown(text)


# Markdown is not sniffed: plain text full of '#' and '*' reads well as text too.
READER = Reader(
    kind="markdown", label="Markdown",
    suffixes=(".md", ".markdown", ".mdown", ".mkd"),
    sniff=never, clean=clean,
)
