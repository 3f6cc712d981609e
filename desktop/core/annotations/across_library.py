"""Every highlight in the library in one list: on articles (anchored or orphaned)
and waiting with their link for its page. Read in three queries, whatever the size
of the library, for ``lectern annotations --all`` and the All Highlights window."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

WAITING = "waiting"


@dataclass(frozen=True)
class LibraryHighlight:
    id: str  # the annotation's id; "waiting:LINK:POSITION" for a waiting one
    article_id: int | None  # None while its page has not arrived
    link_id: int | None  # the waiting link, for a waiting highlight
    title: str  # of its article or link
    url: str
    quote: str
    note: str
    tags: tuple[str, ...]
    color: str
    status: str  # "anchored", "orphaned" or "waiting"
    location: str
    created_at: str

    def matches(self, words: list[str]) -> bool:
        """Every word (case-insensitive) in its quote, note, tags, title or status."""
        haystack = " ".join((self.quote, self.note, " ".join(self.tags), self.title,
                             self.status, self.color, self.location)).casefold()
        return all(w.casefold() in haystack for w in words)

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "article_id": self.article_id, "link_id": self.link_id,
                "title": self.title, "url": self.url, "quote": self.quote, "note": self.note,
                "tags": list(self.tags), "color": self.color, "status": self.status,
                "location": self.location, "created_at": self.created_at}


def all_highlights(library: Library) -> list[LibraryHighlight]:
    """Articles newest saved first, each's highlights in reading order; then the
    waiting ones, oldest link first, in their export's order."""
    conn = library.conn
    tags: dict[str, list[str]] = {}
    for annotation_id, tag in conn.execute(
            "SELECT annotation_id, tag FROM annotation_tags ORDER BY annotation_id, position"):
        tags.setdefault(str(annotation_id), []).append(str(tag))
    found = [
        LibraryHighlight(
            id=str(r[0]), article_id=int(r[1]), link_id=None, title=str(r[2]), url=str(r[3]),
            quote=str(r[4]), note=str(r[5]), tags=tuple(tags.get(str(r[0]), ())),
            color=str(r[6]), status=str(r[7]), location=str(r[8]), created_at=str(r[9]))
        for r in conn.execute(
            "SELECT n.id, n.article_id, a.title, a.url, n.quote, n.note, n.color, n.status,"
            " n.location, n.created_at FROM annotations n JOIN articles a ON a.id = n.article_id"
            " ORDER BY a.saved_at DESC, a.id DESC, n.status, n.start_offset, n.end_offset,"
            " n.created_at")
    ]
    found += [
        LibraryHighlight(
            id=f"waiting:{r[0]}:{r[1]}", article_id=None, link_id=int(r[0]), title=str(r[2]),
            url=str(r[3]), quote=str(r[4]), note=str(r[5]), tags=tuple(json.loads(r[6])),
            color=str(r[7]), status=WAITING, location="", created_at=str(r[8]))
        for r in conn.execute(
            "SELECT h.link_id, h.position, l.title, l.url, h.quote, h.note, h.tags_json,"
            " h.color, h.created_at FROM waiting_highlights h"
            " JOIN waiting_links l ON l.id = h.link_id WHERE l.status != 'done'"
            " ORDER BY l.saved_at, l.id, h.position")
    ]
    return found
