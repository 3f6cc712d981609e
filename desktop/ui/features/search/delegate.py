"""Two-line rows for the library list: the title, then site · date · length."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.storage.library import ArticleSummary

SUMMARY_ROLE = int(Qt.ItemDataRole.UserRole) + 2
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # a ListRow: state (favourite, progress) too
_PAD = 8


def meta_line(item: ArticleSummary, progress: float = 0.0) -> str:
    date = item.published or item.saved_at[:10]
    read = "read" if progress >= 0.98 else f"{progress:.0%} read" if progress > 0 else ""
    return "  ·  ".join(x for x in (item.site, date, f"{item.word_count:,} words", read) if x)


class LibraryItemDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = index.data(SUMMARY_ROLE)
        if not isinstance(item, ArticleSummary):
            super().paint(painter, option, index)
            return
        row = index.data(ROW_ROLE)
        favourite = bool(getattr(row, "favourite", False))
        progress = float(getattr(row, "progress", 0.0))
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(_PAD, _PAD // 2, -_PAD, -_PAD // 2)
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title_rect = QRect(rect.left(), rect.top(), rect.width(), title_metrics.height())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title_metrics.elidedText(("★ " if favourite else "") + item.title,
                                                  Qt.TextElideMode.ElideRight,
                                                  rect.width()))
        meta_font = QFont(option.font)
        meta_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        meta_metrics = QFontMetrics(meta_font)
        painter.setFont(meta_font)
        muted_role = text_role if selected else QPalette.ColorRole.PlaceholderText
        muted = palette.color(muted_role)
        painter.setPen(muted)
        meta_rect = QRect(rect.left(), title_rect.bottom() + 3, rect.width(), meta_metrics.height())
        painter.drawText(meta_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         meta_metrics.elidedText(meta_line(item, progress),
                                                 Qt.TextElideMode.ElideRight,
                                                 rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, int(metrics.height() * 2.2) + _PAD + 4)
