"""The window's menus: the entries the window puts there itself, and where the
features' entries go (``FeatureHost.add_action`` and friends).

Features never find an entry by its text: File keeps its imports together
(``add_import_action``) and Quit last, whatever the features add.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.ui.host import FeatureHost

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

    from desktop.ui.features.search.panel import LibraryPanel


class MenuWindow(FeatureHost, Protocol):
    """What the window's own entries act on: the main window, as features see it and more."""

    library_panel: LibraryPanel

    def close(self) -> bool: ...
    def toggle_pane(self, index: int) -> None: ...
    def focus_reading(self) -> None: ...
    def set_theme(self, name: str) -> None: ...
    def show_shortcuts(self) -> None: ...

_MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"),
          ("article", "&Article"), ("help", "&Help"))


class WindowMenus:
    """The menu bar's menus by name, and the anchors features' entries go above."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self.menus: dict[str, QMenu] = {key: window.menuBar().addMenu(title)
                                        for key, title in _MENUS}
        self._ends: dict[str, QAction] = {}  # a menu's closing group (File: Quit)
        self._imports_end: QAction | None = None  # File: the end of the imports

    def add_action(self, menu: str, text: str, slot: object,
                   shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                   tip: str = "") -> QAction:
        # Deferred: QAction and QKeySequence are first needed once the window is complete.
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self._place(menu, action)
        return action

    def add_import_action(self, text: str, slot: object,
                          shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                          tip: str = "") -> QAction:
        action = self.add_action("file", text, slot, shortcut, tip)
        if self._imports_end is not None:
            self.menus["file"].insertAction(self._imports_end, action)  # with Import…
        return action

    def add_separator(self, menu: str) -> None:
        self._place(menu, None)

    def end_imports(self) -> None:
        """Here File's imports end: ``add_import_action`` puts entries above."""
        self._imports_end = self.menus["file"].addSeparator()

    def close_with(self, menu: str, text: str, slot: object, shortcut: str) -> QAction:
        """The last entry of ``menu``, after a separator; features' entries go above it."""
        group = self.menus[menu].addSeparator()
        action = self.add_action(menu, text, slot, shortcut)
        self._ends[menu] = group
        return action

    def _place(self, menu: str, action: QAction | None) -> None:
        """Features' entries go above a menu's closing group; None places a separator."""
        from PySide6.QtGui import QAction

        if action is None:
            action = QAction(self._window)
            action.setSeparator(True)
        end = self._ends.get(menu)
        if end is not None:
            self.menus[menu].insertAction(end, action)
        else:
            self.menus[menu].addAction(action)


def build_menus(window: MenuWindow, menus: WindowMenus) -> list[QAction]:
    """The window's own entries; returns the import actions (a read-only window
    disables them)."""
    from PySide6.QtGui import QKeySequence

    from desktop.ui import actions
    from desktop.ui.theme import THEMES

    add = menus.add_action
    imports = [
        add("file", "&Import…", lambda: actions.import_dialog(window),
            QKeySequence.StandardKey.Open, "Import saved pages, text or Markdown files"),
        add("file", "&Paste as New Article", lambda: actions.paste_article(window),
            "Ctrl+Shift+V", "Import the article text on the clipboard"),
    ]
    # Features add their entries between these two (QMenu collapses an empty pair).
    menus.end_imports()
    # Not StandardKey.Quit: Windows has no key for it, and without a desktop
    # theme (seen offscreen) it is only the rarely present Exit key.
    menus.close_with("file", "&Quit", window.close, "Ctrl+Q")
    undo = window.undo_stack.createUndoAction(window.as_parent(), "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window.as_parent(), "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    menus.menus["edit"].addActions([undo, redo])
    menus.menus["edit"].addSeparator()
    add("edit", "&Find in Library", window.library_panel.search.setFocus,
        QKeySequence.StandardKey.Find)
    add("view", "&Larger Text", lambda: window.reader.zoom(1), QKeySequence.StandardKey.ZoomIn)
    add("view", "&Smaller Text", lambda: window.reader.zoom(-1),
        QKeySequence.StandardKey.ZoomOut)
    add("view", "&Default Text Size", lambda: window.reader.zoom(0), "Ctrl+0")
    menus.menus["view"].addSeparator()
    add("view", "Show &Library", lambda: window.toggle_pane(0), "Ctrl+Shift+L")
    add("view", "Show Side &Panel", lambda: window.toggle_pane(2), "Ctrl+Shift+P")
    add("view", "&Focus Reading", window.focus_reading, "F11")
    theme_menu = menus.menus["view"].addMenu("&Theme")
    for name in THEMES:
        action = theme_menu.addAction(name.capitalize())
        action.triggered.connect(lambda _=False, n=name: window.set_theme(n))
    add("article", "&Next Article", lambda: window.library_panel.step(1), "Ctrl+PgDown")
    add("article", "&Previous Article", lambda: window.library_panel.step(-1), "Ctrl+PgUp")
    add("article", "Edit &Notes", window.notes_panel.editor.setFocus, "Ctrl+Shift+N")
    menus.menus["article"].addSeparator()
    add("article", "&Delete Article", lambda: actions.delete_current(window),
        "Ctrl+Shift+Delete")
    add("help", "&Keyboard Shortcuts", window.show_shortcuts,
        QKeySequence.StandardKey.HelpContents)
    add("help", "&About Lectern", lambda: actions.about(window))
    return imports
