"""The reader's highlight layer: overlapping highlights cut into pieces whose colours
mix, each with the tooltip of the highlights over it.

For an article with thousands of highlights, reading them, cutting the pieces
and making the spans run off the GUI thread (``load_highlights``): the spans
hold only value types (character formats, colours), nothing a widget owns, and
the GUI thread then hands them to the reader, which paints the part in view.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat

from desktop.core.annotations import Annotation, AnnotationStore
from desktop.core.annotations.pieces import pieces
from desktop.core.storage.library import Library
from desktop.ui.features.highlights.colors import wash
from desktop.ui.reader_view import Span

# (left, right, colours of the highlights over it, tooltip)
Piece = tuple[int, int, tuple[str, ...], str]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def tooltip(over: list[Annotation], meanings: dict[str, str]) -> str:
    return "\n".join(
        meanings.get(a.color, a.color) + (f": {_clip(a.note, 300)}" if a.note else "")
        + (f"  {' '.join('#' + t for t in a.tags)}" if a.tags else "")
        for a in over)


def layer_pieces(annotations: list[Annotation], meanings: dict[str, str]) -> list[Piece]:
    """The pieces of the anchored highlights, in reading order (no Qt: any thread)."""
    anchored = [a for a in annotations if a.anchored]
    return [(left, right, tuple(a.color for a in over), tooltip(over, meanings))
            for left, right, over in pieces(anchored)]


def layer_spans(found: list[Piece], dark: bool) -> list[Span]:
    """The reader's spans for these pieces: one character format per mix of colours."""
    formats: dict[tuple[str, ...], QTextCharFormat] = {}
    spans: list[Span] = []
    for left, right, colors, tip in found:
        fmt = formats.get(colors)
        if fmt is None:
            fmt = formats[colors] = QTextCharFormat()
            fmt.setBackground(wash(list(colors), dark))
        spans.append(Span(left, right, fmt, tip))
    return spans


@dataclass(frozen=True)
class Loaded:
    """An article's highlights and their layer, read off the GUI thread."""

    article_id: int
    annotations: list[Annotation]
    meanings: dict[str, str]
    pieces: list[Piece]
    spans: list[Span]
    tags: list[str]


def load_highlights(library: Library, article_id: int, dark: bool) -> Loaded:
    """In a worker: everything ``HighlightsController`` shows for an article."""
    store = AnnotationStore(library)
    annotations = store.for_article(article_id)
    meanings = store.color_meanings()
    cut = layer_pieces(annotations, meanings)
    return Loaded(article_id, annotations, meanings, cut, layer_spans(cut, dark),
                  store.all_tags())
