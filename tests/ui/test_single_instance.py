"""A second launch hands its files and lectern:// links to the Lectern already open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lectern_testing import REPO
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.ui.app import _serve_later_launches
from desktop.ui.single_instance import InstanceServer, absolute_arguments, server_name

ARTICLE = """The Lighthouse Keepers' Logbooks

Volunteers have transcribed two centuries of lighthouse logbooks, and climate scientists say the daily weather notes in them fill a gap in the record of coastal storms.

The keepers wrote down wind, sea state and visibility every four hours, whatever the weather, and many added remarks about passing ships and birds.
"""


def second_launch(library: Path, *arguments: str) -> subprocess.Popen[str]:
    code = (
        "import sys; from pathlib import Path; "
        "from desktop.ui.single_instance import forward_to_running; "
        "print(forward_to_running(Path(sys.argv[1]), sys.argv[2:]))"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(library), *arguments],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)


def test_socket_name_is_per_library(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a.sqlite3") != server_name(tmp_path / "b.sqlite3")
    assert server_name(tmp_path / "a.sqlite3") == server_name(tmp_path / "x" / ".." / "a.sqlite3")
    assert absolute_arguments(["lectern://article/3#hl-1", "notes.md"]) == [
        "lectern://article/3#hl-1", str(Path("notes.md").resolve())]


def test_a_later_launch_delivers_its_arguments(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "library.sqlite3"
    server = InstanceServer(library)
    with qtbot.waitSignal(server.arguments_received, timeout=20000) as received:
        launch = second_launch(library, "lectern://article/7#hl-abc", "saved page.html")
    out, _ = launch.communicate(timeout=20)
    assert out.strip() == "True"
    assert received.args[0] == ["lectern://article/7#hl-abc", str(Path("saved page.html").resolve())]


def test_nobody_listening_means_open_a_window(tmp_path: Path) -> None:
    launch = second_launch(tmp_path / "nobody.sqlite3", "lectern://article/1")
    out, _ = launch.communicate(timeout=20)
    assert out.strip() == "False"


def test_running_window_opens_a_link_from_a_second_launch(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    record = import_source(window.library, text_source(ARTICLE)).article
    window.library_changed.emit()
    _serve_later_launches(QApplication.instance(), window)  # type: ignore[arg-type]
    with qtbot.waitSignal(window.link_opened, timeout=20000) as opened:
        launch = second_launch(window.library.path, f"lectern://article/{record.id}")
    launch.communicate(timeout=20)
    assert opened.args[0] == record.id
    assert window.current_article is not None and window.current_article.id == record.id


def test_macos_open_event_for_a_link_opens_the_article(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    record = import_source(window.library, text_source(ARTICLE)).article
    app = QApplication.instance()
    _serve_later_launches(app, window)  # type: ignore[arg-type]
    event = QFileOpenEvent(QUrl(f"lectern://article/{record.id}"))
    assert event.type() == QEvent.Type.FileOpen
    with qtbot.waitSignal(window.link_opened, timeout=5000):
        QApplication.sendEvent(app, event)  # type: ignore[arg-type]
    assert window.current_article.id == record.id
