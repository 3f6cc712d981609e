"""Opening the library database with the settings that keep the user's work safe."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from pathlib import Path

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("desktop.core.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    return found


# Shipped schema versions, in order. Numbers may skip (they are reserved when work on
# several migrations goes on at once); a library is always at one of these.
MIGRATION_VERSIONS: tuple[int, ...] = tuple(version for version, _name, _sql in _migrations())
SCHEMA_VERSION = MIGRATION_VERSIONS[-1]


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (or create) a library database.

    WAL lets readers (worker threads, a read-only second instance) run beside the
    writer; ``synchronous=FULL`` makes every commit durable before it returns,
    because a highlight shown as saved must survive a power cut.
    """
    if readonly:
        uri = f"file:{Path(path).as_posix()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, until: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to date (or up to ``until``: a restore rebuilds a backup's
    own version first), one migration per transaction. Returns the new version."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"this library was written by a newer Lectern (schema {current}, "
            f"this version knows {SCHEMA_VERSION}); update Lectern to open it"
        )
    for version, _name, sql in _migrations():
        if version <= current or version > until:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = version
    return current


def _split_statements(sql: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
