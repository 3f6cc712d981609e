"""Highlighting in the window: create, note, colour, delete, undo/redo, panel, links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from desktop.core.annotations import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library
from desktop.ui.features.highlights.controller import HighlightsController
from desktop.ui.features.highlights.feature import HighlightTools
from desktop.ui.reader_menu import add_reader_menu_hook, reader_menu

ARTICLE = """The Night the River Froze Over

For the first time in forty years, the river that runs through the old market town froze from bank to bank last week, and by Saturday morning hundreds of people had walked out onto the ice despite warnings from the council.

The cold snap began on Tuesday. By Thursday the temperature at the weather station on the hill had fallen lower than at any time since records there began, and the ferry stopped running.

“We had skaters, dog walkers and a brass band,” said one resident, who has lived by the river all her life.
"""


def opened(window) -> HighlightsController:  # type: ignore[no-untyped-def]
    outcome = import_source(window.library, text_source(ARTICLE, name="river.txt"))
    window.library_changed.emit()
    window.open_article(outcome.article.id)
    controller = window.findChild(HighlightsController)
    assert controller is not None
    return controller


def select(window, quote: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    start = window.reader.text.index(quote)
    window.reader.select_range(start, start + len(quote))
    return start, start + len(quote)


def user_select(qtbot, window, quote: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select as the reader does: the selection ends with the mouse button let go."""
    chosen = select(window, quote)
    qtbot.mouseRelease(window.reader.viewport(), Qt.MouseButton.LeftButton)
    return chosen


def stored(window) -> list:  # type: ignore[no-untyped-def,type-arg]
    """What is on disk, through a connection of its own."""
    other = Library.open(window.library.path)
    try:
        return AnnotationStore(other).for_article(window.current_article.id)
    finally:
        other.close()


def test_h_highlights_the_selection_and_it_is_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    start, end = select(window, "brass band")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    [saved] = stored(window)
    assert (saved.start, saved.end, saved.quote, saved.color) == (start, end, "brass band",
                                                                   "yellow")
    layer = window.reader.layer("highlights")
    assert [(s.start, s.end) for s in layer] == [(start, end)]
    assert controller.panel.list.count() == 1
    assert "brass band" in controller.panel.list.text(0)
    assert window.statusBar().currentMessage() == "Highlight saved"


def test_keys_pick_colours_and_typing_in_notes_is_not_a_shortcut(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    select(window, "ferry stopped running")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_3)  # blue, applied to the selection
    [saved] = stored(window)
    assert saved.color == "blue" and controller.current_color == "blue"
    window.notes_panel.editor.setFocus()
    qtbot.keyClicks(window.notes_panel.editor, "h1")
    assert window.notes_panel.editor.toPlainText() == "h1"
    assert len(stored(window)) == 1


