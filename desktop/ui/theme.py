"""Light and dark palettes over Fusion; "system" keeps the platform's own."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#1f2226",
    QPalette.ColorRole.WindowText: "#e3e3e3",
    QPalette.ColorRole.Base: "#16181b",
    QPalette.ColorRole.AlternateBase: "#1c1f23",
    QPalette.ColorRole.Text: "#e6e1d8",
    QPalette.ColorRole.Button: "#2a2e33",
    QPalette.ColorRole.ButtonText: "#e3e3e3",
    QPalette.ColorRole.Highlight: "#3d6b8f",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#8b9096",
    QPalette.ColorRole.ToolTipBase: "#2a2e33",
    QPalette.ColorRole.ToolTipText: "#e3e3e3",
    QPalette.ColorRole.Link: "#7fb3e0",
    QPalette.ColorRole.Mid: "#4a4f55",
    QPalette.ColorRole.Midlight: "#3a3f45",
    QPalette.ColorRole.Dark: "#9aa0a6",
}

_LIGHT = {
    QPalette.ColorRole.Window: "#f3f1ec",
    QPalette.ColorRole.WindowText: "#1d1d1f",
    QPalette.ColorRole.Base: "#fffdf8",
    QPalette.ColorRole.AlternateBase: "#f6f3ec",
    QPalette.ColorRole.Text: "#1d1d1f",
    QPalette.ColorRole.Button: "#ece9e2",
    QPalette.ColorRole.ButtonText: "#1d1d1f",
    QPalette.ColorRole.Highlight: "#2f6690",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#7a7a7a",
    QPalette.ColorRole.Link: "#1f5f99",
    QPalette.ColorRole.Mid: "#b9b6ae",
    QPalette.ColorRole.Midlight: "#d9d5cc",
    QPalette.ColorRole.Dark: "#6b6b6b",
}


# The theme in force in this process: a new QApplication starts with the system's.
_applied = "system"


def apply_theme(name: str) -> None:
    global _applied
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    name = name if name in THEMES else "system"
    if name == _applied:
        return  # nothing to change; and at start, app.style() would cost ~6 ms
    _applied = name
    if name == "system":
        palette = app.style().standardPalette()
    else:
        palette = QPalette()
        for role, colour in (_DARK if name == "dark" else _LIGHT).items():
            palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    # Style sheets resolve palette() when applied: re-apply so they follow.
    app.setStyleSheet(app.styleSheet())


def current_theme() -> str:
    """The theme in force: "system", "light" or "dark"."""
    return _applied


def is_dark() -> bool:
    """Whether the palette in force is dark (features pick readable colours by it)."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return window.lightness() < 128
