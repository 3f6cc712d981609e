"""User actions of the main host, each a small function over the core."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop import __version__
from desktop.core.importing import text_source
from desktop.core.models import Source
from desktop.core.operations.delete_article import delete_article
from desktop.core.operations.import_articles import ImportReport, import_batch
from desktop.ui.file_dialogs import article_filter
from desktop.ui.progress_dialog import TaskProgressDialog

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

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
    run_import(host, [text_source(text, name="pasted text")])


def import_files(host: FeatureHost, files: list[str]) -> None:
    run_import(host, [Path(f) for f in files])


def run_import(host: FeatureHost, items: list[Source | Path]) -> None:
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
        host.say(", ".join(parts), 8000)
        if report.failed:
            details = "\n".join(f"• {Path(n).name}: {m}" for n, m in report.failed)
            box = QMessageBox(QMessageBox.Icon.Warning, "Some files were not imported",
                              f"{len(report.failed)} of {len(items)} could not be imported. "
                              "The others were imported.", QMessageBox.StandardButton.Ok,
                              host.as_parent())
            box.setDetailedText(details)
            box.setInformativeText(details[:600])
            box.open()

    def failed(exc: BaseException) -> None:
        dialog.finish()
        host.show_error("Import failed", f"The import stopped: {exc}")

    progress = host.run_on_library(  # the worker touches no widget
        lambda library, p: import_batch(library, items, p),
        on_success=finished, on_failure=failed, on_progress=dialog.progressed,
    )
    dialog.canceled.connect(progress.cancel)


def delete_current(host: FeatureHost) -> None:
    record = host.current_article
    if record is None:
        return
    answer = QMessageBox.question(
        host.as_parent(), "Delete article",
        f"Delete “{record.title}” with its highlights and notes? This cannot be undone.",
    )
    if answer == QMessageBox.StandardButton.Yes:
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
