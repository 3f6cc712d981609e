"""The main window: assembles the library list, the reader and the side panels.

It holds no domain logic: actions call small functions in ``desktop.ui.actions``
and features install themselves (``desktop.ui.features``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QTabWidget, QWidget

from desktop.core import settings
from desktop.ui.first_paint import FirstPaint, write_first_paint
from desktop.ui.reader_view import ReaderView, reading_minutes
from desktop.ui.theme import apply_theme, current_theme
from desktop.ui.window_menus import WindowMenus, build_menus

if TYPE_CHECKING:
    # Qt classes used only in annotations, or first needed once the window is
    # complete: each costs PySide some set-up on first use, kept off the first paint.
    from PySide6.QtGui import (
        QAction,
        QCloseEvent,
        QDragEnterEvent,
        QDropEvent,
        QKeySequence,
        QUndoStack,
    )
    from PySide6.QtWidgets import QLabel

    from desktop.core.models import ArticleRecord
    from desktop.core.paths import AppPaths
    from desktop.core.storage.library import Library
    from desktop.ui.features.search.panel import LibraryPanel
    from desktop.ui.notes_panel import NotesPanel
    from desktop.ui.tasks import Progress, TaskRunner

T = TypeVar("T")

class MainWindow(QMainWindow):
    article_opened = Signal(int)  # after the reader shows it
    library_changed = Signal()  # articles added, removed or replaced
    link_opened = Signal(int, str)  # article id, fragment (e.g. "hl-...") of a lectern:// link
    imports_done = Signal(object)  # an import_articles.ImportReport, after each import batch
    theme_changed = Signal(str)  # features repaint their colours for light or dark
    closing = Signal()  # the window is about to close: features flush and stop workers

    # Set by attach(); the app attaches before anything else can use the window.
    library: Library
    tasks: TaskRunner
    undo_stack: QUndoStack
    library_panel: LibraryPanel
    notes_panel: NotesPanel
    progress_label: QLabel

    def __init__(
        self, library: Library | None, paths: AppPaths, parent: QWidget | None = None
    ) -> None:
        """The window's frame and reader; with a library, the whole window.

        Without one (``run_app``'s first paint) only what needs neither the
        library nor the core is built, so the window can be shown at once;
        ``attach(library)`` completes it a moment later.
        """
        super().__init__(parent)
        self.paths = paths
        self.current_article: ArticleRecord | None = None
        self.attached = False
        self._features_installed = False
        self.setWindowTitle("Lectern")
        self.reader = ReaderView()
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(QWidget())  # the library list's place until attach()
        self.splitter.addWidget(self.reader)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([300, 720, 380])
        self.setCentralWidget(self.splitter)
        self.window_menus = WindowMenus(self)
        self.menus: dict[str, QMenu] = self.window_menus.menus
        if library is not None:
            self.attach(library)

    def show_first_paint(self, first: FirstPaint) -> None:
        """Before the library is open: the last article, theme and text size as
        they were, from the cache (desktop.ui.first_paint)."""
        if first.text_size:
            self.reader.set_text_size(first.text_size)
        if first.article is not None:
            self.reader.show_article(first.article, announce=False)
            self.setWindowTitle(f"{first.article.title} — Lectern")
        else:
            self.reader.show_placeholder("Opening your library…")

    def attach(self, library: Library) -> None:
        """Complete the window on its library: the list, the notes, the menus."""
        # Imported here, not at the top: the first paint happens without them.
        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QLabel

        from desktop.ui.features.search.panel import LibraryPanel
        from desktop.ui.notes_panel import NotesPanel
        from desktop.ui.tasks import TaskRunner

        self.library = library
        self.tasks = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.setAcceptDrops(True)
        self.reader.enable_keyboard_reading()
        self.library_panel = LibraryPanel(library)
        placeholder = self.splitter.replaceWidget(0, self.library_panel)
        if placeholder is not None:
            placeholder.setParent(None)  # back in Python's hands, freed with its last reference
        self.notes_panel = NotesPanel(library.save_note)
        self.notes_panel.set_runner(self.tasks.run)  # previews of long notes render off it
        self.notes_panel.save_in_background(library.path)  # autosaves off the GUI thread
        self.side_tabs.insertTab(0, self.notes_panel, "Notes")
        self.side_tabs.setCurrentIndex(0)

        self.library_panel.article_activated.connect(self.open_article)
        self.reader.text_size_changed.connect(
            lambda size: settings.write(self.library, settings.TEXT_SIZE, size))
        self.library_changed.connect(self.library_panel.reload)
        self.import_actions = build_menus(self, self.window_menus)
        self.say("Ready", 2000)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("readingProgress")
        self.statusBar().addPermanentWidget(self.progress_label)
        self.reader.progress_changed.connect(self._show_progress)
        self.attached = True

    def install_features(self) -> None:
        """Plug in the features (entities, highlights, export, ...), once.

        The app calls this right after the first window is shown, so that what
        they import and build never delays it; the article already open is
        announced again so they can decorate it.
        """
        if self._features_installed:
            return
        self._features_installed = True
        from desktop.ui.features import install_all

        install_all(self)
        if self.current_article is not None:
            self.article_opened.emit(self.current_article.id)

    # -- what features use (desktop.ui.host.FeatureHost) ----------------------

    @property
    def library_path(self) -> Path:
        return self.library.path

    def selected_article_ids(self) -> list[int]:
        return self.library_panel.selected_ids()

    @property
    def library_list(self) -> LibraryPanel:
        return self.library_panel

    def menu(self, name: str) -> QMenu:
        return self.menus[name]

    def as_parent(self) -> QWidget:
        return self

    def say(self, message: str, milliseconds: int = 5000) -> None:
        """The status channel: one line at the bottom of the window, for a while."""
        self.statusBar().showMessage(message, milliseconds)

    def clear_status(self) -> None:
        self.statusBar().clearMessage()

    def show_error(self, title: str, error: BaseException | str,
                   name: str = "errorMessage") -> None:
        from desktop.ui.progress_dialog import show_error  # not needed for the first paint

        show_error(self, title, error, name=name)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def run_on_library(self, work: Callable[[Library, Progress], T],
                       on_success: Callable[[T], None],
                       on_failure: Callable[[BaseException], None] | None = None,
                       on_progress: Callable[[int, int, str], None] | None = None) -> Progress:
        """Run ``work`` off the GUI thread on a library connection of its own."""
        from desktop.ui.tasks import on_library

        return self.tasks.run(on_library(self.library.path, work), on_success, on_failure,
                              on_progress)

    # -- menus (desktop/ui/window_menus.py) ---------------------------------

    def add_action(
        self, menu: str, text: str, slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, tip: str = "",
    ) -> QAction:
        return self.window_menus.add_action(menu, text, slot, shortcut, tip)

    def add_import_action(
        self, text: str, slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, tip: str = "",
    ) -> QAction:
        return self.window_menus.add_import_action(text, slot, shortcut, tip)

    def add_menu_separator(self, menu: str) -> None:
        self.window_menus.add_separator(menu)

    def show_read_only(self) -> None:
        """Another Lectern writes this library: no importing here, and say so."""
        from PySide6.QtWidgets import QLabel

        for action in self.import_actions:
            action.setEnabled(False)
        self.setAcceptDrops(False)
        label = QLabel("Read-only: another Lectern has this library open")
        label.setObjectName("readOnlyNotice")
        self.add_status_widget(label)

    def show_shortcuts(self) -> None:
        from desktop.ui.shortcuts_dialog import show_shortcuts

        show_shortcuts(self)

    def _show_progress(self, percent: int) -> None:
        record = self.current_article
        if record is None:
            self.progress_label.clear()
            return
        left = reading_minutes(round(record.word_count * (100 - percent) / 100))
        tail = "finished" if percent >= 100 else f"about {left} min left"
        self.progress_label.setText(f"{percent}% · {tail}")

    # -- view ----------------------------------------------------------------

    def toggle_pane(self, index: int) -> None:
        pane = self.splitter.widget(index)
        if pane is not None:
            pane.setVisible(not pane.isVisible())

    def focus_reading(self) -> None:
        """Hide or bring back both side panes at once."""
        panes = [p for p in (self.splitter.widget(0), self.splitter.widget(2)) if p is not None]
        show = not any(p.isVisible() for p in panes)
        for pane in panes:
            pane.setVisible(show)

    def set_theme(self, name: str) -> None:
        apply_theme(name)
        settings.write(self.library, settings.THEME, name)
        self.reader.rerender()
        self.theme_changed.emit(name)
        self.remember_first_paint()

    # -- articles ------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        """Show an article; its notes load beside it."""
        from desktop.core.errors import NotFound

        try:
            record = self.library.article(article_id)
        except NotFound:
            return
        self.notes_panel.set_article(record.id, self.library.note(record.id))
        self.current_article = record
        self.reader.show_article(record)
        self.reader.emit_progress()
        self.library_panel.select(record.id, emit=False)
        self.setWindowTitle(f"{record.title} — Lectern")
        settings.write(self.library, settings.LAST_ARTICLE, record.id)
        self.remember_first_paint()
        self.article_opened.emit(record.id)

    def close_article(self) -> None:
        self.notes_panel.set_article(None, "")
        self.current_article = None
        self.reader.show_placeholder()
        self.setWindowTitle("Lectern")
        self.remember_first_paint()  # a deleted article's text must not stay cached

    def open_arguments(self, files: list[str], links: list[str]) -> None:
        """Files and ``lectern://`` links given on the command line (or by a later
        launch); a file that cannot be read is named in the import report."""
        from desktop.core.net.urls import looks_like_url
        from desktop.ui import actions

        addresses = [f for f in files if looks_like_url(f) and not Path(f).exists()]
        files = [f for f in files if f not in addresses]
        if files:
            actions.import_files(self, files)
        if addresses:  # ``lectern https://…``: the page is downloaded, as asked
            actions.import_addresses(self, addresses)
        for link in links:
            self.open_link(link)

    def open_link(self, link: str) -> None:
        """Open a ``lectern://article/ID`` link (features may refine the fragment)."""
        from desktop.core.links import parse_link

        target = parse_link(link)
        if target is None:
            self.say(f"Not a Lectern link: {link}", 8000)
            return
        self.open_article(target.article_id)
        self.link_opened.emit(target.article_id, target.fragment)

    # -- state across restarts ---------------------------------------------

    def window_settings(self) -> QSettings:
        """This machine's window state (the ``scope="window"`` settings)."""
        return QSettings(str(self.paths.settings_file), QSettings.Format.IniFormat)

    def restore_state(self) -> None:
        self.restore_layout()
        self.restore_reading()

    def restore_layout(self) -> None:
        """Window geometry and pane sizes (needs no library: part of the first paint)."""
        window_settings = self.window_settings()
        geometry = window_settings.value(settings.GEOMETRY.key)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = window_settings.value(settings.SPLITTER.key)
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def restore_reading(self) -> None:
        """Text size, the notes' split and the last article, from the library."""
        zoom = settings.read(self.library, settings.TEXT_SIZE)
        if zoom:
            self.reader.set_text_size(zoom)
        state = self.window_settings().value(settings.NOTES_SPLITTER.key)
        if isinstance(state, QByteArray):
            self.notes_panel.splitter.restoreState(state)
        last = settings.read(self.library, settings.LAST_ARTICLE)
        if last:
            self.open_article(last)
        if self.current_article is None and self.library_panel.model.ids:
            # The first in the list as shown (its ids are there already, at any size).
            self.open_article(self.library_panel.model.ids[0])

    def remember_first_paint(self) -> None:
        """Cache what the next launch shows before its library is open."""
        if self.library.readonly:
            return  # the Lectern that owns the library keeps the cache
        # No library reads here: this also runs on close, after the library may be.
        write_first_paint(self.paths.data_dir, self.current_article, theme=current_theme(),
                          text_size=self.reader.body_font.pointSize())

    def save_state(self) -> None:
        self.remember_first_paint()
        window_settings = self.window_settings()
        window_settings.setValue(settings.GEOMETRY.key, self.saveGeometry())
        window_settings.setValue(settings.SPLITTER.key, self.splitter.saveState())
        window_settings.setValue(settings.NOTES_SPLITTER.key, self.notes_panel.splitter.saveState())
        window_settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # closed before its library opened: nothing to save
            super().closeEvent(event)
            return
        self.closing.emit()
        self.notes_panel.flush()
        self.save_state()
        self.tasks.wait(10000)
        super().closeEvent(event)

    # -- drag and drop -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from desktop.ui import actions

        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            actions.import_files(self, files)
        elif mime.hasText() and mime.text().strip():
            actions.import_text(self, mime.text())
        event.acceptProposedAction()
