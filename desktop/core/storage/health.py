"""Checking the library when it opens, and recovering from a damaged one.

A damaged library is never repaired in place and never deleted: it is moved
aside into ``corrupt-YYYYMMDD-HHMMSS/`` (with its -wal and -shm files) so that
nothing the user had is destroyed, and the newest backup that passes its
integrity check takes its place.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.errors import LecternError
from desktop.core.paths import AppPaths
from desktop.core.storage import SCHEMA_VERSION, backups
from desktop.core.storage.busy import busy_timeout_ms, is_damage, plain_problem

REQUIRED_TABLES = ("articles", "sources", "notes", "settings")
_COMPANIONS = ("-wal", "-shm", "-journal")


class LibraryTooNew(LecternError):
    """The library was written by a newer Lectern; it is fine, this version is old."""


@dataclass(frozen=True)
class Recovery:
    """What was done about a damaged library, told to the user exactly."""

    problem: str
    moved_to: Path  # the folder holding the damaged files
    restored_from: Path | None  # the backup now in use; None: a fresh library

    @property
    def message(self) -> str:
        head = (f"Your library was damaged ({self.problem}). The damaged file was moved to "
                f"{self.moved_to}.")
        if self.restored_from is None:
            return head + " No intact backup was found, so Lectern started a new, empty library."
        taken = backups.backup_time(self.restored_from)
        when = taken.astimezone().strftime("%Y-%m-%d %H:%M") if taken else "an earlier session"
        return (head + f" Lectern restored the backup from {when} ({self.restored_from}); "
                "changes made after that backup are not in it.")


def check(path: Path, *, read_pages: bool = True) -> str | None:
    """What is wrong with the library at ``path``, or None if it looks healthy (or is new).

    Checks the schema is Lectern's and, with ``read_pages``, runs ``PRAGMA
    quick_check`` (it skips the index-content cross checks of integrity_check, but
    still reads every page: opening only asks for it after an unclean shutdown).
    Raises LibraryTooNew for a library from a newer Lectern: that is no damage.
    Raises LibraryBusy when another program holds a lock past the bounded wait,
    and StorageProblem for any other error that is not damage (a permission, a
    full disk): only damage may move a library aside.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise plain_problem(exc, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        if read_pages:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
            if rows != ["ok"]:
                return "; ".join(rows[:3])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {str(r[0]) for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise plain_problem(exc, path) from None
        return str(exc)
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise LibraryTooNew(
            f"this library was written by a newer Lectern (schema {version}; this version "
            f"knows {SCHEMA_VERSION}); update Lectern to open it")
    if version == 0:
        return None if not tables else "it is not a Lectern library (no schema version)"
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        return f"table {', '.join(missing)} is missing"
    return None


def move_aside(library: Path, *, now: datetime | None = None) -> Path:
    """Move ``library`` and its -wal/-shm files into a new ``corrupt-…`` folder beside it.

    The companions go first: a -wal left beside a restored library would be
    replayed into it.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = library.parent / f"corrupt-{stamp}"
    counter = 2
    while folder.exists():
        folder = library.parent / f"corrupt-{stamp}-{counter}"
        counter += 1
    folder.mkdir(mode=0o700, parents=True)
    for suffix in (*_COMPANIONS, ""):
        part = library.with_name(library.name + suffix)
        if part.exists():
            shutil.move(str(part), str(folder / part.name))
    return folder


def staged_restore(library: Path) -> Path:
    return library.with_name(library.name + ".restoring")


def stage_restore(backup: Path, library: Path) -> Path:
    """Copy ``backup`` beside ``library`` (durably), ready to be renamed into place."""
    partial = staged_restore(library)
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    target = sqlite3.connect(str(partial))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    if os.name == "posix":
        partial.chmod(0o600)
    return partial


def recover(paths: AppPaths, problem: str) -> Recovery:
    """Move the damaged library aside and restore the newest intact backup, if any.

    Ordered so that a crash at any moment loses nothing: the backup is copied
    first (the damaged file is still in place, so the next open simply recovers
    again), then the damaged files are moved aside, then the copy is renamed in.
    A crash between the last two is finished by ``finish_interrupted_recovery``.
    """
    chosen = backups.newest_good(paths.backups)
    staged = stage_restore(chosen, paths.library) if chosen is not None else None
    moved_to = move_aside(paths.library)
    if staged is not None:
        os.replace(staged, paths.library)
    return Recovery(problem=problem, moved_to=moved_to, restored_from=chosen)


def finish_interrupted_recovery(paths: AppPaths) -> Recovery | None:
    """Complete a recovery that a crash cut short, or drop a half-copied backup."""
    staged = staged_restore(paths.library)
    if not staged.exists():
        return None
    if paths.library.exists():
        staged.unlink()  # cut short while copying: the damaged file is still there
        return None
    os.replace(staged, paths.library)  # cut short after moving the damaged file aside
    folders = sorted(paths.data_dir.glob("corrupt-*"), key=lambda f: f.stat().st_mtime_ns)
    return Recovery(problem="an earlier recovery was interrupted and has now been completed",
                    moved_to=folders[-1] if folders else paths.data_dir,
                    restored_from=backups.newest_good(paths.backups))
