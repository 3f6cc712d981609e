"""Optional parts of the window, one package per feature (highlights, entities,
export, images; search and feeds next).

Each package holds its feature's widgets, controllers and dialogs and exposes
``install(host: FeatureHost) -> None``. A feature sees the window only through
``desktop.ui.host.FeatureHost`` (the open library, the current article, the
selection, the status and error channel, places to plug in), and never imports
another feature: the import contracts in pyproject.toml check both.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost


def install_all(host: FeatureHost) -> None:
    """Install every feature package, in name order (the menus follow it)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.install(host)
