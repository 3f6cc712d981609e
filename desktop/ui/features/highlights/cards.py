"""The highlight cards of the notes panel: a model over the article's highlights,
drawn by a delegate, so 20,000 highlights cost what the visible cards cost.

A list of widgets (one item per highlight, each laid out with its wrapped text)
blocked the window ~1.4 s at 20,000 highlights, and laying out cards of
different heights walks every card again. Every card here has one height (a
heading, up to two lines of quote, one line of note), so the view places rows
by arithmetic, and a card's text is made only when it is painted.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QIcon, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.core.annotations import Annotation
from desktop.ui.features.highlights.colors import swatch
from desktop.ui.safe_text import escaped

QUOTE_CHARS = 280
QUOTE_LINES = 2
ID_ROLE = Qt.ItemDataRole.UserRole
PAD = 6
Index = QModelIndex | QPersistentModelIndex


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def card_text(annotation: Annotation, meaning: str) -> str:
    """All of a card as text: what it shows, what it reads out, what tests compare."""
    lines = [meaning.upper(), f"“{short(annotation.quote, QUOTE_CHARS)}”"]
    if annotation.note:
        lines.append(f"✎ {short(annotation.note, 400)}")
    if annotation.tags:
        lines.append(" ".join(f"#{t}" for t in annotation.tags))
    return "\n".join(lines)


@lru_cache(maxsize=16)
def _icon(color: str) -> QIcon:
    return swatch(color)  # one pixmap per colour, not one per card


class HighlightCards(QAbstractListModel):
    """Highlights as rows; text, icon and tooltip are made when a row is shown."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Annotation] = []
        self._row_of: dict[str, int] = {}
        self._meanings: dict[str, str] = {}

    def set_highlights(self, annotations: list[Annotation], meanings: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(annotations)
        self._row_of = {}  # made when first asked: opening 20,000 need not wait for it
        self._meanings = dict(meanings)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def row_of(self, annotation_id: str) -> int | None:
        if not self._row_of and self._rows:
            self._row_of = {a.id: row for row, a in enumerate(self._rows)}
        return self._row_of.get(annotation_id)

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def meaning(self, annotation: Annotation) -> str:
        return self._meanings.get(annotation.color, "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        annotation = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return card_text(annotation, self.meaning(annotation))
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(annotation.color)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole quote and note, as text
            tip = annotation.quote + (f"\n\n✎ {annotation.note}" if annotation.note else "")
            return escaped(tip)
        if role == ID_ROLE:
            return annotation.id
        return None


class CardDelegate(QStyledItemDelegate):
    """Draws a card: swatch, MEANING and tags; the quote in up to two lines; the note."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = QFontMetrics(option.font).lineSpacing() * (2 + QUOTE_LINES) + 2 * PAD
        return QSize(120, height)  # as wide as the list: the view gives each card its width

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        if not isinstance(model, HighlightCards):
            super().paint(painter, option, index)
            return
        annotation = model.annotation(index.row())
        painter.save()
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # the selection and hover background, as the style draws it
            plain = QStyleOptionViewItem(option)
            plain.text = ""
            plain.icon = QIcon()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter,
                              option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        box = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        icon = 14
        _icon(annotation.color).paint(painter, QRect(box.left(), box.top() + (line - icon) // 2,
                                                     icon, icon))
        text_left = box.left() + icon + PAD
        width = max(10, box.right() - text_left)
        heading = model.meaning(annotation).upper()
        if annotation.tags:
            heading += "   " + " ".join(f"#{t}" for t in annotation.tags)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRect(text_left, box.top(), width, line), Qt.AlignmentFlag.AlignLeft,
                         QFontMetrics(bold).elidedText(heading, Qt.TextElideMode.ElideRight,
                                                       width))
        painter.setFont(option.font)
        quote = f"“{short(annotation.quote, QUOTE_CHARS)}”"
        y = box.top() + line
        for text in wrapped(quote, option, width, QUOTE_LINES):
            painter.drawText(QRect(text_left, y, width, line), Qt.AlignmentFlag.AlignLeft, text)
            y += line
        if annotation.note:
            note = metrics.elidedText(f"✎ {short(annotation.note, 400)}",
                                      Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(text_left, box.top() + line * (1 + QUOTE_LINES), width, line),
                             Qt.AlignmentFlag.AlignLeft, note)
        painter.restore()


def wrapped(text: str, option: QStyleOptionViewItem, width: int, lines: int) -> list[str]:
    """``text`` broken into at most ``lines`` lines of ``width``; the last one elided."""
    layout = QTextLayout(text, option.font)
    layout.beginLayout()
    out: list[str] = []
    while len(out) < lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start = line.textStart()
        if len(out) == lines - 1:  # the last line shown takes the rest, elided
            rest = text[start:]
            out.append(QFontMetrics(option.font).elidedText(rest, Qt.TextElideMode.ElideRight,
                                                            width))
            break
        out.append(text[start:start + line.textLength()].rstrip())
    layout.endLayout()
    return out


class CardList(QListView):
    """A list of highlight cards; every card one height, so rows are placed by arithmetic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = HighlightCards()
        self.setModel(self.cards)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        # Cards elide what does not fit: never a sideways scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def count(self) -> int:
        return self.cards.rowCount()

    def text(self, row: int) -> str:
        return str(self.cards.data(self.cards.index(row), Qt.ItemDataRole.DisplayRole))

    def row_rect(self, row: int) -> QRect:
        """Where a card is, in the viewport (scroll to it first)."""
        return self.visualRect(self.cards.index(row))

    def current_id(self) -> str | None:
        index = self.currentIndex()
        if index.isValid() and self.selectionModel().isSelected(index):
            return str(index.data(ID_ROLE))
        return None

    def select_id(self, annotation_id: str) -> bool:
        row = self.cards.row_of(annotation_id)
        if row is None:
            return False
        index = self.cards.index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True
