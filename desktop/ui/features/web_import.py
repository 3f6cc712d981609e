"""Bringing reading in from the web and from folders: File ▸ Import from URL… (Ctrl+L),
File ▸ Import Folder…, and addresses dropped on the window.

The network is used only here, when the reader asks; the downloads run through
``window.tasks`` with the import progress window (cancellable) and the usual
report of what failed and why.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.net.urls import looks_like_url
from desktop.ui import actions

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost


def install(host: FeatureHost) -> None:
    host.add_import_action("Import from &URL…", lambda: ask_for_addresses(host), "Ctrl+L",
                           "Download web pages by their address and import them")
    host.add_import_action("Import &Folder…", lambda: import_folder_dialog(host),
                           "Ctrl+Shift+O",
                           "Import every article file in a folder and its subfolders")
    host.as_parent().installEventFilter(_WebDrops(host))


class AddressDialog(QDialog):
    """One or more web addresses, one a line; starts with the clipboard's if it holds one."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("addressDialog")
        self.setWindowTitle("Import from URL")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Web address of the page to import (several: one a line):"))
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("https://…")
        self.editor.setTabChangesFocus(True)
        clipboard = QGuiApplication.clipboard().text().strip()
        if looks_like_url(clipboard):
            self.editor.setPlainText(clipboard)
            self.editor.selectAll()
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 180)

    def addresses(self) -> list[str]:
        return [line.strip() for line in self.editor.toPlainText().splitlines() if line.strip()]


def ask_for_addresses(window: FeatureHost) -> AddressDialog:
    dialog = AddressDialog(window.as_parent())

    def accepted() -> None:
        urls = dialog.addresses()
        if urls:
            actions.import_addresses(window, urls)

    dialog.accepted.connect(accepted)
    dialog.open()  # window-modal, no nested event loop
    return dialog


def import_folder_dialog(window: FeatureHost) -> None:
    folder = QFileDialog.getExistingDirectory(window.as_parent(), "Import a folder of articles")
    if folder:
        import_folder(window, Path(folder))


def import_folder(window: FeatureHost, folder: Path) -> None:
    from desktop.core.importing.folders import article_files

    files = article_files(folder)
    if not files:
        QMessageBox.information(window.as_parent(), "Nothing to import",
                                f"{folder} holds no article files (.html, .htm, .txt, .md), "
                                "in it or in its subfolders.")
        return
    actions.run_import(window, files)


class _WebDrops(QObject):
    """Web addresses dropped on the window (a link dragged from a browser) are
    downloaded; files and text go on to the window's own drop handling."""

    def __init__(self, window: FeatureHost) -> None:
        super().__init__(window.as_parent())
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Drop or not isinstance(event, QDropEvent):
            return False
        mime = event.mimeData()
        web = [u.toString() for u in mime.urls() if u.scheme() in ("http", "https")]
        if not web or any(u.isLocalFile() for u in mime.urls()):
            return False
        actions.import_addresses(self.window, web)
        event.acceptProposedAction()
        return True
