"""Where each article stands for its reader: inbox or archive, favourite, progress, tags.

Every write is one durable transaction. Tags are kept as given (trimmed, in order,
compared without case), like highlight tags (``normalize_tags``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.errors import NotFound
from desktop.core.models import normalize_tags

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


@dataclass(frozen=True)
class ReadingState:
    archived: bool
    favourite: bool
    progress: float  # share of the text read, 0..1
    opened_at: str  # ISO UTC of the last opening, '' if never
    tags: tuple[str, ...]


class ReadingStates:
    def __init__(self, library: Library) -> None:
        self.library = library

    def get(self, article_id: int) -> ReadingState:
        row = self.library.conn.execute(
            "SELECT archived, favourite, progress, opened_at FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return ReadingState(bool(row[0]), bool(row[1]), float(row[2]), str(row[3]),
                            tuple(self.tags(article_id)))

    def set_archived(self, article_ids: Sequence[int], archived: bool) -> None:
        self._set_flag("archived", article_ids, archived)

    def set_favourite(self, article_ids: Sequence[int], favourite: bool) -> None:
        self._set_flag("favourite", article_ids, favourite)

    def _set_flag(self, column: str, article_ids: Sequence[int], value: bool) -> None:
        # column is one of two names written above, never user input
        with self.library.transaction() as conn:
            conn.executemany(f"UPDATE articles SET {column} = ? WHERE id = ?",
                             [(int(value), article_id) for article_id in article_ids])

    def set_progress(self, article_id: int, progress: float, opened_at: str) -> None:
        """Remember how far the reader got (clamped to 0..1) and when they last read."""
        share = min(1.0, max(0.0, progress))
        with self.library.transaction() as conn:
            conn.execute("UPDATE articles SET progress = ?, opened_at = ? WHERE id = ?",
                         (share, opened_at, article_id))

    def tags(self, article_id: int) -> list[str]:
        rows = self.library.conn.execute(
            "SELECT tag FROM article_tags WHERE article_id = ? ORDER BY position",
            (article_id,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def set_tags(self, article_id: int, tags: Iterable[str] | str) -> list[str]:
        """Replace an article's tags; returns them as stored."""
        cleaned = normalize_tags(tags)
        with self.library.transaction() as conn:
            conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT INTO article_tags (article_id, tag, position) VALUES (?,?,?)",
                [(article_id, tag, position) for position, tag in enumerate(cleaned)],
            )
        return cleaned

    def add_tags(self, article_id: int, tags: Iterable[str] | str) -> list[str]:
        """Add tags after the ones the article has (those it has already are kept once)."""
        current = self.tags(article_id)
        return self.set_tags(article_id, [*current, *normalize_tags(tags)])

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every article tag in the library with how many articles carry it, by name."""
        rows = self.library.conn.execute(
            "SELECT tag, COUNT(*) FROM article_tags GROUP BY tag ORDER BY tag COLLATE NOCASE"
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]
