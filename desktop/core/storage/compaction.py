"""Making an older library as compact as a new one: its sources compressed, space given back.

Since migration 0011 every source is written zlib-compressed; sources stored before stay
as they were (a migration cannot compress in SQL). ``compress_sources`` compresses them
in small transactions (a reader is never held up for long), and ``vacuum`` rewrites the
file so the freed pages are returned to the disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.core.storage.library import Library, compress_source

BATCH = 200


def uncompressed_sources(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM sources WHERE compressed = 0").fetchone()[0])


def compress_sources(library: Library,
                     report: Callable[[int, int], None] | None = None) -> int:
    """Compress every source still stored raw; returns how many were compressed."""
    total = uncompressed_sources(library.conn)
    done = 0
    while True:
        rows = library.conn.execute(
            "SELECT article_id, data FROM sources WHERE compressed = 0 LIMIT ?", (BATCH,)
        ).fetchall()
        if not rows:
            return done
        with library.transaction() as conn:
            conn.executemany("UPDATE sources SET data = ?, compressed = 1 WHERE article_id = ?",
                             [(compress_source(bytes(r[1])), int(r[0])) for r in rows])
        done += len(rows)
        if report is not None:
            report(done, total)


def vacuum(library: Library) -> None:
    """Rewrite the file without its free pages (needs about the library's size free)."""
    library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.conn.execute("VACUUM")
