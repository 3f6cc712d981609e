"""Fixtures shared by the whole suite: a private library per test, the window, the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lectern_testing import SHARED

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows in tests do not listen for the browser (nor fight over port 23200); the
# connector's own tests turn it on, on a free port.
os.environ.setdefault("LECTERN_CONNECTOR_PORT", "off")

# .ci/run names the test that was running when the interpreter died (a fatal
# error leaves no pytest report, and CI shows only the end of the output).
_TRACE = os.environ.get("LECTERN_TEST_TRACE")


def pytest_runtest_logstart(nodeid: str, location: object) -> None:
    if _TRACE:
        Path(_TRACE).write_text(nodeid, encoding="utf-8")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """What the app does as it quits (make_application): without it, a test that
    copied from the reader crashed the interpreter at exit, after every test passed."""
    import sys

    if "PySide6.QtGui" in sys.modules:
        from desktop.ui.reader_view import hand_copied_text_to_qt

        hand_copied_text_to_qt()


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the app (desktop/ui/garbage.py): once a test has a QApplication, Python's
    collector runs only on the GUI thread, never in a worker thread. Each test ends
    with the collection its allocations made due, so tests without an event loop
    do not pile up garbage."""
    from desktop.ui.garbage import collect_on_gui_thread, installed_collector

    if {"qtbot", "qapp", "window"} & set(request.fixturenames):
        collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    collector = installed_collector()
    if collector is not None:
        collector.collect_due()


@pytest.fixture
def lectern_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """LECTERN_HOME pointed at a fresh folder, so no test touches a real library."""
    home = tmp_path / "lectern-home"
    monkeypatch.setenv("LECTERN_HOME", str(home))
    return home


@pytest.fixture
def library(lectern_home: Path) -> Iterator[Library]:
    from desktop.core.paths import app_paths
    from desktop.core.storage.library import Library

    paths = app_paths()
    paths.ensure()
    lib = Library.open(paths.library)
    yield lib
    lib.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (sample articles and the extraction set) is not beside the repo")
    return SHARED


@pytest.fixture
def window(qtbot, lectern_home: Path):  # type: ignore[no-untyped-def]
    """The main window on an empty library (no samples)."""
    from desktop.core.paths import app_paths
    from desktop.ui.app import create_window, make_application

    make_application()
    win = create_window(app_paths(), with_samples=False)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    yield win
    win.tasks.wait()
    win.library.close()
