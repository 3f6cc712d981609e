"""A damaged library is moved aside, the newest good backup restored, and the user
told exactly what happened and where the damaged file is."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hostile_inputs import article_text, integrity_ok
from lectern_testing import run_cli

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import AppPaths, app_paths
from desktop.core.storage import SCHEMA_VERSION, backups, health
from desktop.core.storage.lock import acquire
from desktop.core.storage.opening import open_library_safely


def _library_with(paths: AppPaths, tags: list[str]) -> list[int]:
    library, _ = open_library_safely(paths)
    try:
        return [import_source(library, text_source(article_text(t))).article.id for t in tags]
    finally:
        library.close()


def _corrupt_pages(path: Path) -> bytes:
    """Overwrite everything after the first page with garbage, as a bad disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), 7):
        data[offset] = (offset * 31) % 256
    path.write_bytes(bytes(data))
    return bytes(data)


def _backed_up_library(tmp_path: Path) -> tuple[AppPaths, Path]:
    paths = app_paths(tmp_path / "home")
    _library_with(paths, ["kept"])
    library, _ = open_library_safely(paths)
    backup = backups.make_backup(library.conn, paths.backups)
    import_source(library, text_source(article_text("after the backup")))
    library.close()
    return paths, backup


def test_damaged_library_is_moved_aside_and_the_backup_restored(tmp_path: Path) -> None:
    paths, backup = _backed_up_library(tmp_path)
    damaged = _corrupt_pages(paths.library)

    library, report = open_library_safely(paths)
    try:
        recovery = report.recovery
        assert recovery is not None and recovery.restored_from == backup
        assert recovery.moved_to.parent == paths.data_dir
        assert recovery.moved_to.name.startswith("corrupt-")
        assert (recovery.moved_to / "library.sqlite3").read_bytes() == damaged
        message = report.messages()[0]
        assert "Your library was damaged" in message
        assert str(recovery.moved_to) in message and str(backup) in message
        assert "changes made after that backup are not in it" in message
        texts = [library.article(s.id).text for s in library.list_articles()]
        assert len(texts) == 1 and "kept" in texts[0]
    finally:
        library.close()
    assert integrity_ok(paths.library)


def test_damaged_library_without_backup_starts_fresh_and_says_so(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home")
    paths.ensure()
    paths.library.write_bytes(b"this is not a database at all, just text" * 200)
    library, report = open_library_safely(paths)
    try:
        assert report.recovery is not None and report.recovery.restored_from is None
        assert "file is not a database" in report.recovery.problem
        assert "No intact backup was found" in report.messages()[0]
        assert library.list_articles() == []
        import_source(library, text_source(article_text("fresh")))  # fully usable
    finally:
        library.close()
    moved = report.recovery.moved_to / "library.sqlite3"
    assert moved.read_bytes().startswith(b"this is not a database")


def test_a_damaged_newest_backup_is_skipped(tmp_path: Path) -> None:
    paths, good = _backed_up_library(tmp_path)
    library, _ = open_library_safely(paths)
    later = backups.make_backup(library.conn, paths.backups,
                                now=datetime.now(UTC) + timedelta(hours=1))
    library.close()
    _corrupt_pages(later)
    assert backups.newest_good(paths.backups) == good
    _corrupt_pages(paths.library)
    library, report = open_library_safely(paths)
    library.close()
    assert report.recovery is not None and report.recovery.restored_from == good


def test_truncated_library_is_recovered(tmp_path: Path) -> None:
    paths, backup = _backed_up_library(tmp_path)
    data = paths.library.read_bytes()
    paths.library.write_bytes(data[: len(data) // 3])
    problem = health.check(paths.library)
    assert problem is not None
    library, report = open_library_safely(paths)
    library.close()
    assert report.recovery is not None and report.recovery.restored_from == backup


def test_library_from_a_newer_lectern_is_refused_not_moved(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home")
    _library_with(paths, ["future"])
    conn = sqlite3.connect(paths.library)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(health.LibraryTooNew, match="newer Lectern"):
        open_library_safely(paths)
    assert paths.library.exists()
    assert not list(paths.data_dir.glob("corrupt-*"))
    acquire(paths.library).release()  # the refused open let go of its lock


def test_cli_reports_the_recovery_and_carries_on(tmp_path: Path) -> None:
    paths, _backup = _backed_up_library(tmp_path)
    _corrupt_pages(paths.library)
    result = run_cli("list", home=paths.data_dir)
    assert result.returncode == 0, result.stderr
    assert "lectern: Your library was damaged" in result.stderr
    assert "kept" in result.stdout
    again = run_cli("list", home=paths.data_dir)
    assert again.stderr == ""  # told once; the restored library is healthy


def test_window_tells_the_user_about_the_recovery(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import create_window, make_application

    paths, backup = _backed_up_library(tmp_path)
    _corrupt_pages(paths.library)
    make_application()
    window = create_window(paths, with_samples=False)
    qtbot.addWidget(window)
    try:
        window.show()
        box = window.findChild(QMessageBox, "recoveryNotice")
        assert box is not None and box.isVisible()
        assert "Your library was damaged" in box.text()
        assert "moved to" in box.text() and str(backup) in box.text()
        box.accept()
        assert window.current_article is not None and "kept" in window.current_article.text
    finally:
        window.tasks.wait()
        window.library.close()


def test_a_crash_while_copying_the_backup_just_recovers_again(tmp_path: Path) -> None:
    paths, backup = _backed_up_library(tmp_path)
    _corrupt_pages(paths.library)
    health.stage_restore(backup, paths.library)  # ...and the process died here
    library, report = open_library_safely(paths)
    library.close()
    assert report.recovery is not None and report.recovery.restored_from == backup
    assert not health.staged_restore(paths.library).exists()
    assert len(list(paths.data_dir.glob("corrupt-*"))) == 1


def test_a_crash_after_moving_the_damaged_file_is_finished_on_next_open(tmp_path: Path) -> None:
    paths, backup = _backed_up_library(tmp_path)
    _corrupt_pages(paths.library)
    health.stage_restore(backup, paths.library)
    moved_to = health.move_aside(paths.library)  # ...and the process died here
    assert not paths.library.exists()
    library, report = open_library_safely(paths)
    try:
        assert report.recovery is not None
        assert report.recovery.moved_to == moved_to
        assert "interrupted and has now been completed" in report.messages()[0]
        texts = [library.article(s.id).text for s in library.list_articles()]
        assert len(texts) == 1 and "kept" in texts[0]  # the backup, not an empty library
    finally:
        library.close()
    assert integrity_ok(paths.library)
