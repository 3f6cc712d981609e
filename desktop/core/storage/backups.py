"""Automatic backups: consistent copies through SQLite's online backup API, rotated.

A backup is taken when the library opens (and when the window closes) if the
newest one is older than ``BACKUP_EVERY``; the newest ``BACKUP_KEEP`` are kept.
Every copy is checked with ``PRAGMA integrity_check`` before it counts: a backup
that cannot be restored is worse than none, because it looks like safety.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.errors import LecternError
from desktop.core.storage.backup import copy_database

BACKUP_EVERY = timedelta(hours=24)
BACKUP_KEEP = 7
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^library-(\d{8}T\d{6}Z)(?:-[a-z0-9-]+)?\.sqlite3$")


class BackupFailed(LecternError):
    """A backup could not be written or did not pass its integrity check."""


def backup_time(path: Path) -> datetime | None:
    """When the backup at ``path`` was taken (from its name), or None if not a backup."""
    match = _NAME.match(path.name)
    if not match:
        return None
    return datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)


def list_backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if backup_time(p) is not None and p.is_file()]
    # Same-second backups (a pre-upgrade one and the daily one) order by write time.
    return sorted(found, key=lambda p: (backup_time(p), p.stat().st_mtime_ns), reverse=True)


def verify(path: Path) -> bool:
    """True if ``path`` is an intact Lectern library (integrity_check, articles table)."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        has_articles = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
        ).fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return rows == [("ok",)] and has_articles is not None


def newest_good(folder: Path) -> Path | None:
    """The newest backup that passes ``verify``."""
    for path in list_backups(folder):
        if verify(path):
            return path
    return None


def make_backup(conn: sqlite3.Connection, folder: Path, *, now: datetime | None = None,
                reason: str = "", keep: int = BACKUP_KEEP) -> Path:
    """Back up ``conn``'s database into ``folder`` now; verified, then rotated."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP_FORMAT)
    suffix = f"-{reason}" if reason else ""
    destination = folder / f"library-{stamp}{suffix}.sqlite3"
    counter = 2
    while destination.exists():
        destination = folder / f"library-{stamp}{suffix}-{counter}.sqlite3"
        counter += 1
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    try:
        copy_database(conn, destination)
    except (OSError, sqlite3.Error) as exc:
        raise BackupFailed(f"could not write a backup to {folder}: {exc}") from None
    if not verify(destination):
        destination.unlink(missing_ok=True)
        raise BackupFailed(f"the backup written to {destination} failed its integrity check")
    rotate(folder, keep)
    return destination


# Larger libraries are not copied while a command or the window waits: the window
# copies them in the background (background_backup), in steps, once a day.
COPY_NOW_LIMIT = 64 * 1024 * 1024
# Backups together take at most this many times the newest one; the newest two are
# always kept (the one before the latest may be the one without a regretted change).
SPACE_FACTOR = 3
ALWAYS_KEPT = 2


def small_enough_to_copy_now(library: Path) -> bool:
    try:
        return library.stat().st_size <= COPY_NOW_LIMIT
    except OSError:
        return True


def backup_due(folder: Path, *, every: timedelta = BACKUP_EVERY,
               now: datetime | None = None) -> bool:
    existing = list_backups(folder)
    newest = backup_time(existing[0]) if existing else None
    return newest is None or (now or datetime.now(UTC)) - newest >= every


def background_backup(library: Path, folder: Path) -> Path | None:
    """The daily backup of a large library, for a worker thread: its own read-only
    connection reads one snapshot (in WAL mode the writer goes on meanwhile), verified,
    rotated."""
    if not backup_due(folder):
        return None
    conn = sqlite3.connect(f"file:{library.as_posix()}?mode=ro", uri=True,
                           check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        if _is_empty(conn):
            return None
        return make_backup(conn, folder)
    finally:
        conn.close()


def maybe_backup(conn: sqlite3.Connection, folder: Path, *, every: timedelta = BACKUP_EVERY,
                 keep: int = BACKUP_KEEP, now: datetime | None = None) -> Path | None:
    """Back up if the newest backup is older than ``every``; returns the new file, if any."""
    moment = now or datetime.now(UTC)
    if _is_empty(conn):
        return None  # nothing to lose yet; the first backup waits for the first article
    existing = list_backups(folder)
    if existing:
        newest = backup_time(existing[0])
        if newest is not None and moment - newest < every:
            return None
    return make_backup(conn, folder, now=moment, keep=keep)


def _is_empty(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
    except sqlite3.Error:
        return False


def rotate(folder: Path, keep: int = BACKUP_KEEP) -> list[Path]:
    """Keep the newest ``keep`` backups, and no more than SPACE_FACTOR times the newest's
    size in all (a library that grew fast would otherwise fill the disk with copies);
    leftovers of interrupted backups go too."""
    removed: list[Path] = []
    for stale in folder.glob("*.partial"):
        stale.unlink(missing_ok=True)
        removed.append(stale)
    existing = list_backups(folder)
    budget = SPACE_FACTOR * _size(existing[0]) if existing else 0
    used = 0
    for position, backup in enumerate(existing):
        used += _size(backup)
        if position >= max(keep, 1) or (position >= ALWAYS_KEPT and used > budget):
            backup.unlink(missing_ok=True)
            removed.append(backup)
    return removed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
