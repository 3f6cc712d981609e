"""Telling a busy library from a damaged one.

SQLite reports a lock held by another program (``SQLITE_BUSY``/``SQLITE_LOCKED``),
a missing permission, a full disk and a damaged file all as ``DatabaseError``.
Only damage may move a library aside and restore a backup: doing that to a
library that was merely busy threw away everything since the last backup. So
every error is sorted here, and only ``SQLITE_CORRUPT``/``SQLITE_NOTADB`` (and a
failed integrity check, decided by the caller) count as damage.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.errors import LecternError, StorageProblem

# How long a lock held by another program is waited for before the user is told.
# A writer of this size finishes in well under a second; ten seconds means the
# other program holds the library on purpose (or hangs).
BUSY_WAIT_S = 10.0

_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


class LibraryBusy(StorageProblem):
    """Another program holds a lock on the library's database; nothing was changed."""

    def __init__(self, library: Path | str) -> None:
        self.library = Path(library)
        super().__init__(
            f"another program is using your library ({self.library}) and did not let go "
            f"within {BUSY_WAIT_S:g} s; nothing was changed. Close that program (or wait "
            "for it to finish) and try again")


def primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_busy(exc: BaseException) -> bool:
    if primary_code(exc) in _BUSY_CODES:
        return True
    text = str(exc).lower()  # some paths (e.g. the backup API) carry no code
    return "database is locked" in text or "database table is locked" in text or (
        "database is busy" in text)


def is_damage(exc: BaseException) -> bool:
    """True only for errors that say the file itself is damaged."""
    if is_busy(exc):
        return False
    code = primary_code(exc)
    if code is not None:
        return code in _DAMAGE_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def busy_timeout_ms() -> int:
    return max(1, int(BUSY_WAIT_S * 1000))


def plain_problem(exc: sqlite3.Error, library: Path | str) -> LecternError:
    """The one line to show for an error that is not damage: busy, or the cause named."""
    if is_busy(exc):
        return LibraryBusy(library)
    return StorageProblem(f"cannot use the library {library} ({exc}); nothing was changed")
