"""Hovering a decorated passage in the reader shows what it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.ui import actions
from desktop.ui.reader_view import Span


def _help_event_at(reader, offset: int) -> bool:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.text_to_doc(offset) + 1)
    point = reader.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, reader.viewport().mapToGlobal(point))
    return QApplication.sendEvent(reader.viewport(), event)


def test_tooltip_names_the_span_under_the_pointer(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talk.txt"
    path.write_text("A Talk in Geneva\n\nMaria Okafor spoke in Geneva on Monday about the "
                    "harbour and the long winter that closed it.\n", encoding="utf-8")
    with qtbot.waitSignal(window.imports_done, timeout=60000):
        actions.import_files(window, [str(path)])
    reader = window.reader
    start = reader.text.index("Maria Okafor")
    reader.set_layer("test", [Span(start, start + len("Maria Okafor"), QTextCharFormat(),
                                   "Person: Maria Okafor")])
    assert _help_event_at(reader, start)
    qtbot.waitUntil(lambda: QToolTip.text() == "Person: Maria Okafor", timeout=5000)

    plain = reader.text.index("harbour")
    _help_event_at(reader, plain)
    qtbot.waitUntil(lambda: not QToolTip.isVisible() or QToolTip.text() == "", timeout=5000)
    QToolTip.hideText()
