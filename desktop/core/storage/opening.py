"""The one door to the user's library: lock, check, recover, migrate, back up, lock down.

The CLI and the window both open the library here, so every way in gets the
same guarantees: one writer at a time, a damaged file moved aside and the last
good backup restored (and the user told), a backup before any schema upgrade,
and files only their owner can read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import LecternError
from desktop.core.paths import AppPaths
from desktop.core.storage import SCHEMA_VERSION, backups, connect, health, migrate, sessions
from desktop.core.storage.busy import plain_problem
from desktop.core.storage.db import schema_version
from desktop.core.storage.library import Library
from desktop.core.storage.lock import LibraryInUse, LibraryLock, acquire, lock_path

__all__ = ["LibraryInUse", "OpenReport", "open_library_safely", "secure_files"]


@dataclass
class OpenReport:
    """What happened while opening the library, for the CLI and the window to tell."""

    library: Path
    readonly: bool = False
    holder_pid: int | None = None  # who holds the library when we opened it read-only
    recovery: health.Recovery | None = None
    migrated_from: int = 0
    migrated_to: int = 0
    backups: list[Path] = field(default_factory=list)  # written during this open
    backup_problem: str = ""
    backup_due: bool = False  # a large library's daily backup, left to the background

    def messages(self) -> list[str]:
        """One line per thing the user should know, most important first."""
        lines: list[str] = []
        if self.recovery is not None:
            lines.append(self.recovery.message)
        if self.readonly:
            who = f"process {self.holder_pid}" if self.holder_pid else "another process"
            lines.append(f"the library is in use by another Lectern ({who}); opened it "
                         "read-only, so changes are not saved")
        if self.backup_problem:
            lines.append(f"warning: {self.backup_problem}")
        return lines


def open_library_safely(
    paths: AppPaths, *, readonly_ok: bool = False, shared: bool = False
) -> tuple[Library, OpenReport]:
    """Open the user's library with every safety step applied.

    Raises LibraryInUse when another process holds the library, unless
    ``readonly_ok``: then the library opens read-only (writes raise LecternError).
    ``shared``: the lock was lent by a window that keeps the library open, so
    nothing may be moved aside or upgraded under it (either is refused plainly).
    """
    try:
        paths.ensure()
        lock = acquire(paths.library)
    except LibraryInUse as exc:
        if not readonly_ok:
            raise
        return _open_read_only(paths, exc.holder_pid)
    except OSError as exc:
        raise LecternError(f"cannot use the library folder {paths.data_dir} "
                           f"({exc.strerror or exc})") from None
    try:
        return _open_for_writing(paths, lock, shared=shared)
    except sqlite3.Error as exc:  # busy, or not allowed: said plainly, nothing moved
        lock.release()
        raise plain_problem(exc, paths.library) from None
    except BaseException:
        lock.release()
        raise


def _open_for_writing(paths: AppPaths, lock: LibraryLock, *,
                      shared: bool = False) -> tuple[Library, OpenReport]:
    report = OpenReport(paths.library, recovery=None if shared else (
        health.finish_interrupted_recovery(paths)))
    # Every page is read only if the last session did not close the library
    # (sessions.py); a library lent by the window is in the window's session.
    read_pages = not shared and sessions.ended_uncleanly(paths.library)
    problem = health.check(paths.library, read_pages=read_pages)
    if problem is not None and shared:
        raise LecternError(f"the library is damaged ({problem}); close the Lectern window, "
                           "then run the command again to recover it from its backup")
    if problem is not None:
        report.recovery = health.recover(paths, problem)
    _create_private(paths.library)
    conn = connect(paths.library)
    try:
        report.migrated_from = schema_version(conn)
        if shared and report.migrated_from != SCHEMA_VERSION:
            raise LecternError(
                f"the Lectern window open on this library is another version (schema "
                f"{report.migrated_from}, this one uses {SCHEMA_VERSION}); close it first")
        if 0 < report.migrated_from < SCHEMA_VERSION:
            # An upgrade is the riskiest write a library ever gets: keep the old one.
            _backup(conn, paths, report, reason=f"before-v{SCHEMA_VERSION}", always=True)
        report.migrated_to = migrate(conn)
        if backups.small_enough_to_copy_now(paths.library):
            _backup(conn, paths, report)
        else:  # copied in the background by the window (backups.background_backup)
            report.backup_due = backups.backup_due(paths.backups)
        secure_files(paths)
    except BaseException:
        conn.close()
        raise
    if shared:  # the window keeps its session open; this command only borrows the lock
        library = Library(conn, paths.library, on_close=lock.release)
    else:
        sessions.begin(paths.library)

        def close() -> None:
            sessions.end(paths.library)
            lock.release()

        library = Library(conn, paths.library, on_close=close)
    library.lock = lock  # the window lends it to a command run meanwhile (lock.lend)
    return library, report


def _open_read_only(paths: AppPaths, holder: int | None) -> tuple[Library, OpenReport]:
    if not paths.library.exists():
        raise LecternError(f"the library {paths.library} is in use and cannot be read yet")
    try:
        conn = connect(paths.library, readonly=True)
        version = schema_version(conn)
    except sqlite3.Error as exc:
        raise plain_problem(exc, paths.library) from None
    if version != SCHEMA_VERSION:
        conn.close()
        raise LecternError(
            f"the library is in use by another version of Lectern (schema {version}, this "
            f"one uses {SCHEMA_VERSION}); close the other Lectern first")
    report = OpenReport(paths.library, readonly=True, holder_pid=holder,
                        migrated_from=version, migrated_to=version)
    return Library(conn, paths.library, readonly=True), report


def _backup(conn: sqlite3.Connection, paths: AppPaths, report: OpenReport, *, reason: str = "",
            always: bool = False) -> None:
    """Back up; a failed backup is reported, never a reason not to open the library."""
    try:
        if always:
            made: Path | None = backups.make_backup(conn, paths.backups, reason=reason)
        else:
            made = backups.maybe_backup(conn, paths.backups)
    except LecternError as exc:
        report.backup_problem = str(exc)
        return
    if made is not None:
        report.backups.append(made)


def backup_on_close(library: Library, paths: AppPaths) -> Path | None:
    """The closing half of "at most once per day on open or close"; never raises."""
    if library.readonly or not backups.small_enough_to_copy_now(paths.library):
        return None
    try:
        return backups.maybe_backup(library.conn, paths.backups)
    except LecternError:
        return None


def _create_private(path: Path) -> None:
    """Create the database file owner-only before SQLite does (it copies its mode to -wal)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def secure_files(paths: AppPaths) -> None:
    """Owner-only permissions: folders 0700, the database and its companions 0600."""
    if os.name != "posix":
        return
    for folder in (paths.data_dir, paths.config_dir, paths.backups):
        if folder.is_dir():
            with contextlib.suppress(OSError):
                folder.chmod(0o700)
    library = paths.library
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = library.with_name(library.name + suffix)
        with contextlib.suppress(OSError):
            if part.exists():
                part.chmod(0o600)
    with contextlib.suppress(OSError):
        lock_path(library).chmod(0o600)
    for backup in backups.list_backups(paths.backups):
        with contextlib.suppress(OSError):
            backup.chmod(0o600)
