"""Article ▸ Replace with New Version…: import a newer copy of the page over the old one,
then move every highlight to the new text (or keep it as orphaned).

Cleaning and re-anchoring run off the GUI thread, on a connection of their own;
the same work as ``lectern update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.importing import read_source
from desktop.core.operations.update_article import UpdateOutcome, update_article
from desktop.core.storage.library import Library
from desktop.ui.file_dialogs import article_filter
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.highlights_controller import HighlightsController


def update_from_file(library_path: Path, article_id: int, path: Path,
                     _progress: Progress) -> UpdateOutcome:
    """Runs off the GUI thread."""
    library = Library.open(library_path)
    try:
        return update_article(library, article_id, read_source(path))
    finally:
        library.close()


def ask_and_update(controller: HighlightsController) -> None:
    """The menu action: choose the file, confirm, update."""
    window = controller.window
    article = window.current_article
    if article is None:
        controller.say("Open the article to replace first")
        return
    name, _filter = QFileDialog.getOpenFileName(
        window, f"New Version of “{article.title}”", "",
        article_filter())
    if not name:
        return
    answer = QMessageBox.question(
        window, "Replace with New Version",
        f"Replace the text of “{article.title}” with {Path(name).name}?\n\n"
        "Highlights move to where their passages are in the new text; any that cannot be "
        "found with confidence are kept, with their notes, as orphaned highlights.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    if answer == QMessageBox.StandardButton.Yes:
        controller.update_article(article.id, Path(name))
