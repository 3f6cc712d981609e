"""Highlights that arrive as quotes (another app's export, a browser selection) are
placed on an article's text: on the very words, or kept as orphans. Never elsewhere.

Other apps export a highlight as its quote, seldom with offsets into a text we would
share. A quote is placed where its words stand (white space may differ: a line break
in the export, two spaces in the page); when it stands more than once, at the first
place after the previous highlight, since exports list highlights in reading order.
A quote that is not in the text becomes an orphan with its note: listed, never lost.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from desktop.core.annotations.model import (
    ANCHORED,
    COLORS,
    ORPHANED,
    Annotation,
)
from desktop.core.annotations.selectors import selector_for
from desktop.core.annotations.store import AnnotationStore
from desktop.core.models import normalize_tags
from desktop.core.storage.library import now_iso


class QuotedHighlight(Protocol):
    @property
    def quote(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def color(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def created_at(self) -> str: ...


@dataclass(frozen=True)
class Placement:
    anchored: int = 0
    orphaned: int = 0
    already_there: int = 0  # the article had this quote highlighted: kept as it is


def _words(quote: str) -> list[str]:
    return quote.split()


def find_quote(text: str, quote: str, after: int = 0) -> tuple[int, int] | None:
    """Where ``quote``'s words stand in ``text`` (any white space between them): the
    first place at or after ``after``, else the first anywhere; None if nowhere."""
    words = _words(quote)
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = pattern.search(text, after) or pattern.search(text)
    return (found.start(), found.end()) if found else None


def _key(quote: str) -> str:
    return " ".join(_words(quote))


def place_quotes(store: AnnotationStore, article_id: int, text: str,
                 highlights: Sequence[QuotedHighlight]) -> Placement:
    """Make each highlight an annotation of the article, in the order given."""
    existing = {_key(a.quote) for a in store.for_article(article_id, heal=False)}
    anchored = orphaned = already = 0
    cursor = 0
    for item in highlights:
        key = _key(item.quote)
        if not key:
            continue
        if key in existing:
            already += 1
            continue
        existing.add(key)
        color = item.color if item.color in COLORS else "yellow"
        stamp = item.created_at or now_iso()
        where = find_quote(text, item.quote, cursor)
        if where is None:  # kept with its quote and note, on no words
            quote, prefix, suffix, start, end, status = key, "", "", 0, 0, ORPHANED
            orphaned += 1
        else:
            selector = selector_for(text, where[0], where[1])
            quote, prefix, suffix = selector.exact, selector.prefix, selector.suffix
            start, end, status = selector.start, selector.end, ANCHORED
            cursor = end
            anchored += 1
        store.restore(Annotation(
            id=uuid.uuid4().hex, article_id=article_id, quote=quote, prefix=prefix,
            suffix=suffix, start=start, end=end, color=color, note=item.note,
            tags=normalize_tags(item.tags), status=status, created_at=stamp,
            updated_at=now_iso()))
    return Placement(anchored, orphaned, already)
