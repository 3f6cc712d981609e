"""Optional parts of the window (entities, highlights, export, ...).

Each module here defines ``install(window: MainWindow) -> None`` and plugs
itself in through the window's public parts: ``reader`` (layers, selection),
``side_tabs``, ``notes_panel.add_section``, ``menus``, ``undo_stack``,
``tasks`` and the ``article_opened`` signal. The main window stays an assembly.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_all(window: MainWindow) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        install = getattr(module, "install", None)
        if install is not None:
            install(window)
