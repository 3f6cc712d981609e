"""One writer per library: an OS lock held for as long as the library is open.

The lock lives on ``library.sqlite3.lock`` beside the database, never on the
database itself (SQLite has its own locks there). The OS drops it when the
process dies, even by SIGKILL, so a crash never leaves a stale lock behind; the
pid written inside is only there to tell the user who holds it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from desktop.core.errors import LecternError

# Windows locks byte ranges and refuses reads of a locked range; the pid lives at
# the start of the file and the lock on a byte far past it.
_WINDOWS_LOCK_OFFSET = 1 << 20


# Libraries this process holds the lock of (resolved paths): its own worker threads
# may write to them; any other opener in this process only reads when another
# process holds the lock (see held_elsewhere).
_HELD: set[Path] = set()


class LibraryInUse(LecternError):
    """Another Lectern (another process) has this library open for writing."""

    def __init__(self, library: Path, holder_pid: int | None) -> None:
        self.library = library
        self.holder_pid = holder_pid
        who = f"another Lectern (process {holder_pid})" if holder_pid else "another Lectern"
        super().__init__(
            f"the library {library} is in use by {who}; close it first, or open the "
            "library read-only"
        )


def lock_path(library: Path) -> Path:
    return library.with_name(library.name + ".lock")


class LibraryLock:
    """An acquired lock; ``release()`` (or process exit) gives it up."""

    def __init__(self, path: Path, fd: int, library: Path) -> None:
        self.path = path
        self._fd: int | None = fd
        self._library = library.resolve()
        _HELD.add(self._library)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.discard(self._library)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> LibraryLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire(library: Path) -> LibraryLock:
    """Lock ``library`` for this process, or raise LibraryInUse naming the holder."""
    path = lock_path(library)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        locked = _try_lock(fd)
    except BaseException:
        os.close(fd)
        raise
    if not locked:
        os.close(fd)
        raise LibraryInUse(library, holder_pid(library))
    _write_pid(fd)
    return LibraryLock(path, fd, library)


def held_elsewhere(library: Path) -> bool:
    """True if another process holds ``library``'s lock (so this one must only read)."""
    if library.resolve() in _HELD:
        return False
    path = lock_path(library)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False  # no lock file: nobody has opened it through the safe door
    try:
        if not _try_lock(fd):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)


def holder_pid(library: Path) -> int | None:
    """The pid recorded by the lock's holder, if it can be read."""
    try:
        raw = lock_path(library).read_bytes()[:32]
    except OSError:
        return None
    text = raw.split(b"\n", 1)[0].strip()
    return int(text) if text.isdigit() else None


def _write_pid(fd: int) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode().ljust(16))
    os.fsync(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
