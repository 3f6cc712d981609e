"""Help ▸ Save from Browser: the bookmarklet to drag to the bookmarks bar, the token
and port for the extension, and whether Lectern is listening."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDrag, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.connector.bookmarklet import bookmarklet

BOOKMARK_TITLE = "Save to Lectern"


class BookmarkletButton(QLabel):
    """Looks like a button; dragging it gives the browser a link to bookmark."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(BOOKMARK_TITLE, parent)
        self.setObjectName("bookmarkletButton")
        self.code = code
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip("Drag me to your browser's bookmarks bar")
        self.setStyleSheet("QLabel#bookmarkletButton { padding: 8px 16px; border-radius: 6px;"
                           " background: #2e7d32; color: white; font-weight: bold; }")
        self._pressed_at: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed_at is None:
            return
        moved = event.position().toPoint() - self._pressed_at
        if moved.manhattanLength() < QGuiApplication.styleHints().startDragDistance():
            return
        self._pressed_at = None
        drag = QDrag(self)
        drag.setMimeData(bookmark_mime(self.code))
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.LinkAction)


def bookmark_mime(code: str) -> QMimeData:
    """A link as browsers take it from a drag: a URL, Firefox's URL + title, the text."""
    mime = QMimeData()
    mime.setUrls([QUrl(code)])
    mime.setData("text/x-moz-url", f"{code}\n{BOOKMARK_TITLE}".encode("utf-16-le"))
    mime.setText(code)
    return mime


class SaveFromBrowserDialog(QDialog):
    def __init__(self, parent: QWidget, token: str, port: int, state: str) -> None:
        super().__init__(parent)
        self.setObjectName("saveFromBrowserDialog")
        self.setWindowTitle("Save from Browser")
        self.code = bookmarklet(token, port)
        layout = QVBoxLayout(self)

        intro = QLabel("Drag the green button to your browser's bookmarks bar; on any page, "
                       "click it to save the page to Lectern as you see it (select a passage "
                       "first to make it a highlight).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.button = BookmarkletButton(self.code)
        row.addWidget(self.button)
        copy_code = QPushButton("Copy Bookmarklet")
        copy_code.setToolTip("Copy the bookmarklet's address, to paste into a new bookmark")
        copy_code.clicked.connect(lambda: self._copy(self.code, "Bookmarklet copied"))
        row.addWidget(copy_code)
        row.addStretch(1)
        layout.addLayout(row)

        extension = QLabel("The browser extension (Firefox and Chromium, in Lectern's "
                           "packaging/browser folder) also works on sites that block "
                           "bookmarklets; give it this token and port in its options:")
        extension.setWordWrap(True)
        layout.addWidget(extension)
        token_row = QHBoxLayout()
        self.token_field = QLineEdit(token)
        self.token_field.setReadOnly(True)
        self.token_field.setObjectName("connectorToken")
        self.token_field.setCursorPosition(0)
        token_row.addWidget(QLabel("Token:"))
        token_row.addWidget(self.token_field, 1)
        copy_token = QPushButton("Copy Token")
        copy_token.clicked.connect(lambda: self._copy(token, "Token copied"))
        token_row.addWidget(copy_token)
        token_row.addWidget(QLabel(f"Port: {port}"))
        layout.addLayout(token_row)

        self.state = QLabel(state)
        self.state.setObjectName("connectorState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.copied = QLabel("")
        layout.addWidget(self.copied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _copy(self, text: str, said: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.setText(said)
