"""How the CLI speaks: JSON lines on stdout, one clear line per error on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def warn(message: str) -> None:
    sys.stderr.write(f"lectern: {message}\n")
    sys.stderr.flush()


def fail(message: str, status: int = 1) -> int:
    warn(f"error: {message}")
    return status


def open_library() -> Any:
    """The user's library (``LECTERN_HOME`` respected), created if missing."""
    from desktop.core.library import Library
    from desktop.core.paths import app_paths

    paths = app_paths()
    paths.ensure()
    return Library.open(paths.library)
