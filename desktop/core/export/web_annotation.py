"""Highlights as W3C Web Annotations (JSON-LD), the interchange format Hypothesis,
Recogito and annotation servers read.

Each highlight targets the article's source URL (or its ``lectern://`` link when
it has none) with a TextQuoteSelector (exact text with prefix and suffix, which
survives small edits) and a TextPositionSelector (code-point offsets into the
article's cleaned text). The note is a commenting body; tags are tagging bodies;
the colour's meaning a classifying body.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop.core.export.sources import HighlightLike, HighlightSource, highlight_source
from desktop.core.links import article_link
from desktop.core.models import ArticleRecord

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation(h: HighlightLike, record: ArticleRecord, meaning: str = "") -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if h.note:
        bodies.append({"type": "TextualBody", "value": h.note, "format": "text/markdown",
                       "purpose": "commenting"})
    bodies.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in h.tags)
    bodies.append({"type": "TextualBody", "value": meaning or h.color, "purpose": "classifying"})
    item: dict[str, Any] = {
        "id": article_link(record.id, h.block_id),
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": h.created_at,
        "modified": h.updated_at,
        "body": bodies,
        "target": {
            "source": record.url or article_link(record.id),
            "selector": [
                {"type": "TextQuoteSelector", "exact": h.quote, "prefix": h.prefix,
                 "suffix": h.suffix},
                {"type": "TextPositionSelector", "start": h.start, "end": h.end},
            ],
        },
        "lectern:color": h.color,
        "lectern:status": h.status,
    }
    if record.url:
        item["target"]["scope"] = article_link(record.id)
    return item


def annotation_collection(record: ArticleRecord, highlights: Sequence[HighlightLike],
                          meanings: dict[str, str] | None = None) -> dict[str, Any]:
    """An AnnotationCollection holding every highlight of one article, in one page."""
    meanings = meanings or {}
    items = [annotation(h, record, meanings.get(h.color, "")) for h in highlights]
    return {
        "@context": [CONTEXT, {"lectern": "https://lectern.invalid/ns#"}],
        "id": article_link(record.id) + "/annotations",
        "type": "AnnotationCollection",
        "label": record.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def article_annotations_json(library: Library, article_id: int,
                             highlights: HighlightSource | None = None) -> tuple[str, int]:
    """An article's highlights as JSON-LD text, and how many there are."""
    store = highlights if highlights is not None else highlight_source(library)
    record = library.article(article_id)
    data = annotation_collection(record, store.for_article(article_id), store.color_meanings())
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", int(data["total"])
