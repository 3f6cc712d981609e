"""Kindle: ``My Clippings.txt``, every firmware and language.

Entries are separated by a line of ``==========``. Each is the book's title line
(author in the last parentheses), a line of what it is and where, split by ``|``
(``- Your Highlight on page 12 | Location 180-182 | Added on Sunday, 3 March 2019
14:22:10``; German ``- Ihre Markierung bei Position 180-182 | Hinzugefügt am …``),
a blank line and the text. Byte-order marks may stand before any entry, lines may
end in CRLF. A note sits at the last location of its highlight and is joined to
it; a highlight the reader extended is written again, and the longer one is kept.
Bookmarks carry no text and are counted, not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from desktop.core.importing.exports.bundle import Bundle, Highlight, Item
from desktop.core.importing.exports.export_file import ExportFile
from desktop.core.importing.exports.fields import parse_date

APP = "Kindle"
_SEPARATOR = re.compile(r"^={8,}\s*$", re.MULTILINE)
_BOOKMARK_WORDS = ("bookmark", "lesezeichen", "signet", "marcador", "segnalibro",
                   "ブックマーク", "bladwijzer", "закладка", "书签", "marcapáginas")
_NOTE_WORDS = ("note", "notiz", "nota", "メモ", "notitie", "заметка", "笔记", "remarque")
_PAGE_WORDS = ("page", "seite", "página", "pagina", "ページ", "страниц", "页")
_LOCATION_WORDS = ("location", "loc.", "position", "posición", "emplacement", "posizione",
                   "posição", "位置", "positie", "позици", "pos.")
_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")
_META = re.compile(r"^\s*-\s")


def sniff(export: ExportFile) -> bool:
    text = export.text[:65536]
    if not _SEPARATOR.search(text):
        return False
    first = _SEPARATOR.split(text, maxsplit=1)[0].strip().split("\n")
    return len(first) >= 2 and bool(_META.match(first[1])) and "|" in first[1]


@dataclass
class _Clip:
    kind: str  # "highlight", "note", "bookmark"
    page: str
    location: str
    start: int  # first location number, for joining notes; -1 if unknown
    end: int
    created_at: str


@dataclass
class _Book:
    title: str
    author: str
    highlights: list[tuple[Highlight, _Clip]] = field(default_factory=list)
    loose_notes: list[str] = field(default_factory=list)


def _numbers(segment: str) -> tuple[str, int, int] | None:
    found = _RANGE.search(segment)
    if found is None:
        return None
    first = int(found.group(1))
    last_raw = found.group(2)
    last = first if last_raw is None else int(last_raw)
    if last_raw is not None and last < first:  # old firmware: "180-82" means 180-182
        last = int(found.group(1)[: len(found.group(1)) - len(last_raw)] + last_raw)
    return (f"{first}-{last}" if last != first else str(first)), first, last


def _clip(meta: str) -> _Clip:
    segments = [s.strip() for s in meta.lstrip(" -").split("|")]
    lowered = meta.lower()  # Japanese names the kind at the end: "…のメモ"
    if any(w in lowered for w in _BOOKMARK_WORDS):
        kind = "bookmark"
    elif any(w in lowered for w in _NOTE_WORDS):
        kind = "note"
    else:
        kind = "highlight"
    page = location = ""
    start = end = -1
    created = ""
    for segment in segments:
        low = segment.lower()
        is_page = any(w in low for w in _PAGE_WORDS)
        is_location = any(w in low for w in _LOCATION_WORDS)
        numbers = _numbers(segment) if (is_page or is_location) else None
        if numbers is None:
            if not created:
                created = parse_date(segment) if re.search(r"\d{4}", segment) else ""
            continue
        if is_location:
            location, start, end = numbers
        else:
            page = numbers[0]
    return _Clip(kind, page, location, start, end, created)


def _title_author(line: str) -> tuple[str, str]:
    line = line.strip()
    found = re.match(r"^(.*\S)\s*\(([^()]*)\)$", line)
    if found and found.group(2).strip():
        return found.group(1).strip(), found.group(2).strip()
    return line or "Untitled", ""


def _where(clip: _Clip) -> str:
    parts = []
    if clip.page:
        parts.append(f"page {clip.page}")
    if clip.location:
        parts.append(f"location {clip.location}")
    return " · ".join(parts)


def read(export: ExportFile) -> Bundle:
    bundle = Bundle(APP)
    books: dict[tuple[str, str], _Book] = {}
    for number, raw in enumerate(_SEPARATOR.split(export.text), start=1):
        lines = raw.strip("\n").split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            continue
        if len(lines) < 2 or not _META.match(lines[1]):
            bundle.problem(f"entry {number}", "not a clipping (no title and '- Your …' "
                           "line); skipped")
            continue
        clip = _clip(lines[1])
        body = "\n".join(lines[2:]).strip()
        title, author = _title_author(lines[0])
        book = books.setdefault((title.casefold(), author.casefold()), _Book(title, author))
        if clip.kind == "bookmark":
            bundle.skip("bookmarks (no text)")
        elif not body:
            bundle.skip("empty clippings")
        elif clip.kind == "note":
            _join_note(book, clip, body)
        else:
            _add_highlight(bundle, book, clip, body)
    for book in books.values():
        if not book.highlights and not book.loose_notes:
            continue
        dates = [c.created_at for _h, c in book.highlights if c.created_at]
        bundle.items.append(Item(
            title=book.title, author=book.author, book=True,
            saved_at=min(dates) if dates else "",
            description="\n".join(book.loose_notes),
            highlights=tuple(h for h, _c in book.highlights), entry=book.title))
    return bundle


def _add_highlight(bundle: Bundle, book: _Book, clip: _Clip, body: str) -> None:
    mark = Highlight(quote=body, created_at=clip.created_at, location=_where(clip))
    for index, (known, old) in enumerate(book.highlights):
        if known.quote == body:
            bundle.skip("repeated clippings")
            return
        overlaps = (clip.start >= 0 and old.start >= 0 and clip.start <= old.end
                    and old.start <= clip.end)
        if overlaps and (known.quote in body or body in known.quote):
            # The reader extended (or shortened) a highlight: Kindle wrote it again.
            book.highlights[index] = (replace(mark, note=known.note), clip)
            bundle.skip("repeated clippings")
            return
    book.highlights.append((mark, clip))


def _join_note(book: _Book, clip: _Clip, body: str) -> None:
    for index in range(len(book.highlights) - 1, -1, -1):
        mark, where = book.highlights[index]
        if clip.start >= 0 and where.start <= clip.start <= where.end:
            note = f"{mark.note}\n\n{body}" if mark.note else body
            book.highlights[index] = (replace(mark, note=note), where)
            return
    place = _where(clip)
    book.loose_notes.append(f"- {place}: {body}" if place else f"- {body}")
