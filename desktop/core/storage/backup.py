"""Consistent copies of a live library, through SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def copy_database(conn: sqlite3.Connection, destination: Path) -> None:
    """Write a consistent snapshot of ``conn``'s database to ``destination``.

    The copy is written beside the destination and renamed into place, so a
    crash never leaves a half-written file under the final name.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(str(partial))
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, destination)
    if os.name == "posix":
        destination.chmod(0o600)
