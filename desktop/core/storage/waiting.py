"""Links waiting to be downloaded, and the highlights that wait for their text.

Another app's export brings thousands of saved links with no page; a feed item may
carry only a summary. Each waits here until ``lectern fetch`` (or the window) brings
its page in. A link is recognised by its canonical URL, so saving it twice keeps one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.models import normalize_tags

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

WAITING, FAILED, DONE = "waiting", "failed", "done"


@dataclass(frozen=True)
class WaitingHighlight:
    quote: str
    note: str = ""
    color: str = "yellow"
    tags: tuple[str, ...] = ()
    created_at: str = ""


@dataclass(frozen=True)
class NewLink:
    """A link to save for later, with what its origin knew about it."""

    url: str  # canonical form: the caller canonicalises
    saved_at: str
    title: str = ""
    origin: str = ""  # e.g. "pocket", "feed:3", "url"
    tags: tuple[str, ...] = ()
    archived: bool = False
    favourite: bool = False
    progress: float = 0.0
    highlights: tuple[WaitingHighlight, ...] = ()


@dataclass(frozen=True)
class WaitingLink:
    id: int
    url: str
    title: str
    origin: str
    saved_at: str
    tags: tuple[str, ...]
    archived: bool
    favourite: bool
    progress: float
    status: str
    attempts: int
    next_attempt_at: str
    problem: str
    article_id: int | None
    highlights: tuple[WaitingHighlight, ...] = field(default=())


_COLUMNS = ("id, url, title, origin, saved_at, tags_json, archived, favourite, progress,"
            " status, attempts, next_attempt_at, problem, article_id")


class WaitingLinks:
    def __init__(self, library: Library) -> None:
        self.library = library

    def add(self, link: NewLink) -> tuple[int, bool]:
        """Save a link to fetch later. Returns (its id, True if it was new).

        A link already waiting keeps its row; highlights it did not have yet are added
        after the ones it has (compared by quote and note), so a newer export of the same
        account adds only what is new.
        """
        with self.library.transaction() as conn:
            row = conn.execute("SELECT id FROM waiting_links WHERE url = ?",
                               (link.url,)).fetchone()
            if row is None:
                cursor = conn.execute(
                    "INSERT INTO waiting_links (url, title, origin, saved_at, tags_json,"
                    " archived, favourite, progress) VALUES (?,?,?,?,?,?,?,?)",
                    (link.url, link.title, link.origin, link.saved_at,
                     json.dumps(normalize_tags(link.tags)), int(link.archived),
                     int(link.favourite), link.progress),
                )
                link_id, added = int(cursor.lastrowid or 0), True
            else:
                link_id, added = int(row[0]), False
            known = {(str(r[0]), str(r[1])) for r in conn.execute(
                "SELECT quote, note FROM waiting_highlights WHERE link_id = ?", (link_id,))}
            first = int(conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM waiting_highlights WHERE link_id = ?",
                (link_id,)).fetchone()[0])
            fresh = [h for h in link.highlights if (h.quote, h.note) not in known]
            conn.executemany(
                "INSERT INTO waiting_highlights (link_id, position, quote, note, color,"
                " tags_json, created_at) VALUES (?,?,?,?,?,?,?)",
                [(link_id, first + i, h.quote, h.note, h.color,
                  json.dumps(normalize_tags(h.tags)), h.created_at)
                 for i, h in enumerate(fresh)],
            )
        return link_id, added

    def get(self, link_id: int) -> WaitingLink | None:
        row = self.library.conn.execute(
            f"SELECT {_COLUMNS} FROM waiting_links WHERE id = ?", (link_id,)).fetchone()
        return None if row is None else self._link(row, self.highlights(link_id))

    def find(self, url: str) -> WaitingLink | None:
        row = self.library.conn.execute(
            f"SELECT {_COLUMNS} FROM waiting_links WHERE url = ?", (url,)).fetchone()
        return None if row is None else self._link(row, self.highlights(int(row[0])))

    def due(self, now: str, limit: int = 1000) -> list[WaitingLink]:
        """Links to fetch now, oldest saved first (highlights not loaded: see highlights())."""
        rows = self.library.conn.execute(
            f"SELECT {_COLUMNS} FROM waiting_links WHERE status = ? AND next_attempt_at <= ?"
            " ORDER BY saved_at, id LIMIT ?", (WAITING, now, limit)).fetchall()
        return [self._link(row) for row in rows]

    def all(self, statuses: Sequence[str] = (WAITING, FAILED)) -> list[WaitingLink]:
        marks = ",".join("?" * len(statuses))
        rows = self.library.conn.execute(
            f"SELECT {_COLUMNS} FROM waiting_links WHERE status IN ({marks})"
            " ORDER BY saved_at, id", tuple(statuses)).fetchall()
        return [self._link(row) for row in rows]

    def count(self, status: str = WAITING) -> int:
        return int(self.library.conn.execute(
            "SELECT COUNT(*) FROM waiting_links WHERE status = ?", (status,)).fetchone()[0])

    def highlights(self, link_id: int) -> tuple[WaitingHighlight, ...]:
        rows = self.library.conn.execute(
            "SELECT quote, note, color, tags_json, created_at FROM waiting_highlights"
            " WHERE link_id = ? ORDER BY position", (link_id,)).fetchall()
        return tuple(WaitingHighlight(str(r[0]), str(r[1]), str(r[2]),
                                      tuple(json.loads(r[3])), str(r[4])) for r in rows)

    def retry_later(self, link_id: int, problem: str, next_attempt_at: str) -> None:
        """A passing failure (timeout, 5xx): try again after ``next_attempt_at``."""
        with self.library.transaction() as conn:
            conn.execute(
                "UPDATE waiting_links SET attempts = attempts + 1, problem = ?,"
                " next_attempt_at = ? WHERE id = ?", (problem, next_attempt_at, link_id))

    def give_up(self, link_id: int, problem: str) -> None:
        """A lasting failure (404, not a page, retries used up): kept, listed with why."""
        with self.library.transaction() as conn:
            conn.execute(
                "UPDATE waiting_links SET status = ?, attempts = attempts + 1, problem = ?"
                " WHERE id = ?", (FAILED, problem, link_id))

    def requeue_failed(self) -> int:
        """Give every failed link another chance (the reader asked to retry)."""
        with self.library.transaction() as conn:
            cursor = conn.execute(
                "UPDATE waiting_links SET status = ?, next_attempt_at = '' WHERE status = ?",
                (WAITING, FAILED))
        return cursor.rowcount

    def mark_done(self, link_id: int, article_id: int) -> None:
        """The page arrived as ``article_id``; its waiting highlights are dropped here
        (the caller placed them on the article first, in the same breath)."""
        with self.library.transaction() as conn:
            conn.execute("UPDATE waiting_links SET status = ?, article_id = ?, problem = ''"
                         " WHERE id = ?", (DONE, article_id, link_id))
            conn.execute("DELETE FROM waiting_highlights WHERE link_id = ?", (link_id,))

    def remove(self, link_id: int) -> None:
        with self.library.transaction() as conn:
            conn.execute("DELETE FROM waiting_links WHERE id = ?", (link_id,))

    @staticmethod
    def _link(row: Sequence[object],
              highlights: tuple[WaitingHighlight, ...] = ()) -> WaitingLink:
        article = row[13]
        return WaitingLink(
            id=int(str(row[0])), url=str(row[1]), title=str(row[2]), origin=str(row[3]),
            saved_at=str(row[4]), tags=tuple(json.loads(str(row[5]))), archived=bool(row[6]),
            favourite=bool(row[7]), progress=float(str(row[8])), status=str(row[9]),
            attempts=int(str(row[10])), next_attempt_at=str(row[11]), problem=str(row[12]),
            article_id=None if article is None else int(str(article)),
            highlights=highlights,
        )
