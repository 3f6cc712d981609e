"""Helpers every cleaner shares: tidy text and assemble a CleanedArticle."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata

from .errors import CleaningError

_SPACE = re.compile(r"\s+")
# C0/C1 control characters other than whitespace: pasted text and broken pages carry
# NULs and form feeds that would confuse the database, the layout and the tokenizer.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

TITLE_FALLBACK_WORDS = 10


def strip_controls(text: str) -> str:
    """``text`` without control characters (tabs and newlines are kept)."""
    return _CONTROL.sub("", text)


def tidy(text: str) -> str:
    """One line of text: NFC, no control characters, runs of whitespace as one space."""
    return _SPACE.sub(" ", strip_controls(unicodedata.normalize("NFC", text))).strip()


def fallback_title(first_text: str) -> str:
    """A title made from the start of the text, for sources that carry none."""
    words = first_text.split()
    if not words:
        return "Untitled"
    title = " ".join(words[:TITLE_FALLBACK_WORDS])
    return title + ("…" if len(words) > TITLE_FALLBACK_WORDS else "")


def build_article(title: str, body: list[Block], metadata: Metadata) -> CleanedArticle:
    """The article with the headline first, as every consumer of CleanedArticle expects.

    Raises CleaningError when ``body`` has no text, because an article that is only a
    title is almost always a page we failed to read.
    """
    blocks = [Block(b.kind, tidy(b.text)) for b in body]
    blocks = [b for b in blocks if b.text and b.kind is not BlockKind.HEADLINE]
    if not blocks:
        raise CleaningError()
    title = tidy(title) or fallback_title(blocks[0].text)
    headline = Block(BlockKind.HEADLINE, title)
    return CleanedArticle([headline, *blocks], replace(metadata, title=title))
