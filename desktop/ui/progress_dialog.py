"""How long work (imports, exports) run through ``window.tasks`` shows itself:
a progress window while it runs, a message if it fails."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget

from desktop.ui.safe_text import plain_message_box

SHOW_AFTER_MS = 400  # quick work never flashes a dialog


class TaskProgressDialog(QProgressDialog):
    """Shows "<verb> <item>…" with a bar and Cancel; ``finish()`` closes it for good."""

    def __init__(self, parent: QWidget, title: str, verb: str, total: int) -> None:
        super().__init__(f"{verb}…", "Cancel", 0, total, parent)
        self.verb = verb
        self.setWindowTitle(title)
        # Not modal: a modal progress dialog pumps the event loop inside setValue()
        # (re-entrancy); this way the reader stays usable while the work runs.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        # The label names titles and files: plain text, never markup that loads.
        label = QLabel(f"{verb}…")
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.setLabel(label)

    def progressed(self, done: int, total: int, item: str) -> None:
        """A ``TaskRunner`` progress callback."""
        self.setMaximum(total)
        self.setValue(done)
        if item:
            self.setLabelText(f"{self.verb} {item[:60]}…")

    def finish(self) -> None:
        self.reset()
        self.deleteLater()


def show_error(parent: QWidget, title: str, error: BaseException | str,
               *, name: str = "errorMessage") -> QMessageBox:
    """A window-modal message that does not block (no nested event loop)."""
    box = plain_message_box(QMessageBox.Icon.Critical, title, str(error),
                            QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
