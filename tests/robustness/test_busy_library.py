"""A library another program holds is busy, not damaged: nothing is moved aside,
nothing restored, and the user is told plainly who is in the way.

The holder is a real second process with a real SQLite lock, as the attack was.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hostile_inputs import article_text
from lectern_testing import run_cli

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import AppPaths, app_paths
from desktop.core.storage import backups, busy
from desktop.core.storage.busy import LibraryBusy, is_busy, is_damage
from desktop.core.storage.opening import open_library_safely

# The ways another program can hold an SQLite database: an exclusive lock that
# keeps readers out too, and a write lock (readers pass, writers wait).
HOLDERS = {
    "exclusive": """
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("UPDATE settings SET value = value")
    """,
    "write": """
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE settings SET value = value")
    """,
}


@contextmanager
def held(library: Path, how: str) -> Iterator[None]:
    """Another process holding ``library`` until the block ends."""
    script = textwrap.dedent("""
        import sqlite3, sys
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    """) + textwrap.dedent(HOLDERS[how]) + textwrap.dedent("""
        print("held", flush=True)
        sys.stdin.read()
    """)
    holder = subprocess.Popen([sys.executable, "-c", script, str(library)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def _library_after_backup(home: Path) -> AppPaths:
    """A library with one article in its backup and one made since (what was lost)."""
    paths = app_paths(home)
    library, _ = open_library_safely(paths)
    try:
        import_source(library, text_source(article_text("in the backup")))
        backups.make_backup(library.conn, paths.backups)
        import_source(library, text_source(article_text("made after the backup")))
    finally:
        library.close()
    return paths


def _titles(paths: AppPaths) -> int:
    library, _ = open_library_safely(paths)
    try:
        return len(library.list_articles())
    finally:
        library.close()


@pytest.mark.parametrize("how", sorted(HOLDERS))
def test_a_held_library_is_not_recovered(tmp_path: Path, how: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(busy, "BUSY_WAIT_S", 0.5)
    paths = _library_after_backup(tmp_path / "home")
    with held(paths.library, how):
        if how == "exclusive":
            with pytest.raises(LibraryBusy, match="another program is using your library"):
                open_library_safely(paths)
        else:  # readers pass; the first write waits, then says who is in the way
            library, report = open_library_safely(paths)
            try:
                assert report.recovery is None
                with pytest.raises(LibraryBusy, match="another program is using"):
                    import_source(library, text_source(article_text("while held")))
            finally:
                library.close()
    assert not list(paths.data_dir.glob("corrupt-*"))
    assert _titles(paths) == 2  # the article made after the backup is still there


def test_cli_names_the_other_program_and_keeps_the_library(tmp_path: Path) -> None:
    paths = _library_after_backup(tmp_path / "home")
    before = paths.library.read_bytes()
    with held(paths.library, "exclusive"):
        result = run_cli("list", home=tmp_path / "home")
    assert result.returncode == 1, result.stderr
    assert "another program is using your library" in result.stderr
    assert "damaged" not in result.stderr and "unexpected" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(paths.data_dir.glob("corrupt-*"))
    assert paths.library.read_bytes() == before or _titles(paths) == 2
    assert _titles(paths) == 2


def test_only_damage_codes_count_as_damage() -> None:
    import sqlite3

    def error(code: int, text: str) -> sqlite3.DatabaseError:
        exc = sqlite3.OperationalError(text)
        exc.sqlite_errorcode = code
        return exc

    assert is_busy(error(sqlite3.SQLITE_BUSY, "database is locked"))
    assert is_busy(error(sqlite3.SQLITE_LOCKED | (1 << 8), "database table is locked"))
    for code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN,
                 sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM, sqlite3.SQLITE_FULL,
                 sqlite3.SQLITE_READONLY, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_AUTH):
        assert not is_damage(error(code, "whatever")), code
    assert is_damage(error(sqlite3.SQLITE_CORRUPT, "database disk image is malformed"))
    assert is_damage(error(sqlite3.SQLITE_NOTADB, "file is not a database"))


def test_an_unreadable_library_is_named_not_replaced(tmp_path: Path) -> None:
    import os

    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs file permissions that bind")
    paths = _library_after_backup(tmp_path / "home")
    paths.library.chmod(0)
    try:
        result = run_cli("list", home=tmp_path / "home")
    finally:
        paths.library.chmod(0o600)
    assert result.returncode == 1, result.stderr
    assert "damaged" not in result.stderr and "unexpected" not in result.stderr
    assert not list(paths.data_dir.glob("corrupt-*"))
    assert _titles(paths) == 2
