"""Pocket: the 2025 export ZIP (``part_*.csv`` and ``annotations/part_*.json``, even
when the download is named ``.csv``), its CSV alone, and the old ``ril_export.html``.

CSV columns: ``title,url,time_added,tags,status``; ``time_added`` in epoch seconds,
tags separated by ``|``, status ``unread`` or ``archive``. Annotations: a JSON list
of ``{"url", "title", "highlights": [{"quote", "created_at"}]}`` in reading order.
The HTML export lists links under ``<h1>Unread</h1>`` and ``<h1>Read Archive</h1>``
with ``time_added`` and comma-separated ``tags`` attributes. Pocket's API answer
(``{"list": {id: item}}``, what tools such as pockexport saved) is read too:
``given_url``, ``status`` 0/1/2 (unread, archived, deleted), ``favorite``, tags as
an object, and highlights as ``annotations``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import (
    Row,
    json_list,
    parse_date,
    readable_rows,
    split_tags,
    tag_list,
    truthy,
)
from desktop.core.importing.exports.links_html import html_links

APP = "Pocket"
_PART_CSV = re.compile(r"(^|/)part_\d+\.csv$", re.IGNORECASE)
_PART_JSON = re.compile(r"(^|/)annotations/part_\d+\.json$", re.IGNORECASE)


def sniff(export: ExportFile) -> bool:
    if export.archive is not None:
        return any(_PART_CSV.search(n) or _PART_JSON.search(n) for n in export.archive.names)
    header = set(export.header)
    if {"url", "timeadded"} <= header and ("status" in header or "tags" in header):
        return True
    if _annotation_list(export.json) or _api_items(export.json) is not None:
        return True
    head = export.head[:2048].lower()
    return head.startswith(("<!doctype", "<html")) and (
        "<title>pocket export" in head or "time_added=" in export.text[:65536].lower())


def _annotation_list(value: Any) -> bool:
    return (isinstance(value, list) and bool(value) and isinstance(value[0], dict)
            and "highlights" in value[0] and "url" in value[0])


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    if export.archive is not None:
        archive = export.archive
        items: list[Item] = []
        for name in archive.matching(lambda n: bool(_PART_CSV.search(n))):
            items.extend(_csv_items(archive.read(name).decode("utf-8-sig", "replace"),
                                    bundle, name))
        quotes: _Annotated = {}
        for name in archive.matching(lambda n: bool(_PART_JSON.search(n))):
            _read_annotations(archive.read(name), quotes, bundle, name)
        bundle.items = _with_highlights(items, quotes)
    elif _api_items(export.json) is not None:
        bundle.items = _api(export.json, bundle)
    elif _annotation_list(export.json):
        alone: _Annotated = {}
        _read_annotations(export.data, alone, bundle, "annotations")
        bundle.items = _with_highlights([], alone)
    elif export.header:
        bundle.items = _csv_items(export.text, bundle, "")
    else:
        bundle.items = _html_items(export.text)
    return bundle


def _csv_items(text: str, bundle: Bundle, part: str) -> list[Item]:
    items = []
    where = f"{part} " if part else ""
    for row in readable_rows(text, bundle.problem, where):
        item = _csv_item(row, where)
        if item is None:
            bundle.problem(where + row.entry, "no URL; skipped")
        else:
            items.append(item)
    return items


def _csv_item(row: Row, where: str) -> Item | None:
    url = row.get("url", "given_url", "resolved_url")
    if not url:
        return None
    status = row.get("status").lower()
    return Item(
        title=row.get("title", "given_title", "resolved_title"), url=url,
        saved_at=parse_date(row.get("time_added", "date_added")),
        tags=split_tags(row.get("tags"), "|"),
        archived=status in ("archive", "archived", "read", "1"),
        favourite=truthy(row.get("favorite", "favourite", "starred")),
        entry=where + row.entry,
    )


_Annotated = dict[str, tuple[str, list[Highlight]]]  # url -> (title, highlights)


def _read_annotations(data: bytes, found: _Annotated, bundle: Bundle, name: str) -> None:
    entries = json_list(data, bundle.problem, name, "annotated articles")
    if entries is None:
        return
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not str(entry.get("url") or "").strip():
            bundle.problem(f"{name} entry {number}", "no URL; its highlights were skipped")
            continue
        url = str(entry["url"]).strip()
        _title, marks = found.setdefault(url, (str(entry.get("title") or ""), []))
        for mark in entry.get("highlights") or []:
            if isinstance(mark, dict) and str(mark.get("quote") or "").strip():
                marks.append(Highlight(
                    quote=str(mark["quote"]), note=str(mark.get("note") or ""),
                    created_at=parse_date(mark.get("created_at"))))


def _with_highlights(items: list[Item], found: _Annotated) -> list[Item]:
    result = []
    for item in items:
        _title, marks = found.pop(item.url, ("", []))
        result.append(replace(item, highlights=tuple(marks)) if marks else item)
    for url, (title, marks) in found.items():  # annotated, but in no CSV part
        if marks:
            result.append(Item(title=title, url=url, highlights=tuple(marks),
                               entry="annotations"))
    return result


def _html_items(text: str) -> list[Item]:
    items = []
    for link in html_links(text):
        section = link.section.lower()
        items.append(Item(
            title=link.title, url=link.url,
            saved_at=parse_date(link.attrs.get("time_added")),
            tags=split_tags(link.attrs.get("tags", ""), ","),
            archived="archive" in section or section == "read",
            entry=f"link {link.number}",
        ))
    return items


def _api_items(value: Any) -> dict[str, Any] | None:
    listed = value.get("list") if isinstance(value, dict) else None
    if isinstance(listed, dict) and listed:
        first = next(iter(listed.values()))
        if isinstance(first, dict) and ("given_url" in first or "resolved_url" in first):
            return listed
    return None


def _api(value: Any, bundle: Bundle) -> list[Item]:
    entries = [e for e in (_api_items(value) or {}).values() if isinstance(e, dict)]
    entries.sort(key=lambda e: share_key(e.get("sort_id")))
    items = []
    for number, entry in enumerate(entries, start=1):
        url = str(entry.get("given_url") or entry.get("resolved_url") or "").strip()
        if not url:
            bundle.problem(f"item {number}", "no URL; skipped")
            continue
        status = str(entry.get("status", "0"))
        if status == "2":
            bundle.skip("deleted items")
            continue
        tags = entry.get("tags")
        marks = [Highlight(quote=str(m["quote"]), created_at=parse_date(m.get("created_at")))
                 for m in entry.get("annotations") or []
                 if isinstance(m, dict) and str(m.get("quote") or "").strip()]
        items.append(Item(
            title=str(entry.get("given_title") or entry.get("resolved_title") or ""), url=url,
            saved_at=parse_date(entry.get("time_added")),
            tags=tuple(tags) if isinstance(tags, dict) else tag_list(tags),
            archived=status == "1", favourite=truthy(entry.get("favorite")),
            highlights=tuple(marks), entry=f"item {number}"))
    return items


def share_key(raw: Any) -> float:
    """Pocket's ``sort_id`` as a number (the API writes it as one, or as text)."""
    try:
        return float(raw)
    except (TypeError, ValueError):
        return 0.0
