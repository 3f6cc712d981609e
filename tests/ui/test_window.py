"""The window as a reader uses it: import, read clean text, write notes, come back later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.core.paths import app_paths
from desktop.ui import actions
from desktop.ui.app import create_window

ARTICLE = """Menu
Subscribe
The Night the River Froze Over

For the first time in forty years, the river that runs through the old market town froze from bank to bank last week, and by Saturday morning hundreds of people had walked out onto the ice despite warnings from the council.

The cold snap began on Tuesday. By Thursday the temperature at the weather station on the hill had fallen lower than at any time since records there began, and the ferry stopped running.

“We had skaters, dog walkers and a brass band,” said one resident, who has lived by the river all her life.

Leave a Reply
Your email address will not be published.
"""


def import_and_wait(qtbot, window, files: list[str]):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.imports_done, timeout=60000) as blocker:
        actions.import_files(window, files)
    return blocker.args[0]


def test_import_shows_the_cleaned_article(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "river.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    report = import_and_wait(qtbot, window, [str(path), str(tmp_path / "missing.txt")])
    assert len(report.imported) == 1
    assert report.failed == [(str(tmp_path / "missing.txt"), "no such file")]
    shown = window.reader.toPlainText()
    assert shown.startswith("The Night the River Froze Over")
    assert "brass band" in shown
    assert "Leave a Reply" not in shown and "Subscribe" not in shown
    assert window.reader.text == window.current_article.text
    assert window.library_panel.model.rowCount() == 1
    assert window.windowTitle().startswith("The Night the River Froze Over")


def test_reader_offsets_map_to_the_cleaned_text(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "river.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, window, [str(path)])
    text = window.reader.text
    start = text.index("brass band")
    window.reader.select_range(start, start + len("brass band"))
    assert window.reader.textCursor().selectedText() == "brass band"
    assert window.reader.selected_range() == (start, start + len("brass band"))
    # a selection across paragraphs maps back to text offsets that span the gap
    first = text.index("last week")
    window.reader.select_range(first, start)
    assert window.reader.selected_range() == (first, start)


def test_notes_survive_a_restart(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "river.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, window, [str(path)])
    article_id = window.current_article.id
    qtbot.keyClicks(window.notes_panel.editor, "Ask the council about **ice** warnings")
    with qtbot.waitSignal(window.notes_panel.saved, timeout=5000):
        pass
    assert window.notes_panel.status.text() == "Saved"
    assert "<strong>ice</strong>" in window.notes_panel.preview.toHtml() or \
        "ice" in window.notes_panel.preview.toPlainText()
    window.splitter.setSizes([250, 700, 350])
    window.close()
    window.library.close()

    again = create_window(app_paths(), with_samples=False)
    qtbot.addWidget(again)
    try:
        assert again.current_article is not None and again.current_article.id == article_id
        assert again.notes_panel.editor.toPlainText() == "Ask the council about **ice** warnings"
    finally:
        again.close()
        again.library.close()


def test_unsaved_note_is_flushed_when_switching_articles(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("River Froze", "Canal Flooded").replace("forty", "fifty"),
                      encoding="utf-8")
    report = import_and_wait(qtbot, window, [str(first), str(second)])
    a_id, b_id = report.imported[0][1], report.imported[1][1]
    window.open_article(a_id)
    window.notes_panel.editor.setPlainText("typed just before switching")
    window.open_article(b_id)  # before the autosave timer fires
    assert window.library.note(a_id) == "typed just before switching"


def test_paste_as_new_article(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().setText(ARTICLE)
    with qtbot.waitSignal(window.imports_done, timeout=60000):
        actions.paste_article(window)
    assert window.current_article is not None
    assert window.current_article.title == "The Night the River Froze Over"


def test_dropping_files_imports_them(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dropped.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.imports_done, timeout=60000):
        window.dropEvent(event)
    assert window.library_panel.model.rowCount() == 1


def test_library_search_filters_the_list(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("River Froze Over", "Orchard Bloomed").replace(
        "brass band", "string quartet"), encoding="utf-8")
    import_and_wait(qtbot, window, [str(first), str(second)])
    panel = window.library_panel
    panel.search.setText("quartet")  # answered off the GUI thread
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)


def test_first_run_shows_the_sample_library(qtbot, lectern_home: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.app import make_application

    make_application()
    win = create_window(app_paths())
    qtbot.addWidget(win)
    try:
        titles = {item.title for item in win.library.list_articles()}
        assert "How the Rosetta Stone Was Read" in titles
        assert "The Gettysburg Address" in titles
        assert any("Apollo 11" in t for t in titles)
        assert win.current_article is not None
        # the sample pages' comment sections and menus are gone
        rosetta = next(a for a in win.library.list_articles() if "Rosetta" in a.title)
        text = win.library.article(rosetta.id).text
        assert "Leave a Reply" not in text and "Share on Facebook" not in text
        assert "Champollion" in text
    finally:
        win.close()
        win.library.close()
    # deleting every sample does not bring them back on the next start
    win2 = create_window(app_paths())
    qtbot.addWidget(win2)
    for item in win2.library.list_articles():
        win2.library.delete_article(item.id)
    win2.close()
    win2.library.close()
    win3 = create_window(app_paths())
    qtbot.addWidget(win3)
    assert win3.library.list_articles() == []
    win3.close()
    win3.library.close()


def test_text_size_theme_and_panel_sizes_come_back(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "river.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, window, [str(path)])
    start = window.reader.text.index("brass band")
    window.reader.set_layer("test", [])
    size = window.reader.body_font.pointSize()
    window.reader.zoom(2)
    assert window.reader.body_font.pointSize() == size + 2
    # re-laying out keeps offsets meaningful
    window.reader.select_range(start, start + 10)
    assert window.reader.textCursor().selectedText() == "brass band"
    window.set_theme("dark")
    from desktop.ui.theme import is_dark

    assert is_dark()
    window.resize(760, 640)  # within the offscreen screen (800x800), so nothing is clamped
    window.splitter.setSizes([150, 400, 200])
    sizes = window.splitter.sizes()
    window.close()
    window.library.close()
    again = create_window(app_paths(), with_samples=False)
    qtbot.addWidget(again)
    try:
        assert again.reader.body_font.pointSize() == size + 2
        assert is_dark()
        again.show()
        assert again.size() == window.size()
        assert again.splitter.sizes() == sizes
    finally:
        again.set_theme("system")
        again.close()
        again.library.close()


def test_files_given_at_launch_are_imported_and_missing_ones_named(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "river.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    missing = str(tmp_path / "gone.html")
    with qtbot.waitSignal(window.imports_done, timeout=60000) as done:
        window.open_arguments([str(path), missing], [])
    report = done.args[0]
    assert [name for name, _id, _dup in report.imported] == [str(path)]
    assert report.failed == [(missing, "no such file")]
