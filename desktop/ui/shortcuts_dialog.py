"""Help ▸ Keyboard Shortcuts: every key the window answers to, read from its menus.

The list is built from the actions themselves when it is opened, so a feature
that adds a command with a key shows up here without anyone updating a table.
Keys that belong to one widget (no menu entry) are listed after the menus.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
)

# Keys handled by one widget, not by a menu command.
WIDGET_KEYS: list[tuple[str, str, str]] = [
    ("Reader", "Close the highlight toolbar", "Esc"),
    ("Highlights panel", "Delete the selected highlight", "Del"),
    ("Highlights panel", "Save the note being edited", "Ctrl+Enter"),
    ("Library list", "Open the article above or below", "Up, Down"),
]


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a key, in menu order."""
    rows: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            _collect(menu, _plain(top.text()), rows)
    return rows


def _collect(menu: QMenu, path: str, rows: list[tuple[str, str, str]]) -> None:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            _collect(submenu, f"{path} ▸ {_plain(action.text())}", rows)
        elif isinstance(action, QAction) and action.shortcuts():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            rows.append((path, _plain(action.text()), keys))


def _plain(text: str) -> str:
    """A menu text without its mnemonic marker or trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def as_html(rows: list[tuple[str, str, str]]) -> str:
    parts = ["<table cellspacing='0' cellpadding='3'>"]
    section = None
    for where, command, keys in rows:
        if where != section:
            section = where
            parts.append(f"<tr><td colspan='2'><br><b>{html.escape(where)}</b></td></tr>")
        parts.append(f"<tr><td>{html.escape(command)}</td>"
                     f"<td style='padding-left:24px'><code>{html.escape(keys)}</code></td></tr>")
    parts.append("</table>")
    return "".join(parts)


def show_shortcuts(window: QMainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard Shortcuts")
    dialog.resize(520, 640)
    text = QTextBrowser(dialog)
    text.setOpenLinks(False)
    text.setHtml(as_html(shortcut_rows(window) + WIDGET_KEYS))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
