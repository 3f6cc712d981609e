"""Article ▸ Replace with New Version…: import a newer copy of the page over the old one,
then move every highlight to the new text (or keep it as orphaned).

Cleaning and re-anchoring run off the GUI thread, on a connection of their own;
the same work as ``lectern update``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.annotations import AnnotationStore, reanchor_article
from desktop.core.importing import read_source
from desktop.core.library import Library
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.highlights_controller import HighlightsController


@dataclass(frozen=True)
class UpdateOutcome:
    article_id: int
    title: str
    stayed: int
    moved: int
    orphaned: int

    def summary(self) -> str:
        total = self.stayed + self.moved + self.orphaned
        if not total:
            return f"Updated “{self.title}”"
        return (f"Updated “{self.title}”: {self.stayed} highlights stayed, {self.moved} moved, "
                f"{self.orphaned} orphaned")


def update_from_file(library_path: Path, article_id: int, path: Path,
                     _progress: Progress) -> UpdateOutcome:
    """Runs off the GUI thread."""
    library = Library.open(library_path)
    try:
        record, _old_text = library.replace_content(article_id, read_source(path))
        report = reanchor_article(AnnotationStore(library), article_id, record.text)
    finally:
        library.close()
    return UpdateOutcome(article_id, record.title, report.stayed, report.moved, report.orphaned)


def ask_and_update(controller: HighlightsController) -> None:
    """The menu action: choose the file, confirm, update."""
    window = controller.window
    article = window.current_article
    if article is None:
        controller.say("Open the article to replace first")
        return
    name, _filter = QFileDialog.getOpenFileName(
        window, f"New Version of “{article.title}”", "",
        "Articles (*.html *.htm *.txt *.md *.markdown);;All files (*)")
    if not name:
        return
    from desktop.ui.safe_text import plain_message_box

    box = plain_message_box(
        QMessageBox.Icon.Question, "Replace with New Version",
        f"Replace the text of “{article.title}” with {Path(name).name}?\n\n"
        "Highlights move to where their passages are in the new text; any that cannot be "
        "found with confidence are kept, with their notes, as orphaned highlights.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, window)
    if box.exec() == QMessageBox.StandardButton.Yes:
        controller.update_article(article.id, Path(name))
