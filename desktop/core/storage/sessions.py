"""Did the last session end cleanly? A marker beside the library says it did not.

Opening writes ``library.sqlite3.open``; closing the library removes it. If the
marker is there when a library opens, the process that had it died (a crash, a
power cut, a kill): only then is the whole file read by SQLite's quick_check,
so opening a library after a clean exit costs the same at any size. A full
integrity check is there on demand (``lectern check``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def marker(library: Path) -> Path:
    return library.with_name(library.name + ".open")


def ended_uncleanly(library: Path) -> bool:
    """True if the last session that wrote ``library`` did not close it."""
    return marker(library).exists()


def begin(library: Path) -> None:
    with contextlib.suppress(OSError):  # no marker: the next open checks anyway
        fd = os.open(marker(library), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(os.getpid()).encode())
        finally:
            os.close(fd)


def end(library: Path) -> None:
    with contextlib.suppress(OSError):
        marker(library).unlink(missing_ok=True)
