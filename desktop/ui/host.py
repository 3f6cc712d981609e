"""What a feature may use of the window: a small typed interface, not the window.

Features (``desktop.ui.features``) are written against ``FeatureHost``; the main
window implements it. So a feature never probes the window (no ``hasattr``), never
finds a menu by its text, never reaches past what is listed here, and the window
can change its insides without breaking one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction, QKeySequence, QUndoStack
    from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

    from desktop.core.models import ArticleRecord
    from desktop.core.paths import AppPaths
    from desktop.core.storage.library import Library
    from desktop.ui.notes_panel import NotesPanel
    from desktop.ui.reader_view import ReaderView
    from desktop.ui.tasks import Progress, TaskRunner

T = TypeVar("T")


class LibraryList(Protocol):
    """The library list on the left (desktop.ui.features.search.panel), as other
    parts see it: what it shows, and a widget where list-wide shortcuts live."""

    @property
    def list_widget(self) -> QWidget: ...
    # The library changed: list again, recount; next_if_gone: if the current article
    # left the list, the one now in its row becomes current.
    def reload(self, *, next_if_gone: bool = False) -> None: ...
    def refresh_rows(self) -> None: ...  # a shown row's title, state or progress changed
    def current_id(self) -> int | None: ...
    def current_row(self) -> int: ...  # -1 when none
    def row_count(self) -> int: ...
    def set_current_row(self, row: int) -> None: ...  # clamped into the list


class FeatureHost(Protocol):
    """The window as features see it."""

    # -- the open library, and the folders Lectern uses
    @property
    def library(self) -> Library: ...
    @property
    def paths(self) -> AppPaths: ...

    # -- the article on screen, and the articles chosen in the library list
    @property
    def current_article(self) -> ArticleRecord | None: ...
    def open_article(self, article_id: int) -> None: ...
    def close_article(self) -> None: ...
    def selected_article_ids(self) -> list[int]: ...
    @property
    def library_list(self) -> LibraryList: ...

    # -- what happens (Qt signals)
    article_opened: SignalInstance  # (article id) after the reader shows it
    library_changed: SignalInstance  # articles added, removed or replaced
    link_opened: SignalInstance  # (article id, fragment) of a lectern:// link
    imports_done: SignalInstance  # (ImportReport) after each import batch
    theme_changed: SignalInstance  # (theme name) features repaint their colours
    closing: SignalInstance  # the window is about to close: flush, stop workers

    # -- places to plug in
    @property
    def reader(self) -> ReaderView: ...
    @property
    def side_tabs(self) -> QTabWidget: ...
    @property
    def notes_panel(self) -> NotesPanel: ...
    @property
    def undo_stack(self) -> QUndoStack: ...
    @property
    def tasks(self) -> TaskRunner: ...
    def menu(self, name: str) -> QMenu: ...
    def add_action(self, menu: str, text: str, slot: Callable[..., Any],
                   shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                   tip: str = "") -> QAction: ...
    def add_import_action(self, text: str, slot: Callable[..., Any],
                          shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                          tip: str = "") -> QAction:
        """An action that brings articles in: in the File menu, with Import…"""
        ...
    def add_menu_separator(self, menu: str) -> None: ...
    def add_status_widget(self, widget: QWidget) -> None: ...
    def as_parent(self) -> QWidget: ...

    # -- the status and error channel
    def say(self, message: str, milliseconds: int = 5000) -> None: ...
    def clear_status(self) -> None: ...
    def show_error(self, title: str, error: BaseException | str,
                   name: str = "errorMessage") -> None: ...

    # -- work on the library off the GUI thread (a connection of the worker's own)
    def run_on_library(self, work: Callable[[Library, Progress], T],
                       on_success: Callable[[T], None],
                       on_failure: Callable[[BaseException], None] | None = None,
                       on_progress: Callable[[int, int, str], None] | None = None) -> Progress: ...
    @property
    def library_path(self) -> Path: ...
