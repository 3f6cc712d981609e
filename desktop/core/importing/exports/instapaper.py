"""Instapaper: the CSV export (``URL,Title,Selection,Folder`` then, in later years,
``Timestamp`` and ``Tags``: 4, 5 or 6 columns, Tags a JSON list inside the cell)
and the HTML export (links under ``<h1>`` folder headings).

Folder ``Unread`` is the inbox, ``Archive`` archived, ``Starred`` a favourite; any
other folder is the reader's own and becomes a tag. ``Selection`` is the passage the
reader selected when saving: kept as the article's note, since it is often the
page's own summary rather than a passage to find again.
"""

from __future__ import annotations

from desktop.core.importing.exports.bundle import Bundle, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import parse_date, readable_rows, split_tags
from desktop.core.importing.exports.links_html import html_links

APP = "Instapaper"
_STATES = {"unread": (False, False), "archive": (True, False), "archived": (True, False),
           "starred": (False, True), "liked": (False, True)}


def sniff(export: ExportFile) -> bool:
    header = set(export.header)
    if {"url", "title", "folder"} <= header:
        return True
    head = export.head[:2048].lower()
    return head.startswith(("<!doctype", "<html")) and "<title>instapaper" in head


def _folder(name: str) -> tuple[bool, bool, tuple[str, ...]]:
    """(archived, favourite, tags) for a folder; nested folders are "A/B"."""
    key = name.strip().lower()
    if key in _STATES or not key:
        archived, favourite = _STATES.get(key, (False, False))
        return archived, favourite, ()
    return False, False, (name.strip(),)


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    if export.header:
        for row in readable_rows(export.text, bundle.problem):
            url = row.get("url")
            if not url:
                bundle.problem(row.entry, "no URL; skipped")
                continue
            archived, favourite, folder_tags = _folder(row.get("folder"))
            bundle.items.append(Item(
                title=row.get("title"), url=url, saved_at=parse_date(row.get("timestamp")),
                tags=folder_tags + split_tags(row.get("tags"), ","),
                archived=archived, favourite=favourite,
                description=row.get("selection"), entry=row.entry,
            ))
        return bundle
    for link in html_links(export.text):
        archived, favourite, folder_tags = _folder(link.section)
        bundle.items.append(Item(title=link.title, url=link.url, tags=folder_tags,
                                 archived=archived, favourite=favourite,
                                 entry=f"link {link.number}"))
    return bundle
