"""Helpers every cleaner shares: tidy text and assemble a CleanedArticle."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date

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


MONTH_NUMBERS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})\b")


def iso_date(text: str) -> str:
    """The first unambiguous date in ``text`` as YYYY-MM-DD, or "".

    Numeric dates like 11/12/19 are skipped: day and month order differ by country.
    """
    found: list[tuple[int, str, str, str]] = []  # (position, year, month, day)
    if match := _ISO.search(text):
        found.append((match.start(), match[1], match[2], match[3]))
    if match := _MONTH_DAY_YEAR.search(text):
        found.append((match.start(), match[3], match[1], match[2]))
    if match := _DAY_MONTH_YEAR.search(text):
        found.append((match.start(), match[3], match[2], match[1]))
    for _, year, month, day in sorted(found):
        number = int(month) if month.isdigit() else MONTH_NUMBERS.get(month.lower(), 0)
        try:
            return date(int(year), number, int(day)).isoformat()
        except ValueError:  # "Feb 31", or a word that is no month
            continue
    return ""
