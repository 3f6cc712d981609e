"""One library, one writer: a second Lectern is told the library is in use, can read
it, and can never write to it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_inputs import article_text, integrity_ok
from lectern_testing import REPO, run_cli

from desktop.core.errors import LecternError
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage.lock import LibraryInUse, acquire
from desktop.core.storage.opening import open_library_safely

HOLDER = """
import sys, time
from desktop.core.paths import app_paths
from desktop.core.storage.opening import open_library_safely
library, _ = open_library_safely(app_paths(sys.argv[1]))
print("ready", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held_library(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A library opened for writing by another process (another Lectern)."""
    home = tmp_path / "home"
    library, _ = open_library_safely(app_paths(home))
    import_source(library, text_source(article_text("held")))
    library.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(home)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    yield home, holder
    holder.kill()
    holder.wait()


def test_second_opener_is_told_who_holds_the_library(held_library) -> None:  # type: ignore[no-untyped-def]
    home, holder = held_library
    with pytest.raises(LibraryInUse) as caught:
        open_library_safely(app_paths(home))
    assert caught.value.holder_pid == holder.pid
    assert f"in use by another Lectern (process {holder.pid})" in str(caught.value)
    assert "read-only" in str(caught.value)


def test_read_only_second_opener_reads_but_cannot_write(held_library) -> None:  # type: ignore[no-untyped-def]
    home, holder = held_library
    library, report = open_library_safely(app_paths(home), readonly_ok=True)
    try:
        assert report.readonly and report.holder_pid == holder.pid
        assert any("opened it read-only" in m for m in report.messages())
        [summary] = library.list_articles()
        assert "held" in library.article(summary.id).text
        with pytest.raises(LecternError, match="library is open read-only"):
            import_source(library, text_source(article_text("second")))
        with pytest.raises(LecternError, match="library is open read-only"):
            library.save_note(summary.id, "a note")
        library.set_setting("ui.last_article", str(summary.id))  # window state: session only
        assert library.setting("ui.last_article") == str(summary.id)
    finally:
        library.close()
    assert integrity_ok(home / "library.sqlite3")


def test_cli_while_another_lectern_writes(held_library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, holder = held_library
    listed = run_cli("list", home=home)
    assert listed.returncode == 0 and "held" in listed.stdout
    assert f"in use by another Lectern (process {holder.pid}); opened it read-only" in listed.stderr
    extra = tmp_path / "extra.txt"
    extra.write_text(article_text("extra"), encoding="utf-8")
    imported = run_cli("import", str(extra), home=home)
    assert imported.returncode == 1
    assert "extra.txt: the library is open read-only" in imported.stderr
    assert "Traceback" not in imported.stderr


def test_lock_is_released_on_close_and_on_process_death(tmp_path: Path) -> None:
    home = tmp_path / "home"
    library, _ = open_library_safely(app_paths(home))
    library.close()
    again, _ = open_library_safely(app_paths(home))  # closed: free again
    again.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(home)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    with pytest.raises(LibraryInUse):
        acquire(home / "library.sqlite3")
    holder.kill()  # SIGKILL: no cleanup runs, the OS drops the lock
    holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            acquire(home / "library.sqlite3").release()
            break
        except LibraryInUse:
            assert time.monotonic() < deadline
            time.sleep(0.05)


def test_window_opens_read_only_when_another_lectern_has_the_library(  # type: ignore[no-untyped-def]
        qtbot, held_library) -> None:
    from PySide6.QtWidgets import QLabel

    from desktop.ui.app import create_window, make_application

    home, _holder = held_library
    make_application()
    with pytest.raises(LibraryInUse):
        create_window(app_paths(home), with_samples=False)
    window = create_window(app_paths(home), with_samples=False, readonly_ok=True)
    qtbot.addWidget(window)
    try:
        window.show()
        assert window.library.readonly
        notice = window.findChild(QLabel, "readOnlyNotice")
        assert notice is not None and "Read-only" in notice.text()
        imports = [a for a in window.menus["file"].actions() if a.text() == "&Import…"]
        assert imports and not imports[0].isEnabled()
        assert window.current_article is not None and "held" in window.current_article.text
    finally:
        window.tasks.wait()
        window.library.close()


def test_lock_file_holds_our_pid(tmp_path: Path) -> None:
    lock = acquire(tmp_path / "library.sqlite3")
    try:
        assert (tmp_path / "library.sqlite3.lock").read_text().split()[0] == str(os.getpid())
    finally:
        lock.release()


@pytest.mark.parametrize(("button", "expected"), [("Open Read-Only", True), ("Quit", False)])
def test_in_use_dialog_offers_read_only_or_quit(qtbot, tmp_path: Path, button: str,  # type: ignore[no-untyped-def]
                                                expected: bool) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.app import _ask_read_only, make_application

    make_application()
    seen: list[str] = []

    def choose() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text())
                [chosen] = [b for b in widget.buttons() if b.text() == button]
                chosen.click()

    QTimer.singleShot(100, choose)
    answer = _ask_read_only(LibraryInUse(tmp_path / "library.sqlite3", 4242))
    assert answer is expected
    assert seen and "Another Lectern (process 4242) has your library open" in seen[0]


def test_worker_connections_of_a_read_only_window_cannot_write(held_library) -> None:  # type: ignore[no-untyped-def]
    """Background work opens its own Library: it too must only read while another
    Lectern holds the library, and say so."""
    from desktop.core.storage.library import Library

    home, _holder = held_library
    worker_library = Library.open(home / "library.sqlite3")
    try:
        assert worker_library.readonly
        with pytest.raises(LecternError, match="library is open read-only"):
            import_source(worker_library, text_source(article_text("from a worker")))
    finally:
        worker_library.close()


def test_worker_connections_of_the_writer_can_write(tmp_path: Path) -> None:
    from desktop.core.storage.library import Library

    library, _ = open_library_safely(app_paths(tmp_path / "home"))
    try:
        worker_library = Library.open(library.path)  # same process: the lock is ours
        assert not worker_library.readonly
        import_source(worker_library, text_source(article_text("worker")))
        worker_library.close()
        assert len(library.list_articles()) == 1
    finally:
        library.close()
