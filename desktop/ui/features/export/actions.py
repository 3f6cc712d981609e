"""Article and library actions of the export feature: citations, Markdown to the
clipboard, Web Annotation JSON, backup and restore. Each is a small function
over desktop.core.export; desktop/ui/features/export/feature.py puts them in menus."""

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
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

BACKUP_FILTER = "Lectern backups (*.zip);;All files (*)"


# -- citations and web annotations -------------------------------------------

def copy_citation(host: FeatureHost, style: str) -> str:
    record = host.current_article
    if record is None:
        host.say("Open an article to cite it.", 5000)
        return ""
    text = bibtex(record) if style == "bibtex" else csl_json([record])
    QApplication.clipboard().setText(text)
    label = "BibTeX" if style == "bibtex" else "CSL-JSON"
    host.say(f"Copied a {label} citation of “{record.title}”.", 5000)
    return text


def copy_markdown(host: FeatureHost) -> str:
    record = host.current_article
    if record is None:
        host.say("Open an article to copy its notes.", 5000)
        return ""
    host.notes_panel.flush()  # notes typed a moment ago are part of the copy
    name = settings.read(host.library, settings.EXPORT_TEMPLATE)
    try:
        template = load_template(name, host.paths.templates)
        context = build_context(host.library, highlight_source(host.library), record.id)
        text = template.render(context.template_vars())
    except LecternError as exc:
        show_error(host, "Cannot copy the notes", exc)
        return ""
    QApplication.clipboard().setText(text)
    host.say(f"Copied “{record.title}” as Markdown ({name}).", 5000)
    return text


def export_web_annotations(host: FeatureHost, path: str | None = None) -> Path | None:
    record = host.current_article
    if record is None:
        host.say("Open an article to export its highlights.", 5000)
        return None
    if path is None:
        folder = settings.read(host.library, settings.EXPORT_FOLDER) or Path.home()
        start = Path(folder) / article_file_name(record.title, record.id, ".annotations.jsonld")
        path, _filter = QFileDialog.getSaveFileName(
            host.as_parent(), "Export highlights as Web Annotations", str(start),
            "JSON-LD (*.jsonld *.json);;All files (*)")
        if not path:
            return None
    text, count = article_annotations_json(host.library, record.id)
    target = Path(path)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        show_error(host, "Export failed", OSError(f"Could not write {target}: {exc.strerror}"))
        return None
    host.say(f"Saved {count} highlights to {target.name}.", 8000)
    return target


# -- backup and restore ----------------------------------------------------------

def back_up(host: FeatureHost, path: str | None = None) -> None:
    if path is None:
        from datetime import date

        start = host.paths.backups / f"lectern-backup-{date.today().isoformat()}.zip"
        path, _filter = QFileDialog.getSaveFileName(host.as_parent(), "Back up library", str(start),
                                                    BACKUP_FILTER)
        if not path:
            return
    target = Path(path)
    templates = host.paths.templates

    def work(library: Library, _progress: Progress) -> str:
        # The save dialog asked before replacing a file (or the caller chose the name).
        summary = backup_library(library, target, templates, overwrite=True)
        return (f"Backed up {summary.counts.get('articles', 0)} articles and "
                f"{summary.counts.get('annotations', 0)} highlights to {target.name}.")

    host.say("Backing up…")
    host.run_on_library(work, on_success=lambda m: host.say(m, 10000),
                        on_failure=lambda e: show_error(host, "Backup failed", e))


def restore(host: FeatureHost, path: str | None = None) -> None:
    if not library_is_empty(host.library):
        box = QMessageBox(QMessageBox.Icon.Information, "Restore needs an empty library",
                          "Restoring only goes into an empty library, so nothing here is "
                          "overwritten or mixed up.", QMessageBox.StandardButton.Ok,
                          host.as_parent())
        box.setObjectName("restoreRefused")
        box.setInformativeText(
            "This library has articles. To restore a backup, start Lectern with an empty "
            "library (for example with the environment variable LECTERN_HOME set to a new "
            "folder), then use File > Restore Library… there, or run "
            "“lectern restore FILE”.")
        box.open()
        return
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(host.as_parent(), "Restore library",
                                                    str(host.paths.backups), BACKUP_FILTER)
        if not path:
            return
    templates, source = host.paths.templates, Path(path)

    def work(library: Library, _progress: Progress) -> int:
        return restore_library(library, source, templates).counts.get("articles", 0)

    def done(count: int) -> None:
        host.library_changed.emit()
        articles = host.library.list_articles()
        if articles:
            host.open_article(articles[0].id)
        host.say(f"Restored {count} articles from {source.name}.", 10000)

    host.say("Restoring…")
    host.run_on_library(work, on_success=done,
                        on_failure=lambda e: show_error(host, "Restore failed", e))


def show_error(host: FeatureHost, title: str, exc: BaseException | str) -> None:
    """A window-modal message that does not block (no nested event loop)."""
    host.clear_status()
    host.show_error(title, exc, name="exportError")
