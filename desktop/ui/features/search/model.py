"""The library list's model: every article's id in list order, its rows read a page at a time.

A list of 100,000 articles is a list of 100,000 ints (under 1 MB); what a row shows
(title, site, dates, length, state) is read from SQLite only when the view asks for
it, a page of rows around it at once, and at most ``CACHED_PAGES`` pages are kept.
Reading a page by id takes a millisecond or two, so scrolling never waits; choosing
*which* ids to show (search, filters, sorting) runs off the GUI thread
(desktop/ui/features/search/panel.py) and arrives here whole through ``set_ids``.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.search.listing import ListRow, list_rows
from desktop.core.storage.library import ArticleSummary, Library
from desktop.ui.features.search.delegate import ROW_ROLE, SUMMARY_ROLE, meta_line

_Index = QModelIndex | QPersistentModelIndex
PAGE = 100
CACHED_PAGES = 50  # 5,000 rows: a screenful scrolled far both ways


class LibraryModel(QAbstractTableModel):
    COLUMNS = ("Title", "Site", "Date", "Words")

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.ids: list[int] = []
        self._pages: OrderedDict[int, list[ListRow | None]] = OrderedDict()
        self._positions: dict[int, int] | None = None  # id -> row, built when first asked

    def set_ids(self, ids: list[int]) -> None:
        """Show these articles, in this order."""
        self.beginResetModel()
        self.ids = ids
        self._pages.clear()
        self._positions = None
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Read the shown rows again (a title, state or progress changed)."""
        self._pages.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1,
                                                               len(self.COLUMNS) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row(self, position: int) -> ListRow | None:
        """The row at ``position`` (None if the article has just been deleted)."""
        page_number = position // PAGE
        page = self._pages.get(page_number)
        if page is None:
            page = self._read_page(page_number)
        else:
            self._pages.move_to_end(page_number)
        return page[position - page_number * PAGE]

    def _read_page(self, page_number: int) -> list[ListRow | None]:
        ids = self.ids[page_number * PAGE:(page_number + 1) * PAGE]
        try:
            found = list_rows(self.library.conn, ids)
        except sqlite3.ProgrammingError:  # the library was closed under a repaint: no rows
            return [None] * len(ids)
        page = [found.get(article_id) for article_id in ids]
        self._pages[page_number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.ids[index.row()]
        if role not in _ROW_ROLES:
            return None
        item = self.row(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.title, item.site, item.published or item.saved_at[:10],
                    f"{item.word_count:,}")[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title}\n{meta_line(summary_of(item), item.progress)}"
        if role == SUMMARY_ROLE:
            return summary_of(item)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def row_of(self, article_id: int) -> int:
        if self._positions is None:
            self._positions = {article_id: row for row, article_id in enumerate(self.ids)}
        return self._positions.get(article_id, -1)


_ROW_ROLES = {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), SUMMARY_ROLE,
              ROW_ROLE, int(Qt.ItemDataRole.TextAlignmentRole)}


def summary_of(item: ListRow) -> ArticleSummary:
    return ArticleSummary(item.id, item.title, item.site, item.published, item.saved_at,
                          item.word_count)
