"""The library on the left: views and saved searches, the search box, and the list.

The list is a lazy model over ids (desktop/ui/features/search/model.py). Which ids it shows
is asked of a ``ListReader`` off the GUI thread, on every key typed in the search
box: a newer question interrupts an older one, and an answer that arrives after a
newer question was asked is dropped, so typing is never held up, at any size.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.search.listing import ListQuery, article_ids
from desktop.core.search.query import TYPED_PREFIX_MIN, QueryError
from desktop.core.search.reader import ListReader
from desktop.core.search.saved import remove_search, save_search, saved_searches
from desktop.core.storage.library import Library
from desktop.ui.features.search.delegate import LibraryItemDelegate
from desktop.ui.features.search.filters import FilterButton, describe_filters
from desktop.ui.features.search.model import LibraryModel
from desktop.ui.tasks import TaskRunner

_VIEWS = (("Inbox", "inbox"), ("Favourites", "favourites"), ("Archive", "archive"),
          ("All articles", "all"))
_SORTS = (("Best match", ""), ("Recently saved", "saved"), ("Published", "published"),
          ("Title", "title"), ("Reading time", "length"))
_KIND = int(Qt.ItemDataRole.UserRole)
TYPING_PAUSE_MS = 40  # keys typed faster than this are one question, not one each
SYNC_RELOAD_ROWS = 5000  # a longer list is made again off the GUI thread (see reload)


class LibraryPanel(QWidget):
    article_activated = Signal(int)
    listed = Signal()  # the list shows the answer to the latest question

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = LibraryModel(library)
        self._reader = ListReader(library.path)
        self._tasks = TaskRunner(self, max_threads=1)
        self._base = ListQuery()  # the view or saved search chosen in the sidebar
        self._problem = ""
        self.search = QLineEdit(placeholderText="Search everything (Ctrl+F): words, \"a phrase\","
                                                " -word, tag:, note:, site:")
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.views = QListWidget()
        self.views.setObjectName("libraryViews")
        self.views.currentItemChanged.connect(self._view_chosen)
        self.table = QListView()
        self.table.setObjectName("libraryList")
        self.table.setModel(self.model)
        self.table.setItemDelegate(LibraryItemDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setUniformItemSizes(True)
        # Laid out a batch at a time between events: a new list of 100,000 rows never
        # holds up the keys being typed.
        self.table.setLayoutMode(QListView.LayoutMode.Batched)
        self.table.setBatchSize(2000)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.sort_choice = QComboBox()
        for label, name in _SORTS:
            self.sort_choice.addItem(label, name)
        self.sort_choice.setToolTip("Best match: ranked when searching, else most recently saved")
        self.sort_choice.currentIndexChanged.connect(self.refresh)
        self.filters = FilterButton(library, self.refresh)
        self.save_button = QToolButton()
        self.save_button.setText("Save Search")
        self.save_button.setObjectName("saveSearch")
        self.save_button.setToolTip("Keep this search and its filters in the sidebar")
        self.save_button.clicked.connect(self.ask_and_save_search)
        self.views.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.views.customContextMenuRequested.connect(self._views_menu)
        self.count_label = QLabel()
        self.count_label.setObjectName("libraryCount")
        self.count_label.setWordWrap(True)
        sort_row = QHBoxLayout()
        sort_row.setContentsMargins(4, 0, 4, 0)
        sort_row.addWidget(self.filters)
        sort_row.addWidget(self.save_button)
        sort_row.addStretch(1)
        sort_row.addWidget(self.sort_choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        layout.addWidget(self.search)
        layout.addLayout(sort_row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table)
        self._fill_views()
        self.reload()

    # -- what the list shows ---------------------------------------------------

    def query(self) -> ListQuery:
        """The question the list answers now: sidebar choice, search box, filters, sort."""
        typed = self.search.text()
        if len(typed.strip()) < TYPED_PREFIX_MIN:
            typed = ""  # one letter matches nearly everything: the list as it is
        search = " ".join(x for x in (self._base.search, typed) if x.strip())
        sort = self.sort_choice.currentData() or ""
        if not typed.strip() and not self._base.search and not sort:
            sort = "saved"  # nothing to rank by: "best match" means most recent
        return self.filters.apply(self._base.with_changes(
            search=search, sort=sort, typing=bool(typed) and not typed.endswith(" ")))

    def refresh(self) -> None:
        """Ask for the ids to show, off the GUI thread; the newest answer wins."""
        query = self.query()
        number = self._reader.ask()
        self._tasks.run(lambda _progress: self._reader.ids(query, number),
                        lambda ids: self._show(number, ids),
                        lambda exc: self._failed(number, exc))

    def reload(self, *, next_if_gone: bool = False) -> None:
        """The library changed: list again, and recount. A list of up to
        ``SYNC_RELOAD_ROWS`` rows is made at once (a few milliseconds, and the change
        shows with no stale frame); a longer one off the GUI thread (listing 100,000
        articles takes 30-110 ms: an E pressed in a large library must not freeze it).
        ``next_if_gone``: if the current article left the list (archived from the
        Inbox), the one now in its row becomes current (and opens)."""
        row = self.current_row() if next_if_gone else -1
        self.update_counts()
        if len(self.model.ids) > SYNC_RELOAD_ROWS:
            query = self.query()
            number = self._reader.ask()
            self._tasks.run(lambda _progress: self._reader.ids(query, number),
                            lambda ids: self._show(number, ids, scroll=True, follow=row),
                            lambda exc: self._failed(number, exc))
            return
        self._reader.ask()  # anything still on its way is stale
        try:
            ids = article_ids(self.library.conn, self.query())
        except QueryError as exc:
            self._problem = str(exc)
            ids = self.model.ids
        else:
            self._problem = ""
        self._apply(ids, scroll=True, follow=row)

    def _show(self, number: int, ids: list[int] | None, *, scroll: bool = False,
              follow: int = -1) -> None:
        if ids is None or number != self._reader.latest:
            return  # a newer question is on its way
        self._problem = ""
        # A new search's answer is read from its top; a reload keeps the current row.
        self._apply(ids, scroll=scroll, follow=follow)

    def _failed(self, number: int, exc: BaseException) -> None:
        if number != self._reader.latest:
            return
        if not isinstance(exc, QueryError):
            raise exc
        self._problem = str(exc)  # keep the list as it was, say why in one line
        self._update_count()
        self.listed.emit()

    def _apply(self, ids: list[int], *, scroll: bool, follow: int = -1) -> None:
        current = self.current_id()
        selected = self.selected_ids()
        self.model.set_ids(ids)
        if current is not None:
            self.select(current, emit=False, scroll=scroll)
        if len(selected) > 1:
            self._reselect(selected)
        if follow >= 0 and current is not None and self.current_id() is None:
            self.set_current_row(follow)  # the current article left: the next one
        self._update_count()
        self.listed.emit()

    def _reselect(self, article_ids: list[int]) -> None:
        """Select these articles again (those still listed), as runs of rows."""
        rows = sorted(r for r in map(self.model.row_of, article_ids) if r >= 0)
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        first = 0
        for position in range(1, len(rows) + 1):
            if position == len(rows) or rows[position] != rows[position - 1] + 1:
                selection.select(self.model.index(rows[first], 0),
                                 self.model.index(rows[position - 1], last_column))
                first = position
        model = self.table.selectionModel()
        model.blockSignals(True)
        model.select(selection, QItemSelectionModel.SelectionFlag.Select)
        model.blockSignals(False)
        self.table.viewport().update()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        noun = "article" if shown == 1 else "articles"
        parts = [f"{shown:,} {noun}", *describe_filters(self.query())]
        text = "  ·  ".join(parts)
        if self._problem:
            text = f"⚠ {self._problem}"
        self.count_label.setText(text)

    # -- the sidebar: views and saved searches, with counts ---------------------

    def _fill_views(self) -> None:
        self.views.blockSignals(True)
        chosen = self._base
        self.views.clear()
        for label, view in _VIEWS:
            item = QListWidgetItem(label)
            item.setData(_KIND, ListQuery(view=view))
            self.views.addItem(item)
        for saved in saved_searches(self.library):
            item = QListWidgetItem(f"⌕ {saved.name}")
            item.setData(_KIND, saved.query)
            item.setToolTip(saved.query.search or saved.name)
            self.views.addItem(item)
        for row in range(self.views.count()):
            if self.views.item(row).data(_KIND) == chosen:
                self.views.setCurrentRow(row)
        if self.views.currentRow() < 0:
            self.views.setCurrentRow(0)
        rows = min(self.views.count(), 10)  # fits its rows; saved searches beyond scroll
        self.views.setFixedHeight(self.views.sizeHintForRow(0) * rows + 2 * self.views.frameWidth())
        self.views.blockSignals(False)

    def ask_and_save_search(self) -> None:
        name, ok = QInputDialog.getText(self, "Save Search", "Name in the sidebar:",
                                        text=self.search.text().strip())
        if ok and name.strip():
            self.save_current_search(name)

    def save_current_search(self, name: str) -> None:
        """Keep what the list shows now (view, search, filters, sort) under ``name``."""
        query = self.query().with_changes(typing=False)
        save_search(self.library, name, query)
        self._base = query
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filters.clear()
        self.saved_searches_changed()

    def _views_menu(self, position: QPoint) -> None:
        item = self.views.itemAt(position)
        if item is None or not item.text().startswith("⌕ "):
            return
        name = item.text()[2:].split("  (")[0]
        menu = QMenu(self)
        menu.addAction(f"Remove “{name}”", lambda: self.remove_saved_search(name))
        menu.exec(self.views.mapToGlobal(position))

    def remove_saved_search(self, name: str) -> None:
        remove_search(self.library, name)
        if self.views.currentItem() is not None and self.views.currentItem().text().startswith(
                f"⌕ {name}"):
            self._base = ListQuery()
        self.saved_searches_changed()
        self.refresh()

    def saved_searches_changed(self) -> None:
        self._fill_views()
        self.update_counts()

    def update_counts(self) -> None:
        """Count every view and saved search, off the GUI thread."""
        items = [self.views.item(row) for row in range(self.views.count())]
        queries = [item.data(_KIND) for item in items]
        labels = [item.text().split("  (")[0] for item in items]
        self._tasks.run(lambda _progress: self._reader.counts(queries),
                        lambda counts: self._show_counts(labels, counts))

    def _show_counts(self, labels: list[str], counts: list[int | None]) -> None:
        for row, (label, found) in enumerate(zip(labels, counts, strict=True)):
            item = self.views.item(row)
            if item is not None and item.text().split("  (")[0] == label:
                item.setText(label if found is None else f"{label}  ({found:,})")

    def _view_chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._base = item.data(_KIND)
            self.refresh()

    def choose_view(self, view: str) -> None:
        for row in range(self.views.count()):
            if self.views.item(row).data(_KIND) == ListQuery(view=view):
                self.views.setCurrentRow(row)

    # -- selection --------------------------------------------------------------

    # -- as desktop.ui.host.LibraryList ------------------------------------------

    @property
    def list_widget(self) -> QWidget:
        return self.table

    def refresh_rows(self) -> None:
        self.model.refresh_rows()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def row_count(self) -> int:
        return self.model.rowCount()

    def set_current_row(self, row: int) -> None:
        rows = self.model.rowCount()
        if rows:
            self.table.setCurrentIndex(self.model.index(max(0, min(row, rows - 1)), 0))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        return int(value) if value is not None else None

    def selected_ids(self) -> list[int]:
        # The list shows column 0 only (a table model): selectedRows() would want all four.
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.model.ids[row] for row in rows if row < len(self.model.ids)]

    def select(self, article_id: int, emit: bool = True, scroll: bool = True) -> None:
        """Make ``article_id`` the current row, if the list shows it (and scroll to it:
        with a new list of 100,000 rows that lays it out, 10-16 ms)."""
        row = self.model.row_of(article_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.blockSignals(not emit)
        self.table.selectionModel().blockSignals(not emit)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        if scroll:
            self.table.scrollTo(index)

    def step(self, delta: int) -> None:
        """Open the next (1) or previous (-1) article in the list as shown."""
        rows = self.model.rowCount()
        if rows == 0:
            return
        current = self.table.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        self.table.setCurrentIndex(self.model.index(max(0, min(rows - 1, row)), 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_activated.emit(int(current.data(Qt.ItemDataRole.UserRole)))
