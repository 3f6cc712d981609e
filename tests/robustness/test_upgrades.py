"""Upgrades keep data: a library from every older schema version opens in this one with
every row intact (tests/fixtures/libraries, built by tests/fixtures/make_libraries.py)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from lectern_testing import REPO, run_cli

from desktop.core.paths import app_paths
from desktop.core.search import ranked_ids
from desktop.core.storage import MIGRATION_VERSIONS, SCHEMA_VERSION, backups
from desktop.core.storage.library import blocks_from_json
from desktop.core.storage.opening import open_library_safely

FIXTURES = REPO / "tests" / "fixtures" / "libraries"
VERSIONS = MIGRATION_VERSIONS


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    names = [str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'search_index%' ORDER BY name")]
    return names


# Columns a migration rewrites on purpose (0011: blocks as kind and length, their words
# in articles.text): checked through what they mean, not byte for byte.
_REWRITTEN = {("articles", "blocks_json")}


def _blocks(path: Path) -> dict[int, list[tuple[str, str]]]:
    """Each article's blocks (kind, words) as the fixture stored them, in either form."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = {}
        for article_id, raw, text in conn.execute("SELECT id, blocks_json, text FROM articles"):
            found[int(article_id)] = [(b.kind.value, b.text) for b in blocks_from_json(raw, text)]
        return found
    finally:
        conn.close()


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    listed = ", ".join(f'"{c}"' for c in columns)
    return sorted(tuple(r) for r in conn.execute(f'SELECT {listed} FROM "{table}"'))


def _snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        snapshot = {}
        for table in _user_tables(conn):
            columns = [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')
                       if (table, r[1]) not in _REWRITTEN]
            snapshot[table] = (columns, _rows(conn, table, columns))
        return snapshot
    finally:
        conn.close()


def test_there_is_a_fixture_library_for_every_schema_version() -> None:
    missing = [v for v in VERSIONS if not (FIXTURES / f"library-v{v}.sqlite3").exists()]
    assert not missing, f"run tests/fixtures/make_libraries.py (no fixture for {missing})"


@pytest.mark.parametrize("version", VERSIONS)
def test_an_older_library_opens_with_every_row_intact(version: int, tmp_path: Path) -> None:
    fixture = FIXTURES / f"library-v{version}.sqlite3"
    paths = app_paths(tmp_path / "home")
    paths.ensure()
    shutil.copy(fixture, paths.library)
    before = _snapshot(fixture)
    blocks_before = _blocks(fixture)
    assert before["articles"][1], "the fixture holds articles"

    library, report = open_library_safely(paths)
    try:
        assert report.recovery is None
        assert (report.migrated_from, report.migrated_to) == (version, SCHEMA_VERSION)
        for summary in library.list_articles():
            record = library.article(summary.id)
            assert record.text.startswith(record.title)
            assert [(b.kind.value, b.text) for b in record.blocks] == blocks_before[record.id]
            assert library.source(record.id).data.startswith((b"<html>", b"# "))
        assert library.note(1).startswith("# Notes")
        assert library.setting("ui.theme") == "dark"
        assert library.search("skaters") == [1]  # the full-text index survived
        assert ranked_ids(library.conn, "title:Café") == [2]
        assert ranked_ids(library.conn, "note:margaret") == [1]  # notes are searched too
        if version >= 3:  # highlights, their notes and tags
            assert ranked_ids(library.conn, "highlight:bank note:1986 tag:climate") == [1]
    finally:
        library.close()

    conn = sqlite3.connect(paths.library)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for (raw,) in conn.execute("SELECT blocks_json FROM articles"):  # text kept once
            assert all(isinstance(length, int) for _kind, length in json.loads(raw)), raw
        for table, (columns, rows) in before.items():
            assert _rows(conn, table, columns) == rows, table
    finally:
        conn.close()

    if version < SCHEMA_VERSION:  # the library as it was is kept before the upgrade
        kept = [p for p in backups.list_backups(paths.backups) if "before-v" in p.name]
        assert len(kept) == 1
        assert _snapshot(kept[0]) == before


def test_the_cli_reads_an_upgraded_library(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(FIXTURES / "library-v1.sqlite3", home / "library.sqlite3")
    shown = run_cli("show", "2", "--text", home=home)
    assert shown.returncode == 0, shown.stderr
    assert "12 € bought an afternoon" in shown.stdout
