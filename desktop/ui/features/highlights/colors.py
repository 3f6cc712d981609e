"""How the five highlight colours look: translucent washes that read in light and dark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

RGB: dict[str, tuple[int, int, int]] = {
    "yellow": (255, 208, 0),
    "green": (64, 196, 99),
    "blue": (66, 150, 255),
    "pink": (255, 92, 160),
    "purple": (150, 100, 255),
}
# Over a light page a lighter wash is enough; over a dark page the colour needs
# more weight to show, and the light text stays readable through it.
ALPHA = {"light": 105, "dark": 120}


def wash(colors: list[str], dark: bool) -> QColor:
    """The background of text under these highlights (overlaps mix, a little stronger)."""
    r = sum(RGB[c][0] for c in colors) // len(colors)
    g = sum(RGB[c][1] for c in colors) // len(colors)
    b = sum(RGB[c][2] for c in colors) // len(colors)
    alpha = ALPHA["dark" if dark else "light"]
    if len(colors) > 1:
        alpha = min(255, int(alpha * 1.45))
    return QColor(r, g, b, alpha)


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 60))
    painter.setBrush(QBrush(QColor(*RGB[color])))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
