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
    """The user's library (``LECTERN_HOME`` respected), created if missing.

    Opened safely (desktop.core.storage.opening): locked, checked, recovered from
    its backup if damaged, migrated, backed up. If another Lectern holds it, it
    opens read-only (reading commands work, writes fail with a clear message).
    Whatever happened on the way is said on stderr.
    """
    import atexit

    from desktop.core.paths import app_paths
    from desktop.core.storage.opening import open_library_safely

    library, report = open_library_safely(app_paths(), readonly_ok=True)
    # Closed when the command ends, however it ends: a library left open counts as an
    # unclean shutdown, and the next open would read every page to check it.
    atexit.register(library.close)
    for message in report.messages():
        warn(message)
    return library
