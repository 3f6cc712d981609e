"""Render resources/icons/lectern.svg to the PNG sizes desktops look for.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/linux/render_icons.py

Writes resources/icons/hicolor/NxN/apps/lectern.png (the freedesktop icon theme
layout; `make install-desktop` adds the SVG as the scalable size). Run it after
changing the SVG; the PNGs are committed, so building needs no renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "lectern.svg"
    for size in SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "lectern.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(svg, size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
    print(f"{len(SIZES)} PNG sizes in {ICONS / 'hicolor'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
