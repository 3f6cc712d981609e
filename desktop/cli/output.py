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


def open_library(*, write: bool = True) -> Any:
    """The user's library (``LECTERN_HOME`` respected), created if missing.

    Opened safely (desktop.core.storage.opening): locked, checked, recovered from
    its backup if damaged, migrated, backed up. If another Lectern holds it, a
    command that only reads (``write=False``) opens it read-only; one that writes
    has the window lend it the library, or waits its turn (desktop.cli.turns).
    Whatever happened on the way is said on stderr.
    """
    import atexit

    from desktop.core.paths import app_paths
    from desktop.core.storage.lock import LibraryInUse
    from desktop.core.storage.opening import open_library_safely

    paths = app_paths()
    try:
        library, report = open_library_safely(paths, readonly_ok=not write)
    except LibraryInUse as exc:
        from desktop.cli.turns import take_turn

        library, report = take_turn(paths, exc, warn)
    # Closed when the command ends, however it ends: a library left open counts as an
    # unclean shutdown, and the next open would read every page to check it.
    atexit.register(library.close)
    for message in report.messages():
        warn(message)
    return library
