"""Automatic backups: at most one per period, the newest kept, every one restorable."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hostile_inputs import article_text, integrity_ok

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage import backups
from desktop.core.storage.opening import backup_on_close, open_library_safely


def test_first_backup_waits_for_the_first_article_then_one_per_day(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home")
    library, report = open_library_safely(paths)
    assert report.backups == []  # an empty library has nothing to lose
    import_source(library, text_source(article_text("one")))
    made = backup_on_close(library, paths)
    library.close()
    assert made is not None and integrity_ok(made)

    library, report = open_library_safely(paths)
    assert report.backups == []  # the newest backup is minutes old
    library.close()
    assert backups.list_backups(paths.backups) == [made]
    conn = sqlite3.connect(made)
    assert "one edition" in conn.execute("SELECT text FROM articles").fetchone()[0]
    conn.close()


def test_backups_rotate_keeping_the_newest(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home")
    library, _ = open_library_safely(paths)
    import_source(library, text_source(article_text("rotating")))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = []
    for day in range(10):
        path = backups.maybe_backup(library.conn, paths.backups, keep=3,
                                    now=start + timedelta(days=day))
        assert path is not None
        made.append(path)
        # within the period: no second backup
        assert backups.maybe_backup(library.conn, paths.backups, keep=3,
                                    now=start + timedelta(days=day, hours=5)) is None
    library.close()
    assert backups.list_backups(paths.backups) == made[:-4:-1]
    assert all(backups.verify(p) for p in made[-3:])


def test_a_backup_that_fails_verification_is_not_kept(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    paths = app_paths(tmp_path / "home")
    library, _ = open_library_safely(paths)
    import_source(library, text_source(article_text("unverified")))
    monkeypatch.setattr(backups, "verify", lambda _path: False)
    with pytest.raises(backups.BackupFailed, match="failed its integrity check"):
        backups.make_backup(library.conn, paths.backups, now=datetime(2030, 1, 1, tzinfo=UTC))
    library.close()
    assert not list(paths.backups.glob("library-2030*"))


def test_interrupted_backups_leave_no_partial_files(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home")
    library, _ = open_library_safely(paths)
    import_source(library, text_source(article_text("partial")))
    paths.backups.mkdir(parents=True, exist_ok=True)
    (paths.backups / "library-20260101T000000Z.sqlite3.partial").write_bytes(b"half a copy")
    backups.make_backup(library.conn, paths.backups, now=datetime(2031, 1, 1, tzinfo=UTC))
    library.close()
    assert not list(paths.backups.glob("*.partial"))
