"""When an article's search row is rebuilt after the reader wrote (migration 0014).

Triggers put the id of each article whose highlights, notes or tags changed into
``search_refresh``. A connection refreshes those rows either at once, inside the
write (``refresh_at_once``: a TEMP trigger, the default for every writable
library, so a command's search sees what it just wrote), or later, in one
transaction of its own (``refresh_pending``): the window saves highlights on its
GUI thread and leaves the rebuild, whose cost grows with the article's
highlights, to a worker (desktop/ui/features/search). A library opened with rows
still pending (a window that stopped before its refresh) refreshes them first.
"""

from __future__ import annotations

import sqlite3

# One article's row: the old row out (by what it was indexed with), the reader's
# part recomputed, the new row in. The body migration 0010's trigger had.
_REFRESH = """
    INSERT INTO search_index (search_index, rowid, title, text, highlights, notes, tags, site)
        SELECT 'delete', id, title, text, highlights, notes, tags, site
        FROM search_documents WHERE id = {id};
    UPDATE search_extras SET (highlights, notes, tags) = (
        SELECT highlights, notes, tags FROM search_extras_fresh WHERE article_id = {id})
        WHERE article_id = {id};
    INSERT INTO search_index (rowid, title, text, highlights, notes, tags, site)
        SELECT id, title, text, highlights, notes, tags, site
        FROM search_documents WHERE id = {id};
"""

_AT_ONCE = ("CREATE TEMP TRIGGER IF NOT EXISTS search_refresh_at_once "
            "AFTER INSERT ON main.search_refresh BEGIN "
            + _REFRESH.format(id="new.article_id")
            + " DELETE FROM search_refresh WHERE article_id = new.article_id; END")


def _refreshed_by_connection(conn: sqlite3.Connection) -> bool:
    """Whether this library's schema leaves the refresh to its connections (0014)."""
    found = {str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE name IN ('search_refresh', 'search_refresh_row')")}
    return found == {"search_refresh"}


def refresh_at_once(conn: sqlite3.Connection) -> None:
    """Rebuild an article's search row inside each write that changes it."""
    if _refreshed_by_connection(conn):
        conn.execute(_AT_ONCE)


def refresh_later(conn: sqlite3.Connection) -> None:
    """Leave the rebuilds pending on this connection, for ``refresh_pending``."""
    conn.execute("DROP TRIGGER IF EXISTS temp.search_refresh_at_once")


def pending(conn: sqlite3.Connection) -> bool:
    """Whether rows wait to be rebuilt (never before 0014: its trigger emptied the table)."""
    try:
        return conn.execute("SELECT 1 FROM search_refresh LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # before 0010: no search index at all
        return False


def refresh_pending(conn: sqlite3.Connection) -> int:
    """Rebuild every pending article's row, in one transaction; how many."""
    if not pending(conn):
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = [int(r[0]) for r in conn.execute(
            "SELECT DISTINCT article_id FROM search_refresh ORDER BY article_id")]
        for article_id in ids:
            for statement in _REFRESH.format(id=":id").split(";"):
                if statement.strip():
                    conn.execute(statement, {"id": article_id})
        conn.execute("DELETE FROM search_refresh")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(ids)
