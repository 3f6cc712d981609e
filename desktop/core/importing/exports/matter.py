"""Matter: the export's history CSV (``_matter_history.csv``: ``Title, Author,
Publisher, URL, Tags, Word Count, In Queue, Favorited, Read, Highlight Count, Last
Interaction Date, File Id``), alone or in the export ZIP, with highlights when a
CSV of them comes along (a ``Text``/``Highlight`` column and the article's URL).

In the queue is the inbox; read and out of the queue is archived.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import (
    csv_header,
    parse_date,
    readable_rows,
    split_tags,
    truthy,
)

APP = "Matter"
_MARKERS = frozenset({"inqueue", "favorited", "highlightcount", "publisher",
                      "lastinteractiondate"})


def _is_history(header: list[str]) -> bool:
    return "url" in header and len(_MARKERS & set(header)) >= 2


def _is_highlights(header: list[str]) -> bool:
    keys = set(header)
    return "url" in keys and bool(keys & {"text", "highlight", "quote"})


def sniff(export: ExportFile) -> bool:
    if export.archive is not None:
        return any(n.lower().endswith("_matter_history.csv") for n in export.archive.names)
    return _is_history(export.header)


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    tables: list[tuple[str, str]] = []
    if export.archive is not None:
        for name in export.archive.matching(lambda n: n.lower().endswith(".csv")):
            tables.append((name, export.archive.read(name).decode("utf-8-sig", "replace")))
    else:
        tables.append(("", export.text))
    items: dict[str, Item] = {}
    marks: dict[str, list[Highlight]] = {}
    for name, text in tables:
        header = csv_header(text)
        where = f"{name} " if name else ""
        if _is_history(header):
            _history(text, where, bundle, items)
        elif _is_highlights(header):
            _highlights(text, where, bundle, marks)
    for url, found in marks.items():
        item = items.get(url) or Item(url=url, entry="highlights")
        items[url] = replace(item, highlights=item.highlights + tuple(found))
    bundle.items = list(items.values())
    return bundle


def _history(text: str, where: str, bundle: Bundle, items: dict[str, Item]) -> None:
    for row in readable_rows(text, bundle.problem, where):
        url = row.get("url")
        if not url:
            bundle.problem(where + row.entry, "no URL; skipped")
            continue
        in_queue = truthy(row.get("in queue"))
        items[url] = Item(
            title=row.get("title"), url=url, author=row.get("author"),
            saved_at=parse_date(row.get("date saved", "saved at", "last interaction date")),
            tags=split_tags(row.get("tags"), ","),
            archived=not in_queue and truthy(row.get("read")) if row.has("in queue")
            else truthy(row.get("read")),
            favourite=truthy(row.get("favorited")), entry=where + row.entry)


def _highlights(text: str, where: str, bundle: Bundle,
                marks: dict[str, list[Highlight]]) -> None:
    for row in readable_rows(text, bundle.problem, where):
        quote, url = row.get("text", "highlight", "quote"), row.get("url")
        if not quote or not url:
            bundle.problem(where + row.entry, "a highlight without its text or URL; skipped")
            continue
        marks.setdefault(url, []).append(Highlight(
            quote=quote, note=row.get("note", "notes", "annotation"),
            created_at=parse_date(row.get("created at", "date", "highlighted at"))))
