"""User actions of the main window, each a small function over the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop import __version__
from desktop.core.errors import LecternError
from desktop.core.importing import Source, read_source, text_source
from desktop.core.library import Library
from desktop.ui.progress_dialog import TaskProgressDialog, show_error
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

IMPORT_FILTER = "Articles (*.html *.htm *.xhtml *.txt *.md *.markdown);;All files (*)"


@dataclass(frozen=True)
class ImportReport:
    """What happened to each source of one import batch."""

    imported: list[tuple[str, int, bool]]  # (source name, article id, was a duplicate)
    failed: list[tuple[str, str]]  # (source name, message)
    trimmed: list[tuple[str, str]] = field(default_factory=list)  # (name, what was removed)


def import_dialog(window: MainWindow) -> None:
    files, _filter = QFileDialog.getOpenFileNames(window, "Import articles", "", IMPORT_FILTER)
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
    imported: list[tuple[str, int, bool]] = []
    failed: list[tuple[str, str]] = []
    trimmed: list[tuple[str, str]] = []
    try:
        for done, item in enumerate(items):
            if progress.cancelled:
                break
            name = item.name if isinstance(item, Source) else str(item)
            progress.report(done, len(items), Path(name).name)
            try:
                source = item if isinstance(item, Source) else read_source(item)
                outcome = library.import_source(source)
            except LecternError as exc:
                failed.append((name, str(exc)))
            except Exception as exc:  # a bug must not lose the rest of the batch
                failed.append((name, f"unexpected error: {type(exc).__name__}: {exc}"))
            else:
                imported.append((name, outcome.article.id, outcome.duplicate))
                if outcome.trim is not None:
                    trimmed.append((name, outcome.trim.message(
                        "save it as a .md file and import that, or run "
                        "“lectern import --whole FILE”")))
        progress.report(len(items), len(items), "")
    finally:
        library.close()
    return ImportReport(imported, failed, trimmed)


def run_import(window: MainWindow, items: list[Source | Path]) -> None:
    dialog = TaskProgressDialog(window, "Importing articles", "Importing", len(items))

    def finished(report: ImportReport) -> None:
        dialog.finish()
        window.library_changed.emit()
        if report.imported:
            window.open_article(report.imported[-1][1])
        window.imports_done.emit(report)
        added = sum(1 for _n, _i, dup in report.imported if not dup)
        duplicates = len(report.imported) - added
        parts = [f"Imported {added} article{'s' if added != 1 else ''}"]
        if duplicates:
            parts.append(f"{duplicates} already in the library")
        if report.failed:
            parts.append(f"{len(report.failed)} failed")
        if report.trimmed:
            parts.append(f"{len(report.trimmed)} cleaned of much of their text")
        window.statusBar().showMessage(", ".join(parts), 8000)
        if report.trimmed and not report.failed:
            from desktop.ui.safe_text import plain_message_box

            notes = "\n".join(f"• {Path(n).name}: {m}" for n, m in report.trimmed)
            box = plain_message_box(
                QMessageBox.Icon.Information, "Cleaning removed part of the text",
                "Lines that looked like menus, links or comments were left out.",
                QMessageBox.StandardButton.Ok, window, informative=notes[:1200])
            box.setObjectName("trimNotice")
            box.open()
        if report.failed:
            details = "\n".join(f"• {Path(n).name}: {m}" for n, m in report.failed)
            from desktop.ui.safe_text import plain_message_box

            box = plain_message_box(
                QMessageBox.Icon.Warning, "Some files were not imported",
                f"{len(report.failed)} of {len(items)} could not be imported. "
                "The others were imported.", QMessageBox.StandardButton.Ok, window,
                informative=details[:600])
            box.setDetailedText(details)
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
        window.library.delete_article(record.id)
        window.close_article()
        window.library_changed.emit()


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window, "About Lectern",
        f"<b>Lectern {__version__}</b><p>Read saved articles clean, see who and what they "
        f"mention, and keep highlights and notes that export as Markdown.</p>"
        f"<p>Library: {window.library.path}</p>",
    )
