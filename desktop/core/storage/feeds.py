"""The feeds the reader follows and the items each has shown (migration 0008).

Which feed an article came from is kept in ``feed_items.article_id``:
``articles_of(feed_id)`` is what a library filter by feed asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.errors import NotFound

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str
    site_url: str
    added_at: str
    etag: str
    last_modified: str
    refreshed_at: str
    problem: str
    unread: int = 0  # its articles never opened
    articles: int = 0


_COLUMNS = ("f.id, f.url, f.title, f.site_url, f.added_at, f.etag, f.last_modified,"
            " f.refreshed_at, f.problem")
_COUNTS = ("(SELECT COUNT(*) FROM feed_items i JOIN articles a ON a.id = i.article_id"
           "  WHERE i.feed_id = f.id AND a.opened_at = '' AND a.archived = 0),"
           " (SELECT COUNT(*) FROM feed_items i WHERE i.feed_id = f.id"
           "  AND i.article_id IS NOT NULL)")


class Feeds:
    def __init__(self, library: Library) -> None:
        self.library = library

    def add(self, url: str, title: str, added_at: str) -> tuple[int, bool]:
        """Follow the feed at canonical ``url``: (its id, True if it was new)."""
        with self.library.transaction() as conn:
            row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is not None:
                return int(row[0]), False
            cursor = conn.execute("INSERT INTO feeds (url, title, added_at) VALUES (?,?,?)",
                                  (url, title, added_at))
            return int(cursor.lastrowid or 0), True

    def all(self) -> list[Feed]:
        rows = self.library.conn.execute(
            f"SELECT {_COLUMNS}, {_COUNTS} FROM feeds f ORDER BY lower(f.title), f.id"
        ).fetchall()
        return [Feed(*tuple(row)) for row in rows]

    def get(self, feed_id: int) -> Feed:
        row = self.library.conn.execute(
            f"SELECT {_COLUMNS}, {_COUNTS} FROM feeds f WHERE f.id = ?", (feed_id,)).fetchone()
        if row is None:
            raise NotFound(f"no feed with id {feed_id}")
        return Feed(*tuple(row))

    def remove(self, feed_id: int) -> None:
        """Stop following a feed; its articles stay, its links still waiting go."""
        self.get(feed_id)
        with self.library.transaction() as conn:
            conn.execute("DELETE FROM waiting_links WHERE origin = ? AND status != 'done'",
                         (f"feed:{feed_id}",))
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def refreshed(self, feed_id: int, *, at: str, etag: str | None = None,
                  last_modified: str | None = None, title: str = "", site_url: str = "",
                  problem: str = "") -> None:
        """Record a refresh: the validators to send next time (None: keep them)."""
        with self.library.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET refreshed_at = ?, problem = ?,"
                " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                " title = CASE WHEN ? != '' THEN ? ELSE title END,"
                " site_url = CASE WHEN ? != '' THEN ? ELSE site_url END WHERE id = ?",
                (at, problem, etag, last_modified, title, title, site_url, site_url, feed_id))

    def seen_keys(self, feed_id: int) -> set[str]:
        return {str(r[0]) for r in self.library.conn.execute(
            "SELECT item_key FROM feed_items WHERE feed_id = ?", (feed_id,))}

    def add_item(self, feed_id: int, key: str, url: str, title: str, published: str,
                 seen_at: str, article_id: int | None) -> None:
        with self.library.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO feed_items (feed_id, item_key, url, title, published,"
                " seen_at, article_id) VALUES (?,?,?,?,?,?,?)",
                (feed_id, key, url, title, published, seen_at, article_id))

    def articles_of(self, feed_id: int) -> list[int]:
        """The articles that came from a feed, newest item first."""
        return [int(r[0]) for r in self.library.conn.execute(
            "SELECT article_id FROM feed_items WHERE feed_id = ? AND article_id IS NOT NULL"
            " ORDER BY published DESC, seen_at DESC", (feed_id,))]

    def feed_of(self, article_id: int) -> int | None:
        row = self.library.conn.execute(
            "SELECT feed_id FROM feed_items WHERE article_id = ? LIMIT 1",
            (article_id,)).fetchone()
        return None if row is None else int(row[0])


def item_arrived(library: Library, url: str, article_id: int) -> None:
    """A feed item's page was fetched (as a waiting link) and became ``article_id``."""
    with library.transaction() as conn:
        conn.execute("UPDATE feed_items SET article_id = ? WHERE url = ?"
                     " AND article_id IS NULL", (article_id, url))
