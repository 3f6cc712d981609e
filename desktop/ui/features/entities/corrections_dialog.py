"""All the reader's entity corrections in one place: change or delete any of them.

Every change goes through the controller's undoable push, so Ctrl+Z in the
window undoes it like a correction made in the text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entities.categories import CATEGORIES, category_for
from desktop.core.entities.corrections import Correction, list_corrections
from desktop.core.storage.library import Library

Push = Callable[[str, str | None, str, str], None]  # (text, action or None, label, title)
ACTION_NAMES = {
    "remove": "Not an entity",
    "relabel": "Category where found",
    "add": "Entity everywhere",
}
TEXT_ROLE = Qt.ItemDataRole.UserRole


class CorrectionsDialog(QDialog):
    def __init__(self, library: Library, push: Push, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionsDialog")
        self.setWindowTitle("Entity Corrections")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.library, self.push = library, push
        self.corrections: list[Correction] = []
        intro = QLabel("Your corrections apply to every article in the library, "
                       "including articles you import later. Undo with Ctrl+Z.")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("correctionsTable")
        self.table.setHorizontalHeaderLabels(["Entity", "Correction", "Category"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.empty = QLabel("No corrections yet. Right-click an entity in the Entities tab, "
                            "or select text and use Article ▸ Mark Selection as Entity.")
        self.empty.setWordWrap(True)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setShortcut("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        self.resize(680, 420)
        self.reload()

    def reload(self) -> None:
        self.corrections = list_corrections(self.library)
        self.table.setRowCount(len(self.corrections))
        for row, correction in enumerate(self.corrections):
            item = QTableWidgetItem(correction.text)
            item.setData(TEXT_ROLE, correction.text)
            self.table.setItem(row, 0, item)
            self.table.setCellWidget(row, 1, self._action_box(correction))
            self.table.setCellWidget(row, 2, self._category_box(correction))
        self.empty.setVisible(not self.corrections)
        self.table.setVisible(bool(self.corrections))
        self.delete_button.setEnabled(bool(self.corrections))

    def _action_box(self, correction: Correction) -> QComboBox:
        box = QComboBox()
        for action, name in ACTION_NAMES.items():
            box.addItem(name, action)
        box.setCurrentIndex(list(ACTION_NAMES).index(correction.action))
        box.currentIndexChanged.connect(
            lambda _i, c=correction, b=box: self._changed(c, str(b.currentData()), c.label))
        return box

    def _category_box(self, correction: Correction) -> QComboBox:
        box = QComboBox()
        for category in CATEGORIES:
            box.addItem(category.name, category.primary_label)
        found = category_for(correction.label)
        if found is not None:
            box.setCurrentIndex(list(CATEGORIES).index(found))
        else:
            box.setCurrentIndex(-1)
        box.setEnabled(correction.action != "remove")
        box.currentIndexChanged.connect(
            lambda _i, c=correction, b=box: self._changed(c, c.action, str(b.currentData())))
        return box

    def _changed(self, correction: Correction, action: str, label: str) -> None:
        if action != "remove" and not label:
            label = CATEGORIES[0].primary_label
        if (action, label) != (correction.action, correction.label):
            self.push(correction.text, action, label, f"Edit correction of “{correction.text}”")

    def delete_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        for row in rows:
            text = self.corrections[row].text
            self.push(text, None, "", f"Delete correction of “{text}”")
