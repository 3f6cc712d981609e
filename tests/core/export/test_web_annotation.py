"""Highlights as W3C Web Annotations (JSON-LD)."""

from __future__ import annotations

import json
from typing import Any

from export_fixtures import PARAGRAPHS, add_article, store_for

from desktop.core.export.web_annotation import CONTEXT, annotation_collection


def test_collection_has_quote_and_position_selectors_and_bodies(library: Any) -> None:
    store = store_for(library)
    article_id = add_article(library)
    record = library.article(article_id)
    start = record.text.index(PARAGRAPHS[1])
    h = store.create(article_id, start, start + 20, note="why?", tags=["method"], color="blue")
    plain = store.create(article_id, 0, 5)
    data = json.loads(json.dumps(annotation_collection(record, [h, plain],
                                                       store.color_meanings())))
    assert data["@context"][0] == CONTEXT and data["type"] == "AnnotationCollection"
    assert data["total"] == 2
    first, second = data["first"]["items"]
    assert first["type"] == "Annotation" and first["motivation"] == "commenting"
    assert second["motivation"] == "highlighting"
    assert first["id"] == f"lectern://article/{article_id}#{h.block_id}"
    assert first["target"]["source"] == record.url
    quote, position = first["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": h.quote, "prefix": h.prefix,
                     "suffix": h.suffix}
    assert position == {"type": "TextPositionSelector", "start": start, "end": start + 20}
    assert record.text[position["start"]:position["end"]] == quote["exact"]
    purposes = {b["purpose"]: b["value"] for b in first["body"]}
    assert purposes == {"commenting": "why?", "tagging": "method", "classifying": store.color_meanings()["blue"]}
