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
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.core import settings
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter, ExportReport
from desktop.core.storage.library import Library
from desktop.ui import export_actions as actions
from desktop.ui.export_dialog import ExportDialog, ExportRequest
from desktop.ui.progress_dialog import TaskProgressDialog
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    file_menu = window.menus["file"]
    added = [
        window.add_action("file", "&Export…", lambda: open_export_dialog(window), "Ctrl+E",
                          "Export highlights and notes as Markdown files"),
        window.add_action("file", "&Back Up Library…", lambda: actions.back_up(window), None,
                          "Save the whole library and your templates to one archive"),
        window.add_action("file", "&Restore Library…", lambda: actions.restore(window), None,
                          "Bring a backup into this (empty) library"),
    ]
    _move_before_quit(file_menu, added)
    window.menus["article"].addSeparator()
    window.add_action("article", "Copy Citation as &BibTeX", lambda: actions.copy_citation(window,
                      "bibtex"), "Ctrl+Shift+C", "Copy a BibTeX @online entry for this article")
    window.add_action("article", "Copy Citation as CSL-&JSON", lambda: actions.copy_citation(window,
                      "csl-json"), None, "Copy CSL-JSON (Zotero, pandoc) for this article")
    window.add_action("article", "Copy Highlights and Notes as &Markdown",
                      lambda: actions.copy_markdown(window), None,
                      "Copy this article's export (last used template) to paste into notes")
    window.add_action("article", "Export Highlights as &Web Annotation JSON…",
                      lambda: actions.export_web_annotations(window), None,
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
        folder=settings.read(window.library, settings.EXPORT_FOLDER),
        template=settings.read(window.library, settings.EXPORT_TEMPLATE),
        templates_folder=window.paths.templates, parent=window)

    def accepted() -> None:
        request = dialog.request()
        settings.write(window.library, settings.EXPORT_FOLDER, str(request.folder))
        settings.write(window.library, settings.EXPORT_TEMPLATE, request.template)
        run_export(window, request)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)  # a new one each time: choices are re-read
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
    window.notes_panel.flush()  # notes typed a moment ago are part of the export
    dialog = TaskProgressDialog(window, "Exporting notes", "Exporting", len(request.article_ids))

    def finished(report: ExportReport) -> None:
        dialog.finish()
        show_export_result(window, report)

    def failed(exc: BaseException) -> None:
        dialog.finish()
        actions.show_error(window, "Export failed",
                           f"The export stopped; files already written are complete: {exc}")

    library_path, templates = window.library.path, window.paths.templates  # no widget in the worker
    progress = window.tasks.run(
        lambda p: _export_in_worker(library_path, templates, request, p),
        on_success=finished, on_failure=failed, on_progress=dialog.progressed)
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
    lines.extend(report.warnings)
    icon = QMessageBox.Icon.Warning if report.count("failed") or report.warnings else (
        QMessageBox.Icon.Information)
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
