"""A launch shows the last article at once, then completes the window on its library."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.paths import app_paths
from desktop.ui import actions
from desktop.ui.app import _complete_window, create_window, make_application
from desktop.ui.first_paint import (
    MAX_CACHED_CHARS,
    read_first_paint,
    snapshot_path,
    write_first_paint,
)
from desktop.ui.main_window import MainWindow

ARTICLE = ("Night Ferries Return to the Fjord\n\nThe first night ferry in eleven years left "
           "the harbour at nine, carrying forty passengers and a brass band.\n\nTickets sold "
           "out within an hour, the operator said on Tuesday.\n")


def _import(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.imports_done, timeout=60000):
        actions.import_files(window, [str(path)])


def test_the_next_launch_shows_the_last_article_before_the_library_opens(  # type: ignore[no-untyped-def]
        qtbot, lectern_home: Path, tmp_path: Path) -> None:
    make_application()
    paths = app_paths()
    window = create_window(paths, with_samples=False)
    qtbot.addWidget(window)
    source = tmp_path / "ferries.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    _import(qtbot, window, source)
    window.set_theme("dark")
    expected_text = window.reader.toPlainText()
    article_id = window.current_article.id
    window.close()
    window.library.close()

    first = read_first_paint(paths.data_dir)
    assert first.theme == "dark" and first.article is not None
    assert first.article.id == article_id
    staged = MainWindow(None, paths)
    qtbot.addWidget(staged)
    staged.show_first_paint(first)
    staged.show()
    # The article is on screen, though no library has been opened yet.
    assert not staged.attached
    assert staged.reader.toPlainText() == expected_text
    assert "Night Ferries" in staged.windowTitle()

    _complete_window(QApplication.instance(), staged, paths, [])  # type: ignore[arg-type]
    try:
        assert staged.attached and staged.current_article is not None
        assert staged.current_article.id == article_id
        assert staged.reader.toPlainText() == expected_text
        assert staged.library_panel.isVisible() and staged.splitter.widget(0) is staged.library_panel
        assert staged.side_tabs.tabText(0) == "Notes"
        qtbot.waitUntil(lambda: staged._features_installed, timeout=10000)
    finally:
        staged.close()
        staged.tasks.wait()
        staged.library.close()


def test_a_damaged_or_missing_cache_gives_an_empty_first_paint(tmp_path: Path) -> None:
    assert read_first_paint(tmp_path).article is None
    snapshot_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert read_first_paint(tmp_path).article is None
    snapshot_path(tmp_path).write_text(json.dumps({"format": 1, "article": {"id": "x"}}),
                                       encoding="utf-8")
    assert read_first_paint(tmp_path).article is None
    snapshot_path(tmp_path).write_text(json.dumps({"format": 99, "theme": "dark"}),
                                       encoding="utf-8")
    assert read_first_paint(tmp_path).theme == "system"


def test_deleting_the_open_article_removes_its_text_from_the_cache(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "ferries.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    _import(qtbot, window, source)
    cache = snapshot_path(window.paths.data_dir)
    assert "brass band" in cache.read_text(encoding="utf-8")
    # The question is a plain-text message box (a title is not markup): answer it Yes.
    monkeypatch.setattr(QMessageBox, "exec", lambda *args: QMessageBox.StandardButton.Yes)
    actions.delete_current(window)
    assert window.current_article is None
    assert "brass band" not in cache.read_text(encoding="utf-8")


def test_a_huge_article_is_not_cached(tmp_path: Path) -> None:
    from desktop.core.models import ArticleRecord, Block, BlockKind

    record = ArticleRecord(id=1, title="Big", author="", site="", url="", published="",
                           language="", word_count=1, content_hash="", source_name="",
                           source_kind="text", saved_at="",
                           blocks=[Block(BlockKind.HEADLINE, "Big"),
                                   Block(BlockKind.PARAGRAPH, "x" * MAX_CACHED_CHARS)])
    write_first_paint(tmp_path, record, theme="light", text_size=14)
    first = read_first_paint(tmp_path)
    assert first.article is None and first.theme == "light" and first.text_size == 14
