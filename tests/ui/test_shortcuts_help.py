"""Help ▸ Keyboard Shortcuts lists the keys the window really answers to."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QTextBrowser

from desktop.ui.shortcuts_dialog import shortcut_rows


def test_every_menu_key_is_listed_with_its_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    rows = shortcut_rows(window)
    listed = {(where, command): keys for where, command, keys in rows}
    # Commands from the window and from the features that plug into it.
    assert listed[("File", "Import")] == QKeySequence(QKeySequence.StandardKey.Open).toString(
        QKeySequence.SequenceFormat.NativeText)
    assert listed[("Article", "Highlight Selection")] == "H"
    assert listed[("Article", "Next Entity Mention")] == "F8"
    assert listed[("Article", "Load Images for This Article")] == "Ctrl+Shift+I"
    colours = [(command, keys) for (where, command), keys in listed.items()
               if where.startswith("Article ▸ Highlight Colour")]
    assert colours[0][0].startswith("Yellow") and colours[0][1] == "1" and len(colours) == 5
    assert "Ctrl+Shift+Z" in listed[("Edit", "Redo")] and "Ctrl+Y" in listed[("Edit", "Redo")]
    # Nothing without a key, and no key listed twice for two commands in one menu.
    assert all(keys for _w, _c, keys in rows)
    menu_keys = [(where, key) for where, _c, keys in rows for key in keys.split(", ")]
    assert len(menu_keys) == len(set(menu_keys))


def test_f1_opens_the_list(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in window.menus["help"].actions() if a.text() == "&Keyboard Shortcuts")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "Highlight Selection" in text and "Focus Reading" in text and "Esc" in text
    dialog.reject()
