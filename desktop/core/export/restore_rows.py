"""Copying a backup's rows, and nothing else, into a database of Lectern's own schema.

A backup's database is untrusted: it can carry triggers (one deleted every
article on the next write), views, extra tables and indexes, values of the
wrong type, and records pointing outside the library. So it is never used as
it is. A fresh database is built by Lectern's own migrations up to the
backup's schema version; only the columns that schema knows are copied, each
value coerced to its column's type (a row that does not fit is left out); rows
whose parents are missing are dropped; export records pointing outside their
folder are dropped; the full-text index is rebuilt; then the usual migrations
bring it up to date. The untrusted file is only ever read, with
``trusted_schema`` off, from tables (never views).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.models import BlockKind
from desktop.core.storage.db import SCHEMA_VERSION, connect, migrate

_BATCH = 500
_INT64 = (-(1 << 63), (1 << 63) - 1)
_BLOCK_KINDS = frozenset(k.value for k in BlockKind)

_SCHEMA_ROWS = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"

RowCheck = Callable[[dict[str, Any]], bool]


@dataclass
class CopyReport:
    counts: dict[str, int] = field(default_factory=dict)  # rows copied, per table
    dropped: dict[str, int] = field(default_factory=dict)  # rows left out, per table
    ignored: list[str] = field(default_factory=list)  # the backup's own tables/triggers/views

    def drop(self, table: str, count: int = 1) -> None:
        if count:
            self.dropped[table] = self.dropped.get(table, 0) + count


def _inside(path: str, folder: str) -> bool:
    try:
        target, base = Path(path).resolve(), Path(folder).resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return Path(path).is_absolute() and Path(folder).is_absolute() and (
        target != base and target.is_relative_to(base))


def _export_ok(row: dict[str, Any]) -> bool:
    return _inside(str(row.get("path", "")), str(row.get("folder", "")))


def _blocks_ok(row: dict[str, Any]) -> bool:
    try:
        blocks = json.loads(str(row.get("blocks_json", "")))
    except ValueError:
        return False
    return isinstance(blocks, list) and all(
        # a block is [kind, text] (schema < 11) or [kind, length] (0011: text kept once)
        isinstance(b, list) and len(b) == 2 and b[0] in _BLOCK_KINDS and (
            isinstance(b[1], str) or (type(b[1]) is int and b[1] >= 0))
        for b in blocks)


ROW_CHECKS: dict[str, RowCheck] = {
    "exports": _export_ok, "articles": _blocks_ok,
}


def _coerce(value: Any, declared: str) -> tuple[bool, Any]:
    """(fits, value) for ``value`` in a column declared ``declared`` (SQLite affinity)."""
    kind = declared.upper()
    if value is None:
        return True, None
    if "INT" in kind:
        if isinstance(value, bool):
            return True, int(value)
        if isinstance(value, int):
            return _INT64[0] <= value <= _INT64[1], value
        if isinstance(value, float) and value.is_integer():
            return True, int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
            return True, int(value)
        return False, None
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        if isinstance(value, bytes):
            return True, value.decode("utf-8", "replace")
        return True, str(value)
    if "BLOB" in kind or not kind:
        return True, value
    if isinstance(value, int | float):  # REAL / NUMERIC
        return True, value
    try:
        return True, float(value)
    except (TypeError, ValueError):
        return False, None


def _tables(conn: sqlite3.Connection, schema: str = "main") -> dict[str, str]:
    """name -> CREATE sql of the ordinary tables (no views, no virtual tables or their
    shadow tables, nothing of SQLite's own)."""
    rows = conn.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table'").fetchall()
    virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")]
    return {str(r[0]): str(r[1] or "") for r in rows
            if str(r[0]) not in virtual and not str(r[0]).startswith("sqlite_")
            and not any(str(r[0]).startswith(v + "_") for v in virtual)}


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    return {str(r[1]): str(r[2] or "") for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _open_untrusted(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, isolation_level=None)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _rows(conn: sqlite3.Connection, table: str,
          columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.execute(f'SELECT {names} FROM "{table}"')
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def rebuild(untrusted: Path, fresh: Path, version: int) -> CopyReport:
    """Build ``fresh`` (a new file) from the rows of ``untrusted`` (schema ``version``)."""
    report = CopyReport()
    source = _open_untrusted(untrusted)
    target = connect(fresh)
    try:
        migrate(target, until=version)
        their_tables = _tables(source)
        ours = _tables(target)
        own = {(str(r[0]), str(r[1]), str(r[2])) for r in target.execute(_SCHEMA_ROWS)}
        report.ignored = sorted(f"{kind} {name}" for kind, name, sql in {
            (str(r[0]), str(r[1]), str(r[2])) for r in source.execute(_SCHEMA_ROWS)} - own)
        triggers = [str(r[0]) for r in target.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL")]
        target.execute("PRAGMA foreign_keys = OFF")
        target.execute("BEGIN IMMEDIATE")
        for name in [str(r[0]) for r in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()]:
            target.execute(f'DROP TRIGGER "{name}"')  # ours, put back after the copy
        for table in ours:
            if table in their_tables and their_tables[table].upper().startswith("CREATE TABLE"):
                _copy_table(source, target, table, report)
        target.execute("COMMIT")
        target.execute("PRAGMA foreign_keys = ON")
        _drop_orphans(target, list(ours), report)
        _settle(target, triggers)
        migrate(target)
    finally:
        source.close()
        target.close()
    return report


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str,
                report: CopyReport) -> None:
    wanted = _columns(target, table)
    theirs = _columns(source, table)
    columns = [c for c in wanted if c in theirs]
    if not columns:
        return
    check = ROW_CHECKS.get(table)
    sql = (f'INSERT OR IGNORE INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)})'
           f' VALUES ({", ".join("?" for _ in columns)})')
    target.execute(f'DELETE FROM "{table}"')  # rows a migration seeded: the backup's win
    read = 0
    batch: list[tuple[Any, ...]] = []
    for row in _rows(source, table, columns):
        read += 1
        values: list[Any] = []
        for column, value in zip(columns, row, strict=True):
            fits, coerced = _coerce(value, wanted[column])
            if not fits:
                break
            values.append(coerced)
        else:
            if check is None or check(dict(zip(columns, values, strict=True))):
                batch.append(tuple(values))
        if len(batch) >= _BATCH:
            target.executemany(sql, batch)
            batch.clear()
    if batch:
        target.executemany(sql, batch)
    after = int(target.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    report.counts[table] = after
    report.drop(table, read - after)


def _drop_orphans(conn: sqlite3.Connection, tables: list[str], report: CopyReport) -> None:
    """Delete rows whose parent row is missing (a hand-made or damaged backup), until
    none is left: a deletion can cascade to further orphans."""
    for _round in range(10):
        removed = 0
        for table in tables:
            for fk in _foreign_keys(conn, table):
                parent, pairs = fk
                missing = " OR ".join(f'"{c}" IS NOT NULL' for c, _p in pairs)
                match = " AND ".join(f'p."{p}" = "{table}"."{c}"' for c, p in pairs)
                cursor = conn.execute(
                    f'DELETE FROM "{table}" WHERE ({missing}) AND NOT EXISTS '
                    f'(SELECT 1 FROM "{parent}" AS p WHERE {match})')
                report.drop(table, max(cursor.rowcount, 0))
                removed += max(cursor.rowcount, 0)
        if not removed:
            return


def _foreign_keys(conn: sqlite3.Connection, table: str) -> list[tuple[str, list[tuple[str, str]]]]:
    grouped: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        fk_id, parent, child_col, parent_col = int(row[0]), str(row[2]), str(row[3]), row[4]
        entry = grouped.setdefault(fk_id, (parent, []))
        entry[1].append((child_col, str(parent_col) if parent_col else "rowid"))
    return list(grouped.values())


def _settle(conn: sqlite3.Connection, triggers: list[str]) -> None:
    """Put Lectern's triggers back, rebuild full-text indexes, fix what points nowhere."""
    conn.execute("BEGIN IMMEDIATE")
    for sql in triggers:
        conn.execute(sql)
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
            "'CREATE VIRTUAL TABLE%USING fts5%content=%'").fetchall():
        conn.execute(f"INSERT INTO \"{name}\"(\"{name}\") VALUES ('rebuild')")
    tables = _tables(conn)
    if "annotations" in tables:  # offsets past the text: kept, as orphans to re-attach
        conn.execute(
            "UPDATE annotations SET status = 'orphaned' WHERE start_offset < 0 OR end_offset >"
            " (SELECT length(text) FROM articles WHERE articles.id = annotations.article_id)")
    if "entity_mentions" in tables:
        conn.execute(
            "DELETE FROM entity_mentions WHERE start_offset < 0 OR end_offset < start_offset"
            " OR end_offset > (SELECT length(text) FROM articles"
            " WHERE articles.id = entity_mentions.article_id)")
    conn.execute("COMMIT")


__all__ = ["SCHEMA_VERSION", "CopyReport", "rebuild"]
