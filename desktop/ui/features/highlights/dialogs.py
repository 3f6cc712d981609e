"""The small dialogs of highlighting: a note with tags, and what the colours mean."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.core.annotations import COLORS


class TagCompleter(QCompleter):
    """Completes the tag being typed in a comma-separated list, from the library's tags."""

    def __init__(self, tags: list[str], parent: QLineEdit) -> None:
        super().__init__(parent)
        self._model = QStringListModel(tags, self)  # owned here: QCompleter does not own it
        self.setModel(self._model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._edit = parent
        parent.setCompleter(self)

    def set_tags(self, tags: list[str]) -> None:
        self._model.setStringList(tags)

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        typed = self._edit.text()
        done = typed[:typed.rfind(",") + 1] if "," in typed else ""
        return f"{done}{' ' if done else ''}{index.data()}"


class NoteDialog(QDialog):
    def __init__(self, quote: str, note: str, tags: list[str], parent: QWidget,
                 known_tags: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightNoteDialog")
        self.setWindowTitle("Note on Highlight")
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("Your note (Markdown)")
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText("tags, separated by commas")
        TagCompleter(known_tags or [], self.tags)
        quote = " ".join(quote.split())
        form = QFormLayout(self)
        shown = QLabel(f"“{quote[:160]}{'…' if len(quote) > 160 else ''}”")
        shown.setWordWrap(True)
        form.addRow(shown)
        form.addRow("Note", self.note)
        form.addRow("Tags", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(420, 260)

    def tag_list(self) -> list[str]:
        return [t for t in self.tags.text().split(",") if t.strip()]


class ColourMeaningsDialog(QDialog):
    def __init__(self, meanings: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colourMeaningsDialog")
        self.setWindowTitle("Highlight Colours")
        form = QFormLayout(self)
        form.addRow(QLabel("What each colour means to you:"))
        self.edits: dict[str, QLineEdit] = {}
        for color in COLORS:
            edit = QLineEdit(meanings.get(color, color))
            edit.setMaxLength(40)
            label = QLabel(f"{COLORS.index(color) + 1}  {color}")
            label.setToolTip(f"Press {COLORS.index(color) + 1} in the reader to use it")
            form.addRow(label, edit)
            self.edits[color] = edit
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def meanings(self) -> dict[str, str]:
        return {c: " ".join(e.text().split()) for c, e in self.edits.items()}
