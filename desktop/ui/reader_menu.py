"""The reader's right-click menu: the standard actions, then whatever features add.

A feature adds its own entries with a hook, called each time the menu opens::

    from desktop.ui.reader_menu import add_reader_menu_hook

    def add_lookup(menu: QMenu, offset: int) -> None:
        # ``offset`` is the cleaned-text offset under the mouse (see ReaderView).
        menu.addAction("Look Up", lambda: look_up(offset))

    add_reader_menu_hook(window.reader, add_lookup)

Hooks belong to one reader (no global registry), run in the order added, after
Copy and Select All; a hook that wants its own group adds a separator first.
A hook that raises is skipped (the error goes to stderr); the menu still opens.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.ui.reader_view import ReaderView

MenuHook = Callable[[QMenu, int], None]


class ReaderMenu(QObject):
    """Owns the reader's context menu; created on first use by ``reader_menu``."""

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.setObjectName("readerMenu")
        self.reader = reader
        self.hooks: list[MenuHook] = []
        reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        reader.customContextMenuRequested.connect(self._show)

    def add_hook(self, hook: MenuHook) -> None:
        self.hooks.append(hook)

    def build(self, offset: int) -> QMenu:
        """The menu for the text offset ``offset`` (public so tests can inspect it)."""
        menu = QMenu(self.reader)
        menu.setObjectName("readerContextMenu")
        copy = menu.addAction("&Copy", self.reader.copy)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(self.reader.textCursor().hasSelection())
        select_all = menu.addAction("Select &All", self.reader.selectAll)
        select_all.setShortcut(QKeySequence(QKeySequence.StandardKey.SelectAll))
        for hook in list(self.hooks):
            try:
                hook(menu, offset)
            except Exception:  # one broken feature must not take the menu away
                sys.stderr.write(traceback.format_exc())
        return menu

    def _show(self, pos: QPoint) -> None:
        menu = self.build(self.reader.offset_at(pos))
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.reader.viewport().mapToGlobal(pos))


def reader_menu(reader: ReaderView) -> ReaderMenu:
    """The reader's menu, created (and the reader switched to it) on first use."""
    existing = reader.findChild(ReaderMenu, "readerMenu")
    return existing if isinstance(existing, ReaderMenu) else ReaderMenu(reader)


def add_reader_menu_hook(reader: ReaderView, hook: MenuHook) -> None:
    reader_menu(reader).add_hook(hook)
