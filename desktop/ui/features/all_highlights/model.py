"""The table of every highlight: one row each, filtered in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.annotations.across_library import LibraryHighlight

COLUMNS = ("Quote", "Note", "Tags", "Colour", "Status", "Article", "Location")
_Index = QModelIndex | QPersistentModelIndex


class HighlightsTable(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._all: list[LibraryHighlight] = []
        self.rows: list[LibraryHighlight] = []
        self._words: list[str] = []
        self._status = ""
        self.meanings: dict[str, str] = {}

    def set_highlights(self, found: list[LibraryHighlight]) -> None:
        self._all = found
        self._refilter()

    def set_filter(self, text: str, status: str = "") -> None:
        self._words, self._status = text.split(), status
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self.rows = [h for h in self._all
                     if (not self._status or h.status == self._status) and h.matches(self._words)]
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._all)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 1):
            return item.quote if index.column() == 0 else item.note
        return None

    def _cell(self, item: LibraryHighlight, column: int) -> str:
        if column == 0:
            return " ".join(item.quote.split())
        if column == 1:
            return " ".join(item.note.split())
        if column == 2:
            return " ".join(f"#{t}" for t in item.tags)
        if column == 3:
            return self.meanings.get(item.color, item.color)
        if column == 4:
            return item.status
        if column == 5:
            return item.title or item.url
        return item.location
