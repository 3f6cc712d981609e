"""File ▸ Import moves in from other apps' exports (off the GUI thread, with a
summary); View ▸ All Highlights lists every highlight, filterable, and opens the
article at the one chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lectern_testing import REPO
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.ui import actions

EXPORTS = REPO / "tests" / "fixtures" / "exports"


def move_in(qtbot: Any, window: Any, *names: str) -> Any:
    with qtbot.waitSignal(window.imports_done, timeout=60_000) as blocker:
        actions.import_files(window, [str(EXPORTS / n) for n in names])
    return blocker.args[0]


def test_exports_move_in_through_the_import_action_with_a_summary(qtbot: Any,
                                                                    window: Any) -> None:
    report = move_in(qtbot, window, "wallabag.json", "My Clippings.txt", "pocket.csv")
    assert [s.app for s in report.moved_in] == ["wallabag", "Kindle", "Pocket"]
    assert not report.failed
    box = window.findChild(QMessageBox, "movedInSummary")
    assert box is not None and "Kindle: 6 new items" in box.text()
    assert "row 4: no URL" in box.detailedText()
    titles = {a.title for a in window.library.list_articles()}
    assert {"The frozen river", "The Harbour Book", "Das Flussbuch"} <= titles


def test_all_highlights_filters_and_opens_the_article_at_the_highlight(
        qtbot: Any, window: Any, tmp_path: Path) -> None:
    from desktop.ui.features.all_highlights.window import AllHighlightsWindow

    move_in(qtbot, window, "wallabag.json", "My Clippings.txt", "hypothesis.json")
    action = next(a for a in window.menu("view").actions() if "All &Highlights" in a.text())
    action.trigger()
    dialog = window.findChild(AllHighlightsWindow)
    qtbot.waitUntil(lambda: dialog.model.total == 12, timeout=10_000)
    statuses = {row.status for row in dialog.model.rows}
    assert statuses == {"anchored", "orphaned", "waiting"}
    dialog.filter.setText("schön")  # typed; keyClicks takes ASCII only
    assert [r.note for r in dialog.model.rows] == ["Schön gesagt."]
    assert dialog.count.text() == "1 of 12 highlights"
    dialog.filter.clear()
    dialog.status.setCurrentIndex(dialog.status.findData("waiting"))
    assert [r.quote for r in dialog.model.rows] == ["every night, the same light"]
    dialog.status.setCurrentIndex(0)
    qtbot.keyClicks(dialog.filter, "town walked")
    (row,) = dialog.model.rows
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.current_article is not None and window.current_article.id == row.article_id
    selected = window.reader.textCursor().selectedText()
    assert selected == "the town walked across it to the market"
    dialog.grab().save(str(tmp_path / "all-highlights.png"))
