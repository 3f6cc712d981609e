"""User actions of the main window, each a small function over the core."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop import __version__
from desktop.core.importing import text_source
from desktop.core.models import Source
from desktop.core.operations.delete_article import delete_article
from desktop.core.operations.import_articles import ImportReport, import_batch
from desktop.core.storage.library import Library
from desktop.ui.file_dialogs import article_filter
from desktop.ui.progress_dialog import TaskProgressDialog, show_error
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

def import_dialog(window: MainWindow) -> None:
    files, _filter = QFileDialog.getOpenFileNames(window, "Import articles", "",
                                                  article_filter())
    if files:
        import_files(window, files)


def paste_article(window: MainWindow) -> None:
    text = QApplication.clipboard().text()
    if not text.strip():
        QMessageBox.information(window, "Nothing to paste",
                                "The clipboard holds no text. Copy an article first.")
        return
    import_text(window, text)


def import_text(window: MainWindow, text: str) -> None:
    run_import(window, [text_source(text, name="pasted text")])


def import_files(window: MainWindow, files: list[str]) -> None:
    run_import(window, [Path(f) for f in files])


def _import_batch(
    library_path: Path, items: list[Source | Path], progress: Progress
) -> ImportReport:
    """Runs off the GUI thread, with its own connection."""
    library = Library.open(library_path)
    try:
        return import_batch(library, items, progress)
    finally:
        library.close()


def run_import(window: MainWindow, items: list[Source | Path]) -> None:
    dialog = TaskProgressDialog(window, "Importing articles", "Importing", len(items))

    def finished(report: ImportReport) -> None:
        dialog.finish()
        window.library_changed.emit()
        if report.imported:
            window.open_article(report.imported[-1][1])
        window.imports_done.emit(report)
        added, duplicates = report.added, report.duplicates
        parts = [f"Imported {added} article{'s' if added != 1 else ''}"]
        if duplicates:
            parts.append(f"{duplicates} already in the library")
        if report.failed:
            parts.append(f"{len(report.failed)} failed")
        window.statusBar().showMessage(", ".join(parts), 8000)
        if report.failed:
            details = "\n".join(f"• {Path(n).name}: {m}" for n, m in report.failed)
            box = QMessageBox(QMessageBox.Icon.Warning, "Some files were not imported",
                              f"{len(report.failed)} of {len(items)} could not be imported. "
                              "The others were imported.", QMessageBox.StandardButton.Ok, window)
            box.setDetailedText(details)
            box.setInformativeText(details[:600])
            box.open()

    def failed(exc: BaseException) -> None:
        dialog.finish()
        show_error(window, "Import failed", f"The import stopped: {exc}")

    library_path = window.library.path  # read here: the worker touches no widget
    progress = window.tasks.run(
        lambda p: _import_batch(library_path, items, p),
        on_success=finished, on_failure=failed, on_progress=dialog.progressed,
    )
    dialog.canceled.connect(progress.cancel)


def delete_current(window: MainWindow) -> None:
    record = window.current_article
    if record is None:
        return
    answer = QMessageBox.question(
        window, "Delete article",
        f"Delete “{record.title}” with its highlights and notes? This cannot be undone.",
    )
    if answer == QMessageBox.StandardButton.Yes:
        delete_article(window.library, record.id)
        window.close_article()
        window.library_changed.emit()


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window, "About Lectern",
        f"<b>Lectern {__version__}</b><p>Read saved articles clean, see who and what they "
        f"mention, and keep highlights and notes that export as Markdown.</p>"
        f"<p>Library: {window.library.path}</p>",
    )
