"""The library list on the left: title, site, date and length of every article."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.storage.library import ArticleSummary, Library
from desktop.ui.library_delegate import SUMMARY_ROLE, LibraryItemDelegate, meta_line

_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    COLUMNS = ("Title", "Site", "Date", "Words")

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.rows: list[ArticleSummary] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.library.list_articles()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                item.title,
                item.site,
                item.published or item.saved_at[:10],
                f"{item.word_count:,}",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title}\n{meta_line(item)}"
        if role == SUMMARY_ROLE:
            return item
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return Qt.SortOrder.AscendingOrder
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _SORT_ROLE:
            return (item.title.casefold(), item.site.casefold(),
                    item.published or item.saved_at, item.word_count)[column]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def row_of(self, article_id: int) -> int:
        for row, item in enumerate(self.rows):
            if item.id == article_id:
                return row
        return -1


_SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_SORTS = (
    ("Recently saved", -1, Qt.SortOrder.AscendingOrder),
    ("Title", 0, Qt.SortOrder.AscendingOrder),
    ("Published", 2, Qt.SortOrder.DescendingOrder),
    ("Site", 1, Qt.SortOrder.AscendingOrder),
    ("Length", 3, Qt.SortOrder.DescendingOrder),
)


class _SearchProxy(QSortFilterProxyModel):
    """Filters by full-text search (SQLite FTS5) when the search box has words."""

    def __init__(self) -> None:
        super().__init__()
        self.allowed: set[int] | None = None
        self.setSortRole(_SORT_ROLE)

    def set_allowed(self, allowed: set[int] | None) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() with a begin/end pair.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.allowed = allowed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.allowed = allowed
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if self.allowed is None:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return index.data(Qt.ItemDataRole.UserRole) in self.allowed


class LibraryPanel(QWidget):
    article_activated = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(library)
        self.proxy = _SearchProxy()
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(placeholderText="Search the library (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        # A list of two-line rows reads better in a narrow panel than four
        # cramped columns; the model stays a table (sorting by column).
        self.table = QListView()
        self.table.setObjectName("libraryList")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(LibraryItemDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setUniformItemSizes(True)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.sort_choice = QComboBox()
        for label, column, order in _SORTS:
            self.sort_choice.addItem(label, (column, order))
        self.sort_choice.currentIndexChanged.connect(self._sort)
        self.count_label = QLabel()
        self.count_label.setObjectName("libraryCount")
        sort_row = QHBoxLayout()
        sort_row.setContentsMargins(4, 0, 4, 0)
        sort_row.addWidget(self.count_label)
        sort_row.addStretch(1)
        sort_row.addWidget(QLabel("Sort:"))
        sort_row.addWidget(self.sort_choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(sort_row)
        layout.addWidget(self.table)
        self._sort()
        self._update_count()

    def _sort(self) -> None:
        column, order = self.sort_choice.currentData()
        if column < 0:
            self.proxy.sort(-1)
        else:
            self.proxy.sort(column, order)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "article" if total == 1 else "articles"
        label = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        self.count_label.setText(label)

    def reload(self) -> None:
        current = self.current_id()
        self.model.reload()
        self._filter(self.search.text())
        if current is not None:
            self.select(current, emit=False)

    def _filter(self, text: str) -> None:
        query = text.strip()
        self.proxy.set_allowed(set(self.model.library.search(query)) if query else None)
        self._update_count()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        return int(value) if value is not None else None

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in rows]

    def select(self, article_id: int, emit: bool = True) -> None:
        row = self.model.row_of(article_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.blockSignals(not emit)
        self.table.selectionModel().blockSignals(not emit)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        self.table.scrollTo(index)

    def step(self, delta: int) -> None:
        """Open the next (1) or previous (-1) article in the list as shown."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return
        current = self.table.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        self.table.setCurrentIndex(self.proxy.index(max(0, min(rows - 1, row)), 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_activated.emit(int(current.data(Qt.ItemDataRole.UserRole)))
