"""Where the bundled resources (icons, styles, samples, templates) are.

In a checkout they are the top-level ``resources/`` folder; an installed wheel
carries them as the ``desktop.resources`` package (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    if _CHECKOUT.is_dir():
        return _CHECKOUT.joinpath(*parts)
    from importlib import resources

    return Path(str(resources.files("desktop.resources"))).joinpath(*parts)
