"""The All Highlights window: a filter box, a status choice and the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from desktop.core.annotations.across_library import LibraryHighlight, all_highlights
from desktop.ui.features.all_highlights.model import HighlightsTable
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.core.storage.library import Library
    from desktop.ui.host import FeatureHost

_STATUSES = (("Any status", ""), ("Anchored", "anchored"), ("Orphaned", "orphaned"),
             ("Waiting for their page", "waiting"))


def _read_all(library: Library, _progress: Progress) -> tuple[list[LibraryHighlight],
                                                              dict[str, str]]:
    """Off the GUI thread, with the worker's own connection."""
    from desktop.core.annotations import AnnotationStore

    return all_highlights(library), AnnotationStore(library).color_meanings()


class AllHighlightsWindow(QDialog):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.as_parent())
        self.setObjectName("allHighlights")
        self.setWindowTitle("All Highlights")
        self.host = host
        self.model = HighlightsTable()
        self.filter = QLineEdit(placeholderText="Filter: words in quotes, notes, tags, titles…")
        self.filter.setClearButtonEnabled(True)
        self.status = QComboBox()
        for label, value in _STATUSES:
            self.status.addItem(label, value)
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((340, 200, 110, 80, 80, 200)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._refilter)
        self.status.currentIndexChanged.connect(self._refilter)
        self.table.activated.connect(self.open_highlight)  # Enter, or a double click
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        self.resize(1200, 640)
        self.filter.setFocus()

    def reload(self) -> None:
        """Read the library again (off the GUI thread); the filter stays as typed."""
        self.count.setText("Reading the library…")
        self.host.run_on_library(_read_all, on_success=self._loaded)

    def _loaded(self, found: tuple[list[LibraryHighlight], dict[str, str]]) -> None:
        highlights, self.model.meanings = found
        self.model.set_highlights(highlights)
        self._show_count()

    def _refilter(self) -> None:
        self.model.set_filter(self.filter.text(), str(self.status.currentData() or ""))
        self._show_count()

    def _show_count(self) -> None:
        shown, total = len(self.model.rows), self.model.total
        self.count.setText(f"{shown:,} of {total:,} highlights" if shown != total
                           else f"{total:,} highlights")

    def open_highlight(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self.model.rows[index.row()]
        if item.article_id is None:
            self.count.setText("This highlight waits for its page to be downloaded "
                               "(lectern fetch); it is placed when the text arrives.")
            return
        # As a lectern:// link to the highlight opens it: the article, then the place.
        self.host.open_article(item.article_id)
        self.host.link_opened.emit(item.article_id, f"hl-{item.id[:12]}")
        self.host.as_parent().activateWindow()
