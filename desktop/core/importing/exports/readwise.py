"""Readwise: the highlights CSV (``Highlight, Book Title, Book Author, Amazon Book ID,
Note, Color, Tags, Location Type, Location, Highlighted at`` and, in later exports,
``Document tags``) and Readwise Reader's library CSV (``Title, URL, ID, Document
tags, Saved date, Reading progress, Location, Seen``).

Highlights are grouped by book (title and author) in the file's order. A book or
document without a web address becomes a book: its quotes with their location.
A note made only of ``.tag`` words is Readwise's inline tagging: those are tags.
"""

from __future__ import annotations

import re

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item, lectern_color
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import (
    Row,
    parse_date,
    readable_rows,
    share,
    split_tags,
    truthy,
)

APP = "Readwise"
READER_APP = "Readwise Reader"
_INLINE_TAGS = re.compile(r"^\s*(\.[^\s.][^\s]*\s*)+$")
_READER_STATES = {"archive": True, "archived": True}
_PLACES = {"page": "page", "location": "location", "time": "time", "chapter": "chapter"}


def sniff(export: ExportFile) -> bool:
    header = set(export.header)
    return "highlight" in header and ("booktitle" in header or "title" in header)


def sniff_reader(export: ExportFile) -> bool:
    header = set(export.header)
    return ({"url", "title"} <= header and "highlight" not in header
            and bool(header & {"saveddate", "readingprogress", "seen"}))


def inline_tags(note: str) -> tuple[str, tuple[str, ...]]:
    """(note, tags): a note of only ``.tag`` words is tags, with no note left."""
    if _INLINE_TAGS.match(note):
        return "", tuple(word[1:] for word in note.split())
    return note, ()


def _location(row: Row) -> str:
    kind = row.get("location type").lower()
    where = row.get("location")
    if not where or kind not in _PLACES:
        return ""
    return f"{_PLACES[kind]} {where}"


def _highlight(row: Row) -> Highlight:
    note, tags = inline_tags(row.get("note"))
    return Highlight(
        quote=row.get("highlight"), note=note, color=lectern_color(row.get("color")),
        tags=split_tags(row.get("tags"), ",") + tags,
        created_at=parse_date(row.get("highlighted at", "created at", "date")),
        location=_location(row),
    )


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    books: dict[tuple[str, str], tuple[Item, list[Highlight]]] = {}
    for row in readable_rows(export.text, bundle.problem):
        if not row.get("highlight"):
            bundle.problem(row.entry, "no highlight text; skipped")
            continue
        title = row.get("book title", "title") or "Untitled"
        author = row.get("book author", "author")
        url = row.get("url", "source url", "highlight url")
        key = (url, "") if url else (title.casefold(), author.casefold())
        if key not in books:
            books[key] = (Item(
                title=title, url=url, author=author, book=not url,
                tags=split_tags(row.get("document tags"), ","), entry=row.entry), [])
        books[key][1].append(_highlight(row))
    from dataclasses import replace

    bundle.items = [replace(item, highlights=tuple(marks)) for item, marks in books.values()]
    return bundle


def read_reader(export: ExportFile) -> Bundle:
    bundle = Bundle(READER_APP)
    for row in readable_rows(export.text, bundle.problem):
        url = row.get("url")
        if not url:
            bundle.problem(row.entry, "no URL; skipped")
            continue
        place = row.get("location").lower()
        if place == "feed":
            bundle.skip("feed items (never saved to the library)")
            continue
        bundle.items.append(Item(
            title=row.get("title"), url=url, saved_at=parse_date(row.get("saved date")),
            tags=split_tags(row.get("document tags", "tags"), ","),
            archived=_READER_STATES.get(place, False),
            favourite=place == "shortlist" or truthy(row.get("favorite", "starred")),
            progress=share(row.get("reading progress")), entry=row.entry,
        ))
    return bundle
