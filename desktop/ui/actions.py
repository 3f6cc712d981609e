"""User actions of the main host, each a small function over the core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop import __version__
from desktop.core.importing import text_source
from desktop.core.operations.delete_article import delete_article
from desktop.core.operations.import_articles import ImportReport, import_batch
from desktop.ui.file_dialogs import article_filter
from desktop.ui.progress_dialog import TaskProgressDialog

if TYPE_CHECKING:
    from desktop.core.operations.move_in.summary import MoveInSummary
    from desktop.core.storage.library import Library
    from desktop.ui.host import FeatureHost
    from desktop.ui.tasks import Progress

def import_dialog(host: FeatureHost) -> None:
    files, _filter = QFileDialog.getOpenFileNames(host.as_parent(), "Import articles", "",
                                                  article_filter())
    if files:
        import_files(host, files)


def paste_article(host: FeatureHost) -> None:
    text = QApplication.clipboard().text()
    if not text.strip():
        QMessageBox.information(host.as_parent(), "Nothing to paste",
                                "The clipboard holds no text. Copy an article first.")
        return
    import_text(host, text)


def import_text(host: FeatureHost, text: str) -> None:
    from desktop.core.net.urls import looks_like_url

    if looks_like_url(text):  # an address copied where an article was expected
        import_addresses(host, [text.strip()])
        return
    run_import(host, [text_source(text, name="pasted text")])


def import_addresses(host: FeatureHost, urls: list[str]) -> None:
    """Download and import web pages (several at once, cleaned as they arrive)."""
    run_import(host, list(urls), work=_import_addresses)


def _import_addresses(library: Library, urls: list[Any], progress: Progress) -> ImportReport:
    """Runs off the GUI thread, on the library connection it is given."""
    from desktop.core.operations.import_urls import import_urls

    report = ImportReport()
    for outcome in import_urls(library, urls, progress=progress):
        if outcome.article_id is None:
            report.failed.append((outcome.url, outcome.problem))
        else:
            report.imported.append((outcome.url, outcome.article_id, outcome.duplicate))
    return report


def import_files(host: FeatureHost, files: list[str]) -> None:
    run_import(host, [Path(f) for f in files])


def run_import(host: FeatureHost, items: list[Any],
               work: Callable[[Library, list[Any], Progress], ImportReport] | None = None
               ) -> None:
    """Import ``items`` off the GUI thread with a progress window; ``work`` does it
    (default: files and pasted sources), and the report is shown the same way."""
    batch = work or import_batch
    dialog = TaskProgressDialog(host.as_parent(), "Importing articles", "Importing", len(items))

    def finished(report: ImportReport) -> None:
        dialog.finish()
        host.library_changed.emit()
        if report.imported:
            host.open_article(report.imported[-1][1])
        host.imports_done.emit(report)
        added, duplicates = report.added, report.duplicates
        parts = [f"Imported {added} article{'s' if added != 1 else ''}"]
        if duplicates:
            parts.append(f"{duplicates} already in the library")
        if report.failed:
            parts.append(f"{len(report.failed)} failed")
        if report.moved_in:
            parts = [s.line() for s in report.moved_in] + (parts if report.imported else [])
            show_moved_in(host, report.moved_in)
        if report.trimmed:
            parts.append(f"{len(report.trimmed)} cleaned of much of their text")
        host.say(", ".join(parts), 8000)
        from desktop.ui.safe_text import plain_message_box

        if report.trimmed and not report.failed:
            how = "save it as a .md file and import that, or run “lectern import --whole FILE”"
            notes = "\n".join(f"• {Path(n).name}: {t.message(how)}" for n, t in report.trimmed)
            box = plain_message_box(
                QMessageBox.Icon.Information, "Cleaning removed part of the text",
                "Lines that looked like menus, links or comments were left out.",
                QMessageBox.StandardButton.Ok, host.as_parent(), informative=notes[:1200])
            box.setObjectName("trimNotice")
            box.open()
        if report.failed:
            details = "\n".join(f"• {_shown_name(n)}: {m}" for n, m in report.failed)
            box = plain_message_box(
                QMessageBox.Icon.Warning, "Some files were not imported",
                f"{len(report.failed)} of {len(items)} could not be imported. "
                "The others were imported.", QMessageBox.StandardButton.Ok, host.as_parent(),
                informative=details[:600])
            box.setDetailedText(details)
            box.open()

    def failed(exc: BaseException) -> None:
        dialog.finish()
        host.show_error("Import failed", f"The import stopped: {exc}")

    progress = host.run_on_library(  # the worker touches no widget
        lambda library, p: batch(library, items, p),
        on_success=finished, on_failure=failed, on_progress=dialog.progressed,
    )
    dialog.canceled.connect(progress.cancel)


def _shown_name(name: str) -> str:
    """A file by its name, an address whole (its last part alone says little)."""
    return name if "://" in name else Path(name).name


def show_moved_in(host: FeatureHost, summaries: list[MoveInSummary]) -> QMessageBox:
    """What each export brought, with its problems (row or entry) in the details."""
    problems = [f"• {Path(s.source).name}: {p}" for s in summaries for p in s.problems]
    box = QMessageBox(QMessageBox.Icon.Information, "Moved in",
                      "\n".join(s.line() for s in summaries), QMessageBox.StandardButton.Ok,
                      host.as_parent())
    box.setObjectName("movedInSummary")
    waiting = sum(s.waiting for s in summaries)
    if waiting:
        box.setInformativeText(f"{waiting} links wait to be downloaded (lectern fetch); "
                               "their highlights are placed when their text arrives.")
    if problems:
        box.setDetailedText("\n".join(problems))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def delete_current(host: FeatureHost) -> None:
    record = host.current_article
    if record is None:
        return
    from desktop.ui.safe_text import plain_message_box  # a title is not markup

    box = plain_message_box(
        QMessageBox.Icon.Question, "Delete article",
        f"Delete “{record.title}” with its highlights and notes? This cannot be undone.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, host.as_parent())
    if box.exec() == QMessageBox.StandardButton.Yes:
        delete_article(host.library, record.id)
        host.close_article()
        host.library_changed.emit()


def about(host: FeatureHost) -> None:
    QMessageBox.about(
        host.as_parent(), "About Lectern",
        f"<b>Lectern {__version__}</b><p>Read saved articles clean, see who and what they "
        f"mention, and keep highlights and notes that export as Markdown.</p>"
        f"<p>Library: {host.library.path}</p>",
    )
