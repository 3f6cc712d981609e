"""Triage in the window: E archives (and undoes), S stars, reading progress is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.reading_state import ReadingStates
from desktop.ui.features.search.triage import Triage

BODY = ("The committee met for the third time this spring to decide what to do about the old "
        "harbour wall, which has leaned further each winter since the great storm. ")


def _import(qtbot, window, tmp_path: Path, titles: list[str]) -> None:  # type: ignore[no-untyped-def]
    for title in titles:
        text = f"{title}\n\n" + "\n\n".join(f"In part {n}, {BODY * 3}" for n in range(12))
        import_source(window.library, text_source(text, name=f"{title}.txt"))
    window.library_changed.emit()


def triage_of(window) -> Triage:  # type: ignore[no-untyped-def]
    found = window.findChild(Triage, "triage")
    assert found is not None
    return found


def test_e_archives_the_open_article_opens_the_next_and_undo_brings_it_back(
        qtbot: Any, window: Any, tmp_path: Path) -> None:
    _import(qtbot, window, tmp_path, ["First harbour", "Second harbour", "Third harbour"])
    panel = window.library_panel
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    opened = window.current_article.id
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    assert ReadingStates(window.library).get(opened).archived
    assert opened not in panel.model.ids and panel.model.rowCount() == 2
    assert window.current_article.id != opened  # the next one opened
    window.undo_stack.undo()
    assert not ReadingStates(window.library).get(opened).archived
    assert opened in panel.model.ids
    panel.search.setFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_E)  # typing an e is typing
    assert panel.search.text() == "e"
    assert not any(ReadingStates(window.library).get(i).archived for i in panel.model.ids)


def test_s_stars_the_selected_articles(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _import(qtbot, window, tmp_path, ["First harbour", "Second harbour"])
    panel = window.library_panel
    panel.table.setFocus()
    panel.table.selectAll()
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    states = ReadingStates(window.library)
    assert all(states.get(i).favourite for i in panel.model.ids)
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert not any(states.get(i).favourite for i in panel.model.ids)


def test_progress_is_kept_and_continue_reading_returns_there(
        qtbot: Any, window: Any, tmp_path: Path) -> None:
    _import(qtbot, window, tmp_path, ["First harbour", "Second harbour"])
    triage = triage_of(window)
    first, second = window.library_panel.model.ids
    window.open_article(first)
    bar = window.reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and triage._tracking == first,
                    timeout=3000)  # laid out, and its saved place restored
    bar.setValue(bar.maximum() // 2)
    window.open_article(second)  # leaving saves where the first was left
    assert 0.4 < ReadingStates(window.library).get(first).progress < 0.6
    bar.setValue(0)
    triage.continue_reading()
    assert window.current_article.id == first
    qtbot.waitUntil(lambda: abs(bar.value() - bar.maximum() // 2) <= bar.maximum() // 20,
                    timeout=3000)


def test_in_a_large_list_e_lists_again_off_the_gui_thread_then_opens_the_next(
        qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Above SYNC_RELOAD_ROWS the list is made again by the worker: pressing E returns
    at once with the old list still shown, and the answer then removes the archived
    article and opens the one in its row."""
    from desktop.ui.features.search import panel as panel_module

    _import(qtbot, window, tmp_path, ["First harbour", "Second harbour", "Third harbour"])
    panel = window.library_panel
    panel.table.setCurrentIndex(panel.model.index(1, 0))
    opened = window.current_article.id
    monkeypatch.setattr(panel_module, "SYNC_RELOAD_ROWS", 0)
    window.reader.setFocus()
    with qtbot.waitSignal(panel.listed, timeout=10000):
        qtbot.keyClick(window.reader, Qt.Key.Key_E)
        assert opened in panel.model.ids  # not yet listed again: nothing waited for it
    assert ReadingStates(window.library).get(opened).archived
    assert opened not in panel.model.ids and panel.model.rowCount() == 2
    assert window.current_article.id == panel.model.ids[1]  # the next one, in its row
