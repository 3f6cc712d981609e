"""Command-line writes while the window is open are not refused: the window lends the
library for the command and takes it back; other commands wait their turn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_inputs import article_text
from lectern_testing import REPO

from desktop.cli import turns
from desktop.core.errors import LecternError
from desktop.core.paths import app_paths
from desktop.core.storage.lock import LibraryInUse, acquire
from desktop.ui.lending import serve_commands


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "desktop", *args], cwd=REPO, text=True,
                            env={**os.environ, "LECTERN_HOME": str(home)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(qtbot, process: subprocess.Popen[str]) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    # The window's event loop keeps running while the command runs: it must answer.
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=120_000)
    out, err = process.communicate()
    return process.returncode, out, err


def test_an_import_while_the_window_is_open_goes_in(qtbot, window, lectern_home: Path,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    server = serve_commands(window)
    try:
        files = []
        for tag in ("first script", "second script", "third script"):
            path = tmp_path / f"{tag.replace(' ', '-')}.txt"
            path.write_text(article_text(tag), encoding="utf-8")
            files.append(path)
        runs = [_start(lectern_home, "import", str(f)) for f in files]  # at once
        for run in runs:
            status, _out, err = _finish(qtbot, run)
            assert status == 0, err
            assert "read-only" not in err and "Traceback" not in err
        lock = window.library.lock
        qtbot.waitUntil(lambda: lock.held, timeout=10_000)  # taken back
        titles = {s.title for s in window.library.list_articles()}
        assert len(titles) == 3
        qtbot.waitUntil(lambda: window.library_panel.model.rowCount() == 3, timeout=10_000)
        # A highlight made from the command line shows in the open article.
        article = window.library.list_articles()[0]
        window.open_article(article.id)
        quote = window.reader.text.split()[0]
        status, _out, err = _finish(qtbot, _start(lectern_home, "annotate", str(article.id),
                                                  "--quote", quote, "--occurrence", "1"))
        assert status == 0, err
        qtbot.waitUntil(lambda: window.findChild(type(window.notes_panel)) is not None
                        and lock.held, timeout=10_000)
        from desktop.ui.features.highlights.controller import HighlightsController

        controller = window.findChild(HighlightsController)
        qtbot.waitUntil(lambda: len(controller.annotations) == 1, timeout=10_000)
        # The window itself still writes while it has lent the library.
        window.library.save_note(article.id, "written by the window")
        assert window.library.note(article.id) == "written by the window"
    finally:
        server.close()


def test_a_write_waits_its_turn_then_says_who_is_in_the_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = app_paths(tmp_path / "home")
    paths.ensure()
    holder = acquire(paths.library)  # another command-line Lectern, not a window
    monkeypatch.setattr(turns, "TURN_WAIT_S", 0.5)
    said: list[str] = []
    try:
        with pytest.raises(LecternError, match=r"still in use .* nothing was changed"):
            turns.take_turn(paths, LibraryInUse(paths.library, os.getpid()), said.append)
    finally:
        holder.release()
    assert said and "waiting for" in said[0]
    library, _report = turns.take_turn(paths, LibraryInUse(paths.library, None), said.append)
    library.close()


def test_a_read_only_window_does_not_lend(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.lending import Lender

    window.library.readonly = True
    try:
        assert Lender(window).lend() is False
    finally:
        window.library.readonly = False