def test_overlapping_and_cross_paragraph_highlights(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    a = controller.create(text.index("hundreds"), text.index("the council"), "yellow")
    b = controller.create(text.index("walked out"), text.index("Tuesday"), "green")
    assert a is not None and b is not None and "\n\n" in b.quote
    pieces = [(s.start, s.end) for s in window.reader.layer("highlights")]
    assert pieces == [(a.start, b.start), (b.start, a.end), (a.end, b.end)]
    mixed = window.reader.layer("highlights")[1].format.background().color()
    alone = window.reader.layer("highlights")[0].format.background().color()
    assert mixed.alpha() > alone.alpha()
    assert [x.id for x in stored(window)] == [a.id, b.id]


def test_note_tags_colour_delete_with_undo_and_redo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    select(window, "brass band")
    made = controller.highlight_selection("pink")
    assert made is not None
    dialog = controller.open_note_dialog(made.id)
    dialog.note.setPlainText("Who booked a band?")
    dialog.tags.setText("music, #town life")
    dialog.accept()
    [saved] = stored(window)
    assert saved.note == "Who booked a band?" and saved.tags == ["music", "town-life"]
    assert "Who booked a band?" in controller.panel.list.text(0)

    controller.panel.select(made.id)  # edit in place in the panel
    controller.panel.note_edit.setPlainText("Edited in the panel")
    controller.panel.color_box.setCurrentIndex(4)
    controller.panel.save_current()
    [saved] = stored(window)
    assert (saved.note, saved.color) == ("Edited in the panel", "purple")

    controller.delete(made.id)
    assert stored(window) == [] and controller.panel.list.count() == 0
    stack = window.undo_stack
    stack.undo()  # delete undone: back exactly as it was
    assert stored(window) == [saved]
    stack.undo()  # panel edit undone
    assert (stored(window)[0].note, stored(window)[0].color) == ("Who booked a band?", "pink")
    stack.undo()  # note undone
    assert stored(window)[0].note == "" and stored(window)[0].tags == []
    stack.undo()  # creation undone
    assert stored(window) == [] and window.reader.layer("highlights") == []
    for _ in range(4):
        stack.redo()
    assert stored(window) == []  # redo all the way: deleted again
    stack.undo()
    assert stored(window)[0].note == "Edited in the panel"
    assert controller.panel.list.count() == 1


def test_undo_with_keyboard(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    select(window, "brass band")
    controller.highlight_selection()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == []
    qtbot.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(stored(window)) == 1


def test_clicking_in_the_panel_selects_the_passage(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    first = controller.create(text.index("forty years"), text.index("forty years") + 11)
    second = controller.create(text.index("brass band"), text.index("brass band") + 10)
    assert first is not None and second is not None
    window.reader.select_range(0, 0)
    rect = controller.panel.list.row_rect(1)
    qtbot.mouseClick(controller.panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert window.reader.selected_range() == (second.start, second.end)


def test_rename_colour_meaning(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    dialog = controller.panel.open_rename_dialog()
    dialog.edits["blue"].setText("open question")  # type: ignore[attr-defined]
    dialog.accept()
    assert AnnotationStore(window.library).color_meanings()["blue"] == "open question"
    window.undo_stack.undo()
    assert AnnotationStore(window.library).color_meanings()["blue"] == "question"


def test_link_to_a_highlight_selects_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    made = controller.create(text.index("ferry"), text.index("ferry") + 21, note="n")
    assert made is not None
    window.reader.select_range(0, 0)
    window.open_link(f"lectern://article/{made.article_id}#{made.block_id}")
    assert window.reader.selected_range() == (made.start, made.end)
    assert controller.panel.current_id() == made.id


def test_orphaned_highlights_are_listed_apart(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    made = controller.create(text.index("brass band"), text.index("brass band") + 10, note="keep")
    assert made is not None
    made.status = "orphaned"
    controller.store.restore(made)
    controller.refresh()
    assert controller.panel.list.count() == 0 and controller.panel.orphans.count() == 1
    assert "keep" in controller.panel.orphans.text(0)
    assert controller.panel.orphans.isVisibleTo(controller.panel)
    assert window.reader.layer("highlights") == []  # shown over no text


def test_context_menu_has_standard_highlight_and_hooked_actions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    seen: list[int] = []
    add_reader_menu_hook(window.reader, lambda menu, offset: (seen.append(offset),  # type: ignore[arg-type, func-returns-value]
                                                              menu.addAction("Look Up")))
    start, _end = select(window, "brass band")
    menu = reader_menu(window.reader).build(start + 2)
    titles = [a.text() for a in menu.actions()]
    assert titles[:2] == ["&Copy", "Select &All"] and "Look Up" in titles
    assert "Highlight" in titles and seen == [start + 2]
    menu.deleteLater()
    made = controller.highlight_selection()
    assert made is not None
    menu = reader_menu(window.reader).build(made.start + 1)
    delete = next(a for a in menu.actions() if a.text() == "Delete Highlight")
    delete.trigger()
    assert stored(window) == []
    assert isinstance(menu, QMenu)
    menu.deleteLater()


def test_toolbar_appears_by_a_selection_and_highlights(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    opened(window)
    tools = window.findChild(HighlightTools)
    select(window, "brass band")  # selected by the app (e.g. a link): no toolbar
    qtbot.wait(400)
    assert not tools.toolbar.isVisible()
    user_select(qtbot, window, "brass band")
    qtbot.waitUntil(tools.toolbar.isVisible, timeout=3000)
    assert not tools.toolbar.delete_button.isVisibleTo(tools.toolbar)
    qtbot.mouseClick(tools.toolbar.color_buttons["green"], Qt.MouseButton.LeftButton)
    [saved] = stored(window)
    assert saved.quote == "brass band" and saved.color == "green"
    # clicking inside the highlight offers to edit it: change colour, delete
    window.reader.select_range(saved.start + 3, saved.start + 3)
    qtbot.mouseRelease(window.reader.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tools.toolbar.isVisible()
                    and tools.toolbar.delete_button.isVisibleTo(tools.toolbar),
                    timeout=3000)
    qtbot.mouseClick(tools.toolbar.color_buttons["purple"], Qt.MouseButton.LeftButton)
    assert stored(window)[0].color == "purple"
    qtbot.mouseClick(tools.toolbar.delete_button, Qt.MouseButton.LeftButton)
    assert stored(window) == []


def test_a_note_typed_in_the_panel_is_never_lost(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    first = controller.create(text.index("forty years"), text.index("forty years") + 11)
    second = controller.create(text.index("brass band"), text.index("brass band") + 10)
    assert first is not None and second is not None
    controller.panel.select(first.id)
    controller.panel.note_edit.setPlainText("typed, not saved with the button")
    rect = controller.panel.list.row_rect(1)
    qtbot.mouseClick(controller.panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())  # moving on to another highlight saves it
    qtbot.waitUntil(lambda: AnnotationStore(window.library).get(first.id).note ==
                    "typed, not saved with the button", timeout=3000)
    assert controller.panel.current_id() == second.id
    assert controller.panel.note_edit.toPlainText() == ""
    controller.panel.note_edit.setPlainText("typed just before closing")
    controller.panel.tags_edit.setText("last, words")
    window.close()
    saved = AnnotationStore(window.library).get(second.id)
    assert (saved.note, saved.tags) == ("typed just before closing", ["last", "words"])


def test_an_orphan_can_be_attached_to_a_selected_passage(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    made = controller.create(text.index("brass band"), text.index("brass band") + 10,
                             color="blue", note="keep", tags=["music"])
    assert made is not None
    made.status = "orphaned"
    controller.store.restore(made)
    controller.refresh()
    controller.panel.select(made.id)
    assert controller.panel.attach_button.isVisibleTo(controller.panel)
    start, end = select(window, "skaters, dog walkers")
    qtbot.mouseClick(controller.panel.attach_button, Qt.MouseButton.LeftButton)
    [saved] = stored(window)
    assert (saved.id, saved.status, saved.quote, saved.start, saved.end) == (
        made.id, "anchored", "skaters, dog walkers", start, end)
    assert (saved.color, saved.note, saved.tags) == ("blue", "keep", ["music"])
    assert controller.panel.list.count() == 1 and controller.panel.orphans.count() == 0
    window.undo_stack.undo()
    [back] = stored(window)
    assert back.status == "orphaned" and back.quote == "brass band"


def test_replacing_the_article_moves_its_highlights(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    moves = controller.create(text.index("ferry stopped running"),
                              text.index("ferry stopped running") + 21, note="ferry")
    lost = controller.create(text.index("brass band"), text.index("brass band") + 10,
                             note="band")
    assert moves is not None and lost is not None
    newer = tmp_path / "river-v2.txt"
    newer.write_text(ARTICLE.replace("The cold snap began", "The cold snap, the worst in "
                                      "memory, began").replace("brass band", "choir"),
                     encoding="utf-8")
    with qtbot.waitSignal(controller.article_updated, timeout=30000) as blocker:
        controller.update_article(window.current_article.id, newer)
        select(window, "forty years")
        assert controller.highlight_selection() is None  # not while the text is replaced
    outcome = blocker.args[0]
    assert (outcome.stayed, outcome.moved, outcome.orphaned) == (0, 1, 1)
    assert "choir" in window.reader.text
    assert "1 moved, 1 orphaned" in window.statusBar().currentMessage()
    [placed] = [s for s in window.reader.layer("highlights")]
    assert window.reader.text[placed.start:placed.end] == "ferry stopped running"
    assert controller.panel.list.count() == 1 and controller.panel.orphans.count() == 1
    assert "band" in controller.panel.orphans.text(0)


def test_replacing_with_a_missing_file_says_why(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    with qtbot.waitSignal(controller.article_updated, timeout=30000) as blocker:
        controller.update_article(window.current_article.id, tmp_path / "gone.html")
    assert isinstance(blocker.args[0], Exception)
    assert window.statusBar().currentMessage().startswith("Not updated:")
    assert "brass band" in window.reader.text


def test_tags_complete_from_the_library(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    controller.create(text.index("forty"), text.index("forty") + 5, tags=["climate", "council"])
    made = controller.create(text.index("brass band"), text.index("brass band") + 10)
    assert made is not None
    dialog = controller.open_note_dialog(made.id)
    completer = dialog.tags.completer()
    dialog.tags.setText("music, cl")
    assert completer.splitPath(dialog.tags.text()) == ["cl"]
    completer.setCompletionPrefix("cl")
    assert completer.completionCount() == 1  # "council" does not start with "cl"
    completer.setCurrentRow(0)
    assert completer.currentCompletion() == "music, climate"
    dialog.reject()


def test_brackets_step_through_highlights_in_reading_order(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    late = controller.create(text.index("brass band"), text.index("brass band") + 10)
    early = controller.create(text.index("forty years"), text.index("forty years") + 11)
    assert late is not None and early is not None
    window.reader.select_range(0, 0)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_BracketRight)
    assert window.reader.selected_range() == (early.start, early.end)
    qtbot.keyClick(window.reader, Qt.Key.Key_BracketRight)
    assert window.reader.selected_range() == (late.start, late.end)
    qtbot.keyClick(window.reader, Qt.Key.Key_BracketRight)  # wraps round
    assert window.reader.selected_range() == (early.start, early.end)
    qtbot.keyClick(window.reader, Qt.Key.Key_BracketLeft)
    assert window.reader.selected_range() == (late.start, late.end)


def test_escape_hides_the_toolbar(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    opened(window)
    tools = window.findChild(HighlightTools)
    user_select(qtbot, window, "brass band")
    qtbot.waitUntil(tools.toolbar.isVisible, timeout=3000)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert not tools.toolbar.isVisible()


def test_undo_shows_the_article_it_changes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    first = window.current_article.id
    select(window, "brass band")
    made = controller.highlight_selection()
    assert made is not None
    other = import_source(window.library, text_source(
        ARTICLE.replace("River Froze Over", "Canal Flooded").replace("forty", "fifty"),
        name="canal.txt")).article.id
    window.open_article(other)
    window.undo_stack.undo()  # the highlight on the first article goes
    assert window.current_article.id == first
    assert stored(window) == []
    window.undo_stack.redo()
    assert [a.id for a in stored(window)] == [made.id]
    assert controller.panel.current_id() == made.id


def test_typed_note_survives_a_refresh_and_undo_does_not_resurrect_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = opened(window)
    text = window.reader.text
    first = controller.create(text.index("forty years"), text.index("forty years") + 11)
    assert first is not None
    controller.panel.select(first.id)
    controller.panel.note_edit.setPlainText("typed while something else changed")
    controller.create(text.index("brass band"), text.index("brass band") + 10)  # refreshes
    qtbot.waitUntil(lambda: AnnotationStore(window.library).get(first.id).note ==
                    "typed while something else changed", timeout=3000)
    window.undo_stack.undo()  # the note goes; the editor must not save it back
    qtbot.wait(50)
    assert AnnotationStore(window.library).get(first.id).note == ""
    assert controller.panel.note_edit.toPlainText() == ""
