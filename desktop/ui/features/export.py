"""Export, citations and backups in the window.

File > Export… (Ctrl+E) writes Markdown notes through a template (off the GUI
thread, with progress) and says which files got appended sections; Article
menu: copy a citation, export highlights as Web Annotations; File menu: back
up and restore the library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QProgressDialog

from desktop.core.errors import LecternError
from desktop.core.export.atomic import write_atomic
from desktop.core.export.backup import backup_library, library_is_empty
from desktop.core.export.citation import bibtex, csl_json
from desktop.core.export.context import build_context
from desktop.core.export.restore import restore_library
from desktop.core.export.slug import article_file_name
from desktop.core.export.sources import highlight_source
from desktop.core.export.templates import load_template
from desktop.core.export.web_annotation import article_annotations_json
from desktop.core.export.writer import Exporter, ExportReport
from desktop.core.library import Library
from desktop.ui.export_dialog import FOLDER_SETTING, TEMPLATE_SETTING, ExportDialog, ExportRequest
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

BACKUP_FILTER = "Lectern backups (*.zip);;All files (*)"


def install(window: MainWindow) -> None:
    file_menu = window.menus["file"]
    added = [
        window.add_action("file", "&Export…", lambda: open_export_dialog(window), "Ctrl+E",
                          "Export highlights and notes as Markdown files"),
        window.add_action("file", "&Back Up Library…", lambda: back_up(window), None,
                          "Save the whole library and your templates to one archive"),
        window.add_action("file", "&Restore Library…", lambda: restore(window), None,
                          "Bring a backup into this (empty) library"),
    ]
    _move_before_quit(file_menu, added)
    window.menus["article"].addSeparator()
    window.add_action("article", "Copy Citation as &BibTeX", lambda: copy_citation(window,
                      "bibtex"), "Ctrl+Shift+C", "Copy a BibTeX @online entry for this article")
    window.add_action("article", "Copy Citation as CSL-&JSON", lambda: copy_citation(window,
                      "csl-json"), None, "Copy CSL-JSON (Zotero, pandoc) for this article")
    window.add_action("article", "Copy Highlights and Notes as &Markdown",
                      lambda: copy_markdown(window), None,
                      "Copy this article's export (last used template) to paste into notes")
    window.add_action("article", "Export Highlights as &Web Annotation JSON…",
                      lambda: export_web_annotations(window), None,
                      "Save this article's highlights as W3C Web Annotations (JSON-LD)")


def _move_before_quit(menu: QMenu, actions: list[QAction]) -> None:
    """Keep Quit last: put our actions (and a separator) before the separator above it."""
    existing = [a for a in menu.actions() if a not in actions]
    separators = [a for a in existing if a.isSeparator()]
    if not separators:
        return
    anchor = separators[-1]
    for action in actions:
        menu.removeAction(action)
        menu.insertAction(anchor, action)
    menu.insertSeparator(actions[0])


# -- export -----------------------------------------------------------------

def open_export_dialog(window: MainWindow) -> ExportDialog:
    current = window.current_article
    dialog = ExportDialog(
        current=(current.id, current.title) if current else None,
        selected=window.library_panel.selected_ids(), all_ids=window.library.article_ids(),
        folder=window.library.setting(FOLDER_SETTING), template=window.library.setting(
            TEMPLATE_SETTING, "default"), templates_folder=window.paths.templates, parent=window)

    def accepted() -> None:
        request = dialog.request()
        window.library.set_setting(FOLDER_SETTING, str(request.folder))
        window.library.set_setting(TEMPLATE_SETTING, request.template)
        run_export(window, request)

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def _export_in_worker(library_path: Path, templates: Path, request: ExportRequest,
                      progress: Progress) -> ExportReport:
    library = Library.open(library_path)
    try:
        template = load_template(request.template, templates)
        return Exporter(library, template).export(
            request.article_ids, request.folder, progress=progress.report,
            cancelled=lambda: progress.cancelled)
    finally:
        library.close()


def run_export(window: MainWindow, request: ExportRequest) -> Progress:
    dialog = QProgressDialog("Exporting…", "Cancel", 0, len(request.article_ids), window)
    dialog.setWindowTitle("Exporting notes")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def progressed(done: int, total: int, title: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if title:
            dialog.setLabelText(f"Exporting {title[:60]}…")

    def finished(report: ExportReport) -> None:
        dialog.reset()
        dialog.deleteLater()
        show_export_result(window, report)

    def failed(exc: BaseException) -> None:
        dialog.reset()
        dialog.deleteLater()
        QMessageBox.critical(window, "Export failed", f"Nothing more was exported: {exc}")

    progress = window.tasks.run(
        lambda p: _export_in_worker(window.library.path, window.paths.templates, request, p),
        on_success=finished, on_failure=failed, on_progress=progressed)
    dialog.canceled.connect(progress.cancel)
    return progress


def show_export_result(window: MainWindow, report: ExportReport) -> QMessageBox:
    done = len(report.files) - report.count("failed") - report.count("skipped")
    headline = (f"Exported {done} of {len(report.files)} article"
                f"{'' if len(report.files) == 1 else 's'} to {report.folder}.")
    if report.cancelled:
        headline += " Cancelled before the end."
    window.statusBar().showMessage(f"Export: {report.summary()}", 10000)
    lines = [f"In total: {report.summary()}."]
    appended = [f for f in report.files if f.status == "appended"]
    if appended:
        lines.append("You had edited these files, so they were kept; what is new was added "
                     "at their end, under “Added by Lectern”:")
        lines.extend(f"• {f.path.name}: {f.message.split('kept, and ')[-1]}" for f in appended[:8])
        if len(appended) > 8:
            lines.append(f"• … and {len(appended) - 8} more")
    problems = [f for f in report.files if f.status in ("skipped", "failed")]
    lines.extend(f"• {f.status}: {f.path.name if f.title else f'article {f.article_id}'}: "
                 f"{f.message}" for f in problems[:8])
    icon = QMessageBox.Icon.Warning if report.count("failed") else QMessageBox.Icon.Information
    box = QMessageBox(icon, "Export finished", headline, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("exportResult")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    box.setInformativeText("\n".join(lines))
    box.setDetailedText("\n".join(f"{f.status}\t{f.path}\t{f.message}" for f in report.files))
    open_button = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
    open_button.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.folder))))
    box.open()
    return box


# -- citations and web annotations -------------------------------------------

def copy_citation(window: MainWindow, style: str) -> str:
    record = window.current_article
    if record is None:
        window.statusBar().showMessage("Open an article to cite it.", 5000)
        return ""
    text = bibtex(record) if style == "bibtex" else csl_json([record])
    QApplication.clipboard().setText(text)
    label = "BibTeX" if style == "bibtex" else "CSL-JSON"
    window.statusBar().showMessage(f"Copied a {label} citation of “{record.title}”.", 5000)
    return text


def copy_markdown(window: MainWindow) -> str:
    record = window.current_article
    if record is None:
        window.statusBar().showMessage("Open an article to copy its notes.", 5000)
        return ""
    name = window.library.setting(TEMPLATE_SETTING, "default")
    try:
        template = load_template(name, window.paths.templates)
        context = build_context(window.library, highlight_source(window.library), record.id)
        text = template.render(context.template_vars())
    except LecternError as exc:
        _error(window, "Cannot copy the notes", exc)
        return ""
    QApplication.clipboard().setText(text)
    window.statusBar().showMessage(f"Copied “{record.title}” as Markdown ({name}).", 5000)
    return text


def export_web_annotations(window: MainWindow, path: str | None = None) -> Path | None:
    record = window.current_article
    if record is None:
        window.statusBar().showMessage("Open an article to export its highlights.", 5000)
        return None
    if path is None:
        start = Path(window.library.setting(FOLDER_SETTING) or Path.home()) / article_file_name(
            record.title, record.id, ".annotations.jsonld")
        path, _filter = QFileDialog.getSaveFileName(
            window, "Export highlights as Web Annotations", str(start),
            "JSON-LD (*.jsonld *.json);;All files (*)")
        if not path:
            return None
    text, count = article_annotations_json(window.library, record.id)
    target = Path(path)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        _error(window, "Export failed", OSError(f"Could not write {target}: {exc.strerror}"))
        return None
    window.statusBar().showMessage(f"Saved {count} highlights to {target.name}.", 8000)
    return target


# -- backup and restore ----------------------------------------------------------

def back_up(window: MainWindow, path: str | None = None) -> None:
    if path is None:
        from datetime import date

        start = window.paths.backups / f"lectern-backup-{date.today().isoformat()}.zip"
        path, _filter = QFileDialog.getSaveFileName(window, "Back up library", str(start),
                                                    BACKUP_FILTER)
        if not path:
            return
    target = Path(path)
    library_path, templates = window.library.path, window.paths.templates

    def work(_progress: Progress) -> str:
        library = Library.open(library_path)
        try:
            # The save dialog asked before replacing a file (or the caller chose the name).
            summary = backup_library(library, target, templates, overwrite=True)
        finally:
            library.close()
        return (f"Backed up {summary.counts.get('articles', 0)} articles and "
                f"{summary.counts.get('annotations', 0)} highlights to {target.name}.")

    window.statusBar().showMessage("Backing up…")
    window.tasks.run(work, on_success=lambda m: window.statusBar().showMessage(m, 10000),
                     on_failure=lambda e: _error(window, "Backup failed", e))


def restore(window: MainWindow, path: str | None = None) -> None:
    if not library_is_empty(window.library):
        box = QMessageBox(QMessageBox.Icon.Information, "Restore needs an empty library",
                          "Restoring only goes into an empty library, so nothing here is "
                          "overwritten or mixed up.", QMessageBox.StandardButton.Ok, window)
        box.setObjectName("restoreRefused")
        box.setInformativeText(
            "This library has articles. To restore a backup, start Lectern with an empty "
            "library (for example with the environment variable LECTERN_HOME set to a new "
            "folder), then use File > Restore Library… there, or run "
            "“lectern restore FILE”.")
        box.open()
        return
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(window, "Restore library",
                                                    str(window.paths.backups), BACKUP_FILTER)
        if not path:
            return
    library_path, templates, source = window.library.path, window.paths.templates, Path(path)

    def work(_progress: Progress) -> int:
        library = Library.open(library_path)
        try:
            return restore_library(library, source, templates).counts.get("articles", 0)
        finally:
            library.close()

    def done(count: int) -> None:
        window.library_changed.emit()
        articles = window.library.list_articles()
        if articles:
            window.open_article(articles[0].id)
        window.statusBar().showMessage(f"Restored {count} articles from {source.name}.", 10000)

    window.statusBar().showMessage("Restoring…")
    window.tasks.run(work, on_success=done,
                     on_failure=lambda e: _error(window, "Restore failed", e))


def _error(window: MainWindow, title: str, exc: BaseException) -> None:
    window.statusBar().clearMessage()
    box = QMessageBox(QMessageBox.Icon.Critical, title, str(exc), QMessageBox.StandardButton.Ok,
                      window)
    box.setObjectName("exportError")
    box.open()
