"""Article ▸ Replace with New Version…: choose a newer copy of the page and confirm.

The work itself (clean, store, move every highlight to the new text or keep it as
orphaned) is ``desktop.core.operations.update_article``, the same as ``lectern
update``; ``HighlightsController.update_article`` runs it off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.ui.file_dialogs import article_filter

if TYPE_CHECKING:
    from desktop.core.models import ArticleRecord
    from desktop.ui.host import FeatureHost


def ask_for_new_version(host: FeatureHost, article: ArticleRecord) -> Path | None:
    """The file to replace ``article`` with, once the user has chosen and confirmed."""
    name, _filter = QFileDialog.getOpenFileName(
        host.as_parent(), f"New Version of “{article.title}”", "", article_filter())
    if not name:
        return None
    answer = QMessageBox.question(
        host.as_parent(), "Replace with New Version",
        f"Replace the text of “{article.title}” with {Path(name).name}?\n\n"
        "Highlights move to where their passages are in the new text; any that cannot be "
        "found with confidence are kept, with their notes, as orphaned highlights.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    return Path(name) if answer == QMessageBox.StandardButton.Yes else None
