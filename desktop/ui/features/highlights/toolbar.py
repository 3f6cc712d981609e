"""The small bar that floats by a selection (or a clicked highlight): five colours
and a note; for an existing highlight also delete."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QToolButton,
    QWidget,
)

from desktop.core.annotations import COLORS
from desktop.ui.features.highlights.colors import swatch


class HighlightToolbar(QFrame):
    color_chosen = Signal(str)
    note_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("highlightToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # Raised off the page in both themes: a border and a soft shadow.
        self.setStyleSheet("QFrame#highlightToolbar { background: palette(host);"
                           " border: 1px solid palette(mid); border-radius: 6px; }")
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(12)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.color_buttons: dict[str, QToolButton] = {}
        for number, color in enumerate(COLORS, start=1):
            button = QToolButton()
            button.setObjectName(f"highlight_{color}")
            button.setIcon(swatch(color, 18))
            button.setIconSize(QSize(18, 18))
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, c=color: self.color_chosen.emit(c))
            layout.addWidget(button)
            self.color_buttons[color] = button
            button.setToolTip(f"{color} ({number})")
        self.note_button = QToolButton()
        self.note_button.setText("Note")
        self.note_button.setToolTip("Add a note (N)")
        self.note_button.setAutoRaise(True)
        self.note_button.clicked.connect(self.note_requested)
        self.delete_button = QToolButton()
        self.delete_button.setText("✕")
        self.delete_button.setToolTip("Delete this highlight")
        self.delete_button.setAutoRaise(True)
        self.delete_button.clicked.connect(self.delete_requested)
        layout.addWidget(self.note_button)
        layout.addWidget(self.delete_button)
        self.hide()

    def set_meanings(self, meanings: dict[str, str]) -> None:
        for number, color in enumerate(COLORS, start=1):
            self.color_buttons[color].setToolTip(f"{meanings.get(color, color)} ({number})")

    def show_near(self, anchor: QRect, *, editing: bool) -> None:
        """Show above ``anchor`` (a rectangle in the parent's coordinates), or below it
        when there is no room; ``editing``: for an existing highlight."""
        self.delete_button.setVisible(editing)
        self.adjustSize()
        parent = self.parentWidget()
        room = parent.size() if parent is not None else self.size()
        width, height = self.width(), self.height()
        x = max(4, min(anchor.left(), room.width() - width - 4))
        y = anchor.top() - height - 6
        if y < 4:
            y = anchor.bottom() + 6
        self.move(QPoint(x, min(y, max(4, room.height() - height - 4))))
        self.show()
        self.raise_()
