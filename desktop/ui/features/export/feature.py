"""Export, citations and backups in the host.

File > Export… (Ctrl+E) writes Markdown notes through a template (off the GUI
thread, with progress) and says which files got appended sections; Article
menu: copy a citation, export highlights as Web Annotations; File menu: back
up and restore the library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.core import settings
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter, ExportReport
from desktop.core.storage.library import Library
from desktop.ui.features.export import actions
from desktop.ui.features.export.dialog import ExportDialog, ExportRequest
from desktop.ui.progress_dialog import TaskProgressDialog
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost


def install(host: FeatureHost) -> None:
    host.add_menu_separator("file")
    host.add_action("file", "&Export…", lambda: open_export_dialog(host), "Ctrl+E",
                    "Export highlights and notes as Markdown files")
    host.add_action("file", "&Back Up Library…", lambda: actions.back_up(host), None,
                    "Save the whole library and your templates to one archive")
    host.add_action("file", "&Restore Library…", lambda: actions.restore(host), None,
                    "Bring a backup into this (empty) library")
    host.menu("article").addSeparator()
    host.add_action("article", "Copy Citation as &BibTeX", lambda: actions.copy_citation(host,
                      "bibtex"), "Ctrl+Shift+C", "Copy a BibTeX @online entry for this article")
    host.add_action("article", "Copy Citation as CSL-&JSON", lambda: actions.copy_citation(host,
                      "csl-json"), None, "Copy CSL-JSON (Zotero, pandoc) for this article")
    host.add_action("article", "Copy Highlights and Notes as &Markdown",
                      lambda: actions.copy_markdown(host), None,
                      "Copy this article's export (last used template) to paste into notes")
    host.add_action("article", "Export Highlights as &Web Annotation JSON…",
                      lambda: actions.export_web_annotations(host), None,
                      "Save this article's highlights as W3C Web Annotations (JSON-LD)")


# -- export -----------------------------------------------------------------

def open_export_dialog(host: FeatureHost) -> ExportDialog:
    current = host.current_article
    dialog = ExportDialog(
        current=(current.id, current.title) if current else None,
        selected=host.selected_article_ids(), all_ids=host.library.article_ids(),
        folder=settings.read(host.library, settings.EXPORT_FOLDER),
        template=settings.read(host.library, settings.EXPORT_TEMPLATE),
        templates_folder=host.paths.templates, parent=host.as_parent())

    def accepted() -> None:
        request = dialog.request()
        settings.write(host.library, settings.EXPORT_FOLDER, str(request.folder))
        settings.write(host.library, settings.EXPORT_TEMPLATE, request.template)
        run_export(host, request)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)  # a new one each time: choices are re-read
    dialog.open()
    return dialog


def _export_in_worker(library: Library, templates: Path, request: ExportRequest,
                      progress: Progress) -> ExportReport:
    template = load_template(request.template, templates)
    return Exporter(library, template).export(
        request.article_ids, request.folder, progress=progress.report,
        cancelled=lambda: progress.cancelled)


def run_export(host: FeatureHost, request: ExportRequest) -> Progress:
    host.notes_panel.flush()  # notes typed a moment ago are part of the export
    dialog = TaskProgressDialog(host.as_parent(), "Exporting notes", "Exporting",
                                len(request.article_ids))

    def finished(report: ExportReport) -> None:
        dialog.finish()
        show_export_result(host, report)

    def failed(exc: BaseException) -> None:
        dialog.finish()
        actions.show_error(host, "Export failed",
                           f"The export stopped; files already written are complete: {exc}")

    templates = host.paths.templates  # read here: the worker touches no widget
    progress = host.run_on_library(
        lambda library, p: _export_in_worker(library, templates, request, p),
        on_success=finished, on_failure=failed, on_progress=dialog.progressed)
    dialog.canceled.connect(progress.cancel)
    return progress


def show_export_result(host: FeatureHost, report: ExportReport) -> QMessageBox:
    done = len(report.files) - report.count("failed") - report.count("skipped")
    headline = (f"Exported {done} of {len(report.files)} article"
                f"{'' if len(report.files) == 1 else 's'} to {report.folder}.")
    if report.cancelled:
        headline += " Cancelled before the end."
    host.say(f"Export: {report.summary()}", 10000)
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
    from desktop.ui.safe_text import plain_message_box

    box = plain_message_box(icon, "Export finished", headline, QMessageBox.StandardButton.Ok,
                            host.as_parent(), informative="\n".join(lines))
    box.setObjectName("exportResult")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    box.setDetailedText("\n".join(f"{f.status}\t{f.path}\t{f.message}" for f in report.files))
    open_button = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
    open_button.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.folder))))
    box.open()
    return box
