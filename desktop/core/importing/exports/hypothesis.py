"""Hypothesis: the JSON export (``{"export_date", "export_userid", "annotations":
[…]}``, or the API's list). Each annotation has ``uri``, ``text`` (the note),
``tags``, ``created`` and ``target[0].selector`` with a ``TextQuoteSelector``'s
``exact`` quote; without one it is a page note, kept as the article's note.
Replies (``references``) are joined to the page notes with their author.
"""

from __future__ import annotations

from typing import Any

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import parse_date, tag_list

APP = "Hypothesis"


def _annotations(value: Any) -> list[Any] | None:
    if isinstance(value, dict):
        value = value.get("annotations", value.get("rows"))
    if (isinstance(value, list) and value and isinstance(value[0], dict) and "uri" in value[0]
            and ("target" in value[0] or "text" in value[0])):
        return value
    return None


def sniff(export: ExportFile) -> bool:
    return _annotations(export.json) is not None


def _quote(annotation: dict[str, Any]) -> str:
    for target in annotation.get("target") or []:
        if not isinstance(target, dict):
            continue
        for selector in target.get("selector") or []:
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                return str(selector.get("exact") or "")
    return ""


def _title(annotation: dict[str, Any]) -> str:
    document = annotation.get("document") or {}
    titles = document.get("title") if isinstance(document, dict) else None
    if isinstance(titles, list) and titles:
        return str(titles[0])
    return str(titles or "")


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    pages: dict[str, tuple[str, str, list[Highlight], list[str]]] = {}
    for number, annotation in enumerate(_annotations(export.json) or [], start=1):
        if not isinstance(annotation, dict) or not annotation.get("uri"):
            bundle.problem(f"annotation {number}", "no page address; skipped")
            continue
        url = str(annotation["uri"]).strip()
        saved = parse_date(annotation.get("created"))
        page = pages.setdefault(url, (_title(annotation), saved, [], []))
        quote, note = _quote(annotation), str(annotation.get("text") or "")
        if annotation.get("references"):
            user = str(annotation.get("user") or "").removeprefix("acct:")
            page[3].append(f"Reply{' by ' + user if user else ''}: {note}")
        elif quote.strip():
            page[2].append(Highlight(quote=quote, note=note, created_at=saved,
                                     tags=tag_list(annotation.get("tags"))))
        elif note.strip():
            page[3].append(note)
    for url, (title, saved, marks, notes) in pages.items():
        bundle.items.append(Item(title=title, url=url, saved_at=saved, highlights=tuple(marks),
                                 description="\n\n".join(notes), entry=url))
    return bundle
