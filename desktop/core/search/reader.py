"""Answering the library list's questions off the GUI thread, newest question first.

The window asks a ``ListReader`` for the ids to show on every key typed in the search
box. Each question gets a number; once a newer one is asked, the older one's SQLite
work is interrupted (``sqlite3.Connection.interrupt`` from the asking thread, and a
rare progress check as a backstop) and its answer is None, so a slow query for "d"
never delays the answer for "drought". The check is rare on purpose: each one takes
the interpreter's lock in the worker, which the GUI thread then waits for. It reads
on its own read-only connection, so it never waits for the GUI thread's connection
(SQLite's WAL lets both read).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from pathlib import Path

from desktop.core.search.engine import abort_when
from desktop.core.search.listing import ListQuery, article_ids, count
from desktop.core.storage import connect

LIST_NICENESS = 5  # see _yield_to_the_window


class ListReader:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._newest = 0
        self._listing: sqlite3.Connection | None = None  # while a question is answered

    def ask(self) -> int:
        """A number for a new question; every older question is now stale."""
        self._newest += 1
        conn = self._listing
        if conn is not None:  # an older question is being answered: stop it now
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                conn.interrupt()  # safe from any thread; a no-op once it is done
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
            _yield_to_the_window()
            conn = self._connection()
            abort_when(conn, lambda: number != self._newest, every=200_000)
            self._listing = conn
            try:
                if number != self._newest:  # asked before _listing was set: not interrupted
                    return None
                return article_ids(conn, query)
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    return None
                raise
            finally:
                self._listing = None
                conn.set_progress_handler(None, 0)

    def counts(self, queries: list[ListQuery]) -> list[int | None]:
        """How many articles each query lists (None for one that cannot be counted)."""
        from desktop.core.search.query import QueryError

        with self._lock:
            _yield_to_the_window()
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


def _yield_to_the_window() -> None:
    """Run this thread at a lower CPU priority than the GUI thread (Linux: a nice value
    per thread). On a busy two-core machine a query for a 3-letter prefix competes for
    the CPU with the window drawing the keys being typed; the keys should win."""
    if sys.platform != "linux":  # elsewhere PRIO_PROCESS would renice the whole app
        return
    thread = threading.get_native_id()
    with contextlib.suppress(OSError):
        if os.getpriority(os.PRIO_PROCESS, thread) < LIST_NICENESS:
            os.setpriority(os.PRIO_PROCESS, thread, LIST_NICENESS)
