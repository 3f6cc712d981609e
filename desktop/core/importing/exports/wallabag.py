"""wallabag: the JSON export, a list of entries with their cleaned ``content``
(HTML), ``is_archived``, ``is_starred``, ``tags``, ``created_at`` and
``annotations`` (``quote``, ``text`` as the note, ``created_at``).

Entries carry their text, so they are read at once.
"""

from __future__ import annotations

from typing import Any

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import parse_date, tag_list, truthy

APP = "wallabag"


def _entries(value: Any) -> list[Any] | None:
    if isinstance(value, dict):  # some versions wrap the list
        value = value.get("entries") or value.get("items") or value.get("_embedded", {})
        if isinstance(value, dict):
            value = value.get("items")
    if isinstance(value, list) and value and isinstance(value[0], dict):
        keys = set(value[0])
        if "url" in keys and keys & {"is_archived", "is_starred", "reading_time"}:
            return value
    return None


def sniff(export: ExportFile) -> bool:
    return _entries(export.json) is not None


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    for number, entry in enumerate(_entries(export.json) or [], start=1):
        where = f"entry {number}"
        if not isinstance(entry, dict) or not (entry.get("url") or entry.get("content")):
            bundle.problem(where, "no URL and no content; skipped")
            continue
        content = str(entry.get("content") or "")
        marks = []
        for mark in entry.get("annotations") or []:
            if isinstance(mark, dict) and str(mark.get("quote") or "").strip():
                marks.append(Highlight(quote=str(mark["quote"]), note=str(mark.get("text") or ""),
                                       created_at=parse_date(mark.get("created_at"))))
        authors = entry.get("published_by") or []
        bundle.items.append(Item(
            title=str(entry.get("title") or ""),
            url=str(entry.get("url") or entry.get("given_url") or "").strip(),
            saved_at=parse_date(entry.get("created_at")), tags=tag_list(entry.get("tags")),
            archived=truthy(entry.get("is_archived")), favourite=truthy(entry.get("is_starred")),
            author=", ".join(str(a) for a in authors) if isinstance(authors, list) else "",
            content=content, content_kind="html" if content.strip() else "",
            highlights=tuple(marks), entry=where,
        ))
    return bundle
