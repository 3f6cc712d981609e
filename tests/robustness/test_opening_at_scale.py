"""Opening costs the same at any size: no full read after a clean exit, no copy while
waiting; a large library's daily backup is made in the background, bounded in space."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hostile_inputs import article_text, integrity_ok
from lectern_testing import REPO, run_cli

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage import backups, health, sessions
from desktop.core.storage.opening import backup_on_close, open_library_safely


def _spy_checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    real = health.check

    def check(path: Path, *, read_pages: bool = True) -> str | None:
        seen.append(read_pages)
        return real(path, read_pages=read_pages)

    monkeypatch.setattr(health, "check", check)
    return seen


def test_pages_are_read_only_after_an_unclean_shutdown(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    paths = app_paths(tmp_path / "home")
    seen = _spy_checks(monkeypatch)
    library, _report = open_library_safely(paths)
    assert sessions.ended_uncleanly(paths.library)  # open now: a crash would leave this
    import_source(library, text_source(article_text("one")))
    library.close()
    assert not sessions.ended_uncleanly(paths.library)
    library, _report = open_library_safely(paths)
    library.close()
    assert seen == [False, False]  # clean exits: the schema is checked, no page read
    crash = ("import os\n"
             "from desktop.core.paths import app_paths\n"
             "from desktop.core.storage.opening import open_library_safely\n"
             f"open_library_safely(app_paths({str(paths.data_dir)!r}))\n"
             "os._exit(9)\n")
    subprocess.run([sys.executable, "-c", crash], cwd=REPO, check=False, timeout=120)
    assert sessions.ended_uncleanly(paths.library)
    library, report = open_library_safely(paths)
    library.close()
    assert seen == [False, False, True]  # after the crash: quick_check read every page
    assert report.recovery is None


def test_a_large_librarys_backup_waits_for_the_background(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "COPY_NOW_LIMIT", 0)  # every library counts as large
    paths = app_paths(tmp_path / "home")
    library, _report = open_library_safely(paths)
    import_source(library, text_source(article_text("one")))
    assert backup_on_close(library, paths) is None  # closing never waits for a copy
    library.close()
    library, report = open_library_safely(paths)
    assert report.backups == [] and report.backup_due
    assert backups.list_backups(paths.backups) == []
    import_source(library, text_source(article_text("two")))  # the writer goes on
    made = backups.background_backup(paths.library, paths.backups)
    assert made is not None and integrity_ok(made)
    conn = sqlite3.connect(made)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()
    assert backups.background_backup(paths.library, paths.backups) is None  # once a day
    library.close()
    library, report = open_library_safely(paths)
    assert not report.backup_due
    library.close()


def test_backups_are_bounded_in_space(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 3, 1, tzinfo=UTC)
    for day, size in enumerate([100, 100, 100, 400]):  # the library grew on the last day
        stamp = (start + timedelta(days=day)).strftime("%Y%m%dT%H%M%SZ")
        path = folder / f"library-{stamp}.sqlite3"
        path.write_bytes(b"x" * size)
        os.utime(path, ns=(day * 10**9, day * 10**9))
    backups.rotate(folder, keep=7)
    sizes = [p.stat().st_size for p in backups.list_backups(folder)]
    assert sizes == [400, 100, 100, 100]  # 700 <= 3 x 400
    (folder / "library-20260310T000000Z.sqlite3").write_bytes(b"x" * 150)  # it shrank
    backups.rotate(folder, keep=7)
    assert [p.stat().st_size for p in backups.list_backups(folder)] == [150, 400]


def test_a_cli_command_closes_the_library_behind_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    note = tmp_path / "a.txt"
    note.write_text(article_text("cli"))
    assert run_cli("import", str(note), home=home).returncode == 0
    assert run_cli("list", home=home).returncode == 0
    assert not sessions.ended_uncleanly(home / "library.sqlite3")
