"""The Entities tab and highlights, through pytest-qt: toggles, panel, corrections, worker."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.core.entities.mentions import Mention
from desktop.core.entities.recognizer import installed_model
from desktop.core.entities.store import enabled_categories, save_analysis
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.ui.features.entities.controller import EntitiesController, controller_of

BODY = ("Mira Castell told the Harbour Board on Tuesday that Castell would stay in office "
        "for another term, whatever the council decided about the new ferry terminal. "
        "The Harbour Board agreed after a long evening of questions from the fishermen. "
        "Lisbon cheered the news, and 40 boats sailed out of the port in celebration. "
        "Castell thanked the crews who had waited all afternoon for the decision.")
RAW = (("Mira Castell", "PERSON"), ("Harbour Board", "ORG"), ("Tuesday", "DATE"),
       ("Castell", "ORG"), ("Harbour Board", "ORG"), ("Lisbon", "GPE"), ("40", "CARDINAL"))


def add_analysed(window: Any, title: str, body: str = BODY) -> int:
    library = window.library
    record = import_source(library, text_source(f"{title}\n\n{body}")).article
    raw: list[Mention] = []
    for phrase, label in RAW:
        start = record.text.index(phrase, raw[-1].end if raw else 0)
        raw.append(Mention(start, start + len(phrase), phrase, label))
    save_analysis(library, record.id, record.text, installed_model(), raw)
    return record.id


def controller(window: Any) -> EntitiesController:
    found = controller_of(window)
    assert found is not None
    return found


def layer_texts(window: Any) -> dict[str, str]:
    text = window.current_article.text
    return {text[s.start:s.end]: s.tooltip for s in window.reader.layer("entities")}


def test_stored_entities_show_at_once_with_hover_text(window: Any) -> None:
    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    shown = layer_texts(window)  # no waiting: read from the library on open
    assert shown["Castell"] == "Castell — People — person"
    assert shown["Harbour Board"].startswith("Harbour Board — Organisations")
    assert "40" not in shown  # numbers and money are off by default
    assert window.side_tabs.tabText(window.side_tabs.count() - 1) == "Entities"


def test_category_toggles_hide_highlights_and_persist(window: Any, qtbot: Any) -> None:
    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    panel = controller(window).panel
    panel.checkboxes["people"].setChecked(False)
    assert "Castell" not in layer_texts(window)
    assert "People" not in [panel.tree.topLevelItem(i).text(0)
                            for i in range(panel.tree.topLevelItemCount())]
    panel.checkboxes["numbers"].setChecked(True)
    assert "40" in layer_texts(window)
    assert enabled_categories(window.library) == frozenset(
        {"organisations", "places", "groups", "dates", "events", "other", "numbers"})


def test_panel_groups_counts_and_steps_through_mentions(window: Any, qtbot: Any) -> None:
    first = add_analysed(window, "Port Town Keeps Its Mayor")
    second = add_analysed(window, "Second Port Story", BODY.replace("all afternoon", "all day"))
    window.open_article(first)
    panel = controller(window).panel
    people = panel.tree.topLevelItem(0)
    assert people.text(0) == "People"
    # Most frequent first: "Castell" (2, one added as a later mention) before the full name.
    assert [(people.child(i).text(0), people.child(i).text(1))
            for i in range(people.childCount())] == [("Castell", "2"), ("Mira Castell", "1")]
    rect = panel.tree.visualItemRect(people.child(0))
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = window.current_article.text
    start = text.index("Castell", text.index("Mira Castell") + len("Mira Castell"))
    assert window.reader.selected_range() == (start, start + len("Castell"))
    assert panel.position.text() == "1 of 2"
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    later = text.index("Castell thanked")
    assert window.reader.selected_range() == (later, later + len("Castell"))
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)  # wraps round
    assert panel.position.text() == "1 of 2"
    controller(window).step(-1)
    assert panel.position.text() == "2 of 2"
    # Articles mentioning this: both, and a click opens the other one.
    assert panel.articles.count() == 2
    other = next(panel.articles.item(i) for i in range(2)
                 if panel.articles.item(i).data(Qt.ItemDataRole.UserRole) == second)
    panel.articles.itemClicked.emit(other)
    assert window.current_article.id == second
    assert panel.articles.count() == 0 and panel.position.text() == ""  # a fresh start


def test_corrections_apply_library_wide_and_undo(window: Any) -> None:
    first = add_analysed(window, "Port Town Keeps Its Mayor")
    second = add_analysed(window, "Second Port Story", BODY.replace("all afternoon", "all day"))
    window.open_article(first)
    entities = controller(window)
    entities.panel.remove_requested.emit("Lisbon")
    assert "Lisbon" not in layer_texts(window)
    entities.panel.relabel_requested.emit("Harbour Board", "places")
    assert layer_texts(window)["Harbour Board"].startswith("Harbour Board — Places")
    window.open_article(second)  # the other article has the corrections too
    shown = layer_texts(window)
    assert "Lisbon" not in shown and shown["Harbour Board"].startswith("Harbour Board — Places")
    window.undo_stack.undo()
    assert layer_texts(window)["Harbour Board"].startswith("Harbour Board — Organisations")
    window.undo_stack.undo()
    assert "Lisbon" in layer_texts(window)
    window.undo_stack.redo()
    assert "Lisbon" not in layer_texts(window)


def test_mark_selection_as_entity(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    text = window.current_article.text
    start = text.index("ferry terminal")
    window.reader.select_range(start, start + len("ferry terminal"))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda *_args, **_kw: ("Places", True)))
    action = next(a for a in window.menus["article"].actions()
                  if a.text().replace("&", "") == "Mark Selection as Entity…")
    action.trigger()
    assert layer_texts(window)["ferry terminal"].startswith("ferry terminal — Places")
    window.undo_stack.undo()
    assert "ferry terminal" not in layer_texts(window)


def test_corrections_dialog_lists_and_deletes(window: Any, qtbot: Any) -> None:
    from desktop.ui.features.entities.corrections_dialog import CorrectionsDialog

    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    entities = controller(window)
    entities.corrections.remove("Lisbon")
    entities.corrections.relabel("Tuesday", "events")
    dialog = CorrectionsDialog(window.library, entities.corrections.push, window)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "Lisbon", "Tuesday"]
    dialog.table.selectRow(0)
    dialog.delete_selected()
    dialog.reload()
    assert dialog.table.rowCount() == 1
    assert "Lisbon" in layer_texts(window)
    # Changing the category in the table is a correction too.
    box = dialog.table.cellWidget(0, 2)
    box.setCurrentIndex(box.findText("People"))  # type: ignore[attr-defined]
    assert layer_texts(window)["Tuesday"].startswith("Tuesday — People")
    window.undo_stack.undo()
    assert layer_texts(window)["Tuesday"].startswith("Tuesday — Events")


@pytest.mark.slow
def test_worker_process_analyses_an_article_in_the_background(window: Any, qtbot: Any) -> None:
    record = import_source(window.library, text_source(
        "Harbour News\n\n" + BODY.replace("Mira Castell", "Angela Merkel"))).article
    window.open_article(record.id)
    entities = controller(window)
    assert controller(window).panel.status.text() == "Finding entities…"
    qtbot.waitUntil(lambda: entities.worker.busy, timeout=2000)
    qtbot.waitUntil(lambda: bool(window.reader.layer("entities")), timeout=60000)
    assert "Angela Merkel" in layer_texts(window)
    window.close()  # the worker process ends with the window
    assert entities.worker._process is None


def test_worker_failure_is_said_in_the_panel(window: Any) -> None:
    record = import_source(window.library, text_source("Harbour News\n\n" + BODY)).article
    window.open_article(record.id)
    entities = controller(window)
    entities.worker.failed.emit("cannot load the entity model: missing")
    assert "cannot load the entity model" in entities.panel.status.text()
    assert "cannot load" in window.statusBar().currentMessage()


def test_read_only_library_analyses_only_the_open_article(window: Any) -> None:
    record = import_source(window.library, text_source("Harbour News\n\n" + BODY)).article
    window.library.readonly = True
    try:
        entities = controller(window)
        entities.analyse_stale()  # results could not be kept: no background work
        assert not entities.worker.busy
        window.open_article(record.id)
        entities._request_open()
        assert entities.worker.busy
    finally:
        entities.worker.stop()
        window.library.readonly = False


@pytest.mark.slow
def test_imported_articles_are_analysed_in_the_background(window: Any, qtbot: Any,
                                                          tmp_path: Any) -> None:
    from desktop.core.entities.store import articles_needing_analysis
    from desktop.ui import actions

    files = []
    for i, city in enumerate(("Lisbon", "Porto", "Faro")):
        path = tmp_path / f"story{i}.txt"
        path.write_text(f"Harbour News From {city}\n\n" + BODY.replace("Lisbon", city),
                        encoding="utf-8")
        files.append(str(path))
    entities = controller(window)
    seen: list[tuple[int, int]] = []
    entities.worker.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(window.imports_done, timeout=30000):
        actions.import_files(window, files)
    qtbot.waitUntil(lambda: not articles_needing_analysis(window.library), timeout=60000)
    assert len(window.library.article_ids()) == 3
    assert max(total for _done, total in seen) >= 3  # one batch, reported as it went
    qtbot.waitUntil(lambda: bool(window.reader.layer("entities")), timeout=10000)


def test_article_menu_acts_on_the_entity_under_the_cursor(
        window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    text = window.current_article.text

    def trigger(title: str) -> None:
        next(a for a in window.menus["article"].actions()
             if a.text().replace("&", "") == title).trigger()

    start = text.index("Tuesday")
    window.reader.select_range(start + 2, start + 3)  # inside the word
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda *_args, **_kw: ("Events", True)))
    trigger("Change Entity Category…")
    assert layer_texts(window)["Tuesday"].startswith("Tuesday — Events")
    start = text.index("Lisbon")
    window.reader.select_range(start, start + 3)
    trigger("Remove Entity")
    assert "Lisbon" not in layer_texts(window)
    assert window.undo_stack.undoText() == "Remove entity “Lisbon”"
    window.reader.select_range(text.index("fishermen"), text.index("fishermen") + 4)
    trigger("Remove Entity")  # nothing there: said, nothing changed
    assert "cursor on an entity" in window.statusBar().currentMessage()


def test_view_menu_switches_all_highlights_and_remembers(window: Any) -> None:
    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    toggle = next(a for a in window.menus["view"].actions()
                  if a.text().replace("&", "") == "Show Entity Highlights")
    assert toggle.isChecked() and layer_texts(window)
    toggle.trigger()
    assert not toggle.isChecked() and window.reader.layer("entities") == []
    assert controller(window).panel.entity_items()  # the list stays
    assert window.library.setting("entities.highlights") == "0"
    toggle.trigger()
    assert layer_texts(window)


def test_a_hand_selection_snaps_to_whole_words() -> None:
    from desktop.ui.features.entities.corrections import snap_to_words

    text = "He met the Harbour Board, then left. Visit the U.S. now."

    def snapped(start: int, end: int) -> str:
        s, e = snap_to_words(text, start, end)
        return text[s:e]

    start = text.index("arbour")
    assert snapped(start, start + 9) == "Harbour Board"  # "arbour Bo" widened
    start = text.index("Harbour")
    assert snapped(start - 1, start + 14) == "Harbour Board"  # " Harbour Board," trimmed
    start = text.index("U.S.")
    assert snapped(start, start + 4) == "U.S."  # an abbreviation keeps its full stop


def test_filter_and_deleting_the_open_article_clear_the_panel(window: Any) -> None:
    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    panel = controller(window).panel
    panel.filter.setText("cast")
    visible_items = [i.text(0) for i in panel.entity_items() if not i.isHidden()]
    assert visible_items == ["Castell", "Mira Castell"]
    assert [panel.tree.topLevelItem(i).isHidden()
            for i in range(panel.tree.topLevelItemCount())].count(False) == 1
    panel.filter.clear()
    window.library.delete_article(article_id)
    window.close_article()
    window.library_changed.emit()
    assert panel.entity_items() == []
    assert window.reader.layer("entities") == []




def test_corrections_dialog_from_the_menu_follows_undo_and_closes(window: Any,
                                                                   qtbot: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop.ui.features.entities.corrections_dialog import CorrectionsDialog

    article_id = add_analysed(window, "Port Town Keeps Its Mayor")
    window.open_article(article_id)
    next(a for a in window.menus["article"].actions()
         if a.text().replace("&", "") == "Entity Corrections…").trigger()
    dialog = window.findChild(CorrectionsDialog)
    assert dialog is not None and dialog.table.rowCount() == 0
    controller(window).corrections.remove("Lisbon")
    assert dialog.table.rowCount() == 1  # the open dialog follows every change
    window.undo_stack.undo()
    assert dialog.table.rowCount() == 0
    dialog.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChild(CorrectionsDialog) is None
    controller(window).corrections.remove("Lisbon")  # no dialog left to reload
    assert "Lisbon" not in layer_texts(window)
