"""Export in the window: dialog, background export with a result summary, citations,
web annotations, backup/restore, and lectern:// links from exported notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.annotations import AnnotationStore
from desktop.core.export.backup import backup_library
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library
from desktop.ui.features.export import actions, feature
from desktop.ui.features.export.dialog import ExportDialog, ExportRequest

ARTICLE = """The Night the River Froze Over

For the first time in forty years, the river that runs through the old market town froze from bank to bank last week, and by Saturday morning hundreds of people had walked out onto the ice despite warnings from the council.

The cold snap began on Tuesday. By Thursday the temperature at the weather station on the hill had fallen lower than at any time since records there began, and the ferry stopped running.
"""
SECOND = """A Second Story About Bridges

Bridges were built over the river in the nineteenth century, and the old ferry kept running for decades after the first of them opened to carts and walkers.
"""


def add(window, text: str = ARTICLE, name: str = "river.txt") -> int:  # type: ignore[no-untyped-def]
    outcome = import_source(window.library, text_source(text, name=name))
    window.library_changed.emit()
    return int(outcome.article.id)


def highlight(window, article_id: int, quote: str, note: str = ""):  # type: ignore[no-untyped-def]
    text = window.library.article(article_id).text
    start = text.index(quote)
    return AnnotationStore(window.library).create(article_id, start, start + len(quote),
                                                  note=note)


def result_box(qtbot, window) -> QMessageBox:  # type: ignore[no-untyped-def]
    def shown() -> bool:
        return any(b.isVisible() for b in window.findChildren(QMessageBox, "exportResult"))

    qtbot.waitUntil(shown, timeout=10000)
    box = next(b for b in window.findChildren(QMessageBox, "exportResult") if b.isVisible())
    return box


def test_menus_have_export_citation_and_backup_actions(window) -> None:  # type: ignore[no-untyped-def]
    file_actions = [a for a in window.menus["file"].actions() if not a.isSeparator()]
    texts = [a.text() for a in file_actions]
    assert {"&Export…", "&Back Up Library…", "&Restore Library…"} <= set(texts)
    assert texts[-1] == "&Quit"
    export = next(a for a in file_actions if a.text() == "&Export…")
    assert export.shortcut().toString() == "Ctrl+E"
    article = [a.text() for a in window.menus["article"].actions()]
    assert "Copy Citation as &BibTeX" in article and "Copy Citation as CSL-&JSON" in article
    assert "Export Highlights as &Web Annotation JSON…" in article
    assert "Copy Highlights and Notes as &Markdown" in article


def test_dialog_offers_scopes_and_templates_and_remembers_choices(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    first = add(window)
    second = add(window, SECOND, "bridges.txt")
    window.open_article(first)
    user_templates = window.paths.templates
    user_templates.mkdir(parents=True, exist_ok=True)
    (user_templates / "brief.md.j2").write_text("# {{ article.title | md_line }}\n")

    dialog = feature.open_export_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.scope_current.isChecked() and "River Froze" in dialog.scope_current.text()
    assert dialog.scope_selected.isEnabled() == bool(window.library_panel.selected_ids())
    assert dialog.scope_library.text() == "Whole library (2 articles)"
    names = [dialog.template_box.itemData(i) for i in range(dialog.template_box.count())]
    assert names == ["default", "zotero", "plain", "brief"]
    assert not dialog.export_button.isEnabled()  # no folder yet
    out = tmp_path / "vault"
    dialog.folder_edit.setText(str(out))
    dialog.scope_library.setChecked(True)
    dialog.template_box.setCurrentIndex(names.index("zotero"))
    assert dialog.request() == ExportRequest([first, second], out, "zotero", "library")
    dialog.export_button.click()
    box = result_box(qtbot, window)
    assert "Exported 2 of 2 articles" in box.text()
    assert len(list(out.glob("*.md"))) == 2
    assert "# Annotations" in next(out.glob("*.md")).read_text()
    box.close()

    window.library_panel.table.selectAll()
    again = feature.open_export_dialog(window)
    qtbot.addWidget(again)
    assert again.folder_edit.text() == str(out)
    assert again.template_box.currentData() == "zotero"
    assert again.scope_selected.isChecked()  # several selected: they are the default
    assert again.scope_selected.text() == "Selected articles (2)"
    assert sorted(again.request().article_ids) == [first, second]
    again.reject()


def test_notes_typed_just_before_exporting_are_exported(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    article_id = add(window)
    window.open_article(article_id)
    window.notes_panel.editor.setPlainText("typed a moment ago")  # not saved yet
    feature.run_export(window, ExportRequest([article_id], tmp_path, "default", "current"))
    result_box(qtbot, window).close()
    assert "typed a moment ago" in next(tmp_path.glob("*.md")).read_text()


def test_result_summary_names_files_that_got_appended_sections(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    article_id = add(window)
    highlight(window, article_id, "froze from bank to bank", "first")
    out = tmp_path / "vault"
    request = ExportRequest([article_id], out, "default", "current")
    feature.run_export(window, request)
    box = result_box(qtbot, window)
    assert "1 written" in box.informativeText()
    box.close()
    [path] = list(out.glob("*.md"))
    path.write_text(path.read_text() + "\nMy own thoughts.\n")
    highlight(window, article_id, "the ferry stopped running", "second")
    feature.run_export(window, request)
    box = result_box(qtbot, window)
    info = box.informativeText()
    assert "1 appended" in info and path.name in info and "1 new highlight" in info
    assert "Added by Lectern" in info
    assert path.read_text().count("My own thoughts.") == 1
    box.grab().save(str(tmp_path / "result.png"))
    box.close()


def test_copy_citations_and_save_web_annotations(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article_id = add(window)
    window.open_article(article_id)
    made = highlight(window, article_id, "froze from bank to bank", "why?")
    actions.copy_citation(window, "bibtex")
    assert QApplication.clipboard().text().startswith("@online{")
    actions.copy_citation(window, "csl-json")
    assert json.loads(QApplication.clipboard().text())[0]["title"] == (
        "The Night the River Froze Over")
    actions.copy_markdown(window)
    copied = QApplication.clipboard().text()
    assert copied.startswith("---\n") and f"^{made.block_id}" in copied and "why?" in copied
    saved = actions.export_web_annotations(window, str(tmp_path / "h.jsonld"))
    assert saved is not None
    data = json.loads(saved.read_text())
    assert data["first"]["items"][0]["id"].endswith(made.block_id)


def test_backup_and_restore_in_the_window(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = Library.open(tmp_path / "other" / "library.sqlite3")
    import_source(other, text_source(ARTICLE, name="river.txt"))
    archive = tmp_path / "b.zip"
    backup_library(other, archive)
    other.close()

    actions.restore(window, str(archive))  # the window's library is empty
    qtbot.waitUntil(lambda: window.library_panel.model.rowCount() == 1, timeout=10000)
    assert window.current_article is not None
    assert window.current_article.title == "The Night the River Froze Over"

    actions.restore(window, str(archive))  # now it is not: explained, nothing touched
    refused = window.findChild(QMessageBox, "restoreRefused")
    assert refused is not None and refused.isVisible() and "empty library" in refused.text()
    refused.close()

    copy = tmp_path / "window-backup.zip"
    actions.back_up(window, str(copy))
    qtbot.waitUntil(copy.exists, timeout=10000)
    window.tasks.wait()


def test_lectern_link_in_an_exported_note_opens_that_highlight(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path) -> None:
    article_id = add(window)
    add(window, SECOND, "bridges.txt")
    highlight(window, article_id, "froze from bank to bank")
    made = highlight(window, article_id, "the ferry stopped running", "this one")
    feature.run_export(window, ExportRequest([article_id], tmp_path, "default", "current"))
    result_box(qtbot, window).close()
    text = next(tmp_path.glob("*.md")).read_text()
    links = re.findall(r"\((lectern://article/\d+#hl-[0-9a-f]+)\)", text)
    link = next(x for x in links if made.block_id in x)
    window.open_article(2)
    window.open_link(link)
    assert window.current_article is not None and window.current_article.id == article_id
    qtbot.waitUntil(lambda: window.reader.selected_range() == (made.start, made.end),
                    timeout=5000)


def test_dialog_looks_right(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_article(add(window))
    dialog = ExportDialog(current=(1, "The Night the River Froze Over"), selected=[1],
                          all_ids=[1], folder=str(tmp_path), template="default",
                          templates_folder=tmp_path / "templates", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.export_button.isEnabled()
    dialog.grab().save(str(tmp_path / "dialog.png"))
    dialog.close()


def test_an_export_that_cannot_start_says_why(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article_id = add(window)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    feature.run_export(window, ExportRequest([article_id], blocker / "vault", "default",
                                             "current"))

    def error_shown() -> bool:
        return any(b.isVisible() for b in window.findChildren(QMessageBox, "exportError"))

    qtbot.waitUntil(error_shown, timeout=10000)
    box = next(b for b in window.findChildren(QMessageBox, "exportError") if b.isVisible())
    assert "cannot create the export folder" in box.text()
    box.close()
