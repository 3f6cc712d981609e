"""Article and library actions of the export feature: citations, Markdown to the
clipboard, Web Annotation JSON, backup and restore. Each is a small function
over desktop.core.export; desktop/ui/features/export.py puts them in menus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.core import settings
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
from desktop.core.storage.library import Library
from desktop.ui import progress_dialog
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

BACKUP_FILTER = "Lectern backups (*.zip);;All files (*)"


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
    window.notes_panel.flush()  # notes typed a moment ago are part of the copy
    name = settings.read(window.library, settings.EXPORT_TEMPLATE)
    try:
        template = load_template(name, window.paths.templates)
        context = build_context(window.library, highlight_source(window.library), record.id)
        text = template.render(context.template_vars())
    except LecternError as exc:
        show_error(window, "Cannot copy the notes", exc)
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
        folder = settings.read(window.library, settings.EXPORT_FOLDER) or Path.home()
        start = Path(folder) / article_file_name(record.title, record.id, ".annotations.jsonld")
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
        show_error(window, "Export failed", OSError(f"Could not write {target}: {exc.strerror}"))
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
                     on_failure=lambda e: show_error(window, "Backup failed", e))


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
                     on_failure=lambda e: show_error(window, "Restore failed", e))


def show_error(window: MainWindow, title: str, exc: BaseException | str) -> None:
    """A window-modal message that does not block (no nested event loop)."""
    window.statusBar().clearMessage()
    progress_dialog.show_error(window, title, exc, name="exportError")
