"""Answering the library list's questions off the GUI thread, newest question first.

The window asks a ``ListReader`` for the ids to show on every key typed in the search
box. Each question gets a number; once a newer one is asked, the older one's SQLite
work is interrupted (a progress handler) and its answer is None, so a slow query for
"d" never delays the answer for "drought". It reads on its own read-only connection,
so it never waits for the GUI thread's connection (SQLite's WAL lets both read).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from desktop.core.search.engine import abort_when
from desktop.core.search.listing import ListQuery, article_ids, count
from desktop.core.storage import connect


class ListReader:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._newest = 0

    def ask(self) -> int:
        """A number for a new question; every older question is now stale."""
        self._newest += 1
        return self._newest

    @property
    def latest(self) -> int:
        """The number of the newest question."""
        return self._newest

    def ids(self, query: ListQuery, number: int) -> list[int] | None:
        """The ids for ``query``, or None if a newer question came meanwhile.
        Raises QueryError for a search that means nothing."""
        with self._lock:
            if number != self._newest:
                return None
            conn = self._connection()
            abort_when(conn, lambda: number != self._newest)
            try:
                return article_ids(conn, query)
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    return None
                raise
            finally:
                conn.set_progress_handler(None, 0)

    def counts(self, queries: list[ListQuery]) -> list[int | None]:
        """How many articles each query lists (None for one that cannot be counted)."""
        from desktop.core.search.query import QueryError

        with self._lock:
            conn = self._connection()
            found: list[int | None] = []
            for query in queries:
                try:
                    found.append(count(conn, query))
                except QueryError:
                    found.append(None)
            return found

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self._path, readonly=True)
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
