"""Atomic file writes: a temporary file in the same folder, flushed to disk, renamed.

A reader (Obsidian, a sync tool) sees the old file or the new one, never half
of one, and a crash never leaves a truncated note. For a batch, every file is
staged first and flushed together, then renamed: one flush of the disk instead
of one per file keeps exporting a large library fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals renames
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AtomicBatch:
    """Stage files, then ``commit()`` renames them all into place (or ``discard()``)."""

    # Above this many staged files one os.sync() is cheaper than an fsync per file.
    SYNC_ALL_THRESHOLD = 8

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temporary, final)

    def __len__(self) -> int:
        return len(self._staged)

    def stage(self, path: Path, data: bytes) -> None:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{path.name[:40]}.", suffix=".lectern-tmp", dir=path.parent
        )
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
        self._staged.append((Path(temp_name), path))

    def _flush(self) -> None:
        # Linux's sync() returns once the data is written; BSD/macOS only schedule it.
        if sys.platform.startswith("linux") and len(self._staged) >= self.SYNC_ALL_THRESHOLD:
            os.sync()
            return
        for temp, _final in self._staged:
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())

    def commit(self) -> None:
        if not self._staged:
            return
        try:
            self._flush()
            for temp, final in self._staged:
                if os.name == "posix":
                    with contextlib.suppress(OSError):
                        temp.chmod(0o666 & ~_UMASK)  # mkstemp made it private
                os.replace(temp, final)
        except BaseException:
            self.discard()
            raise
        for folder in {final.parent for _temp, final in self._staged}:
            _fsync_folder(folder)
        self._staged.clear()

    def discard(self) -> None:
        for temp, _final in self._staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        self._staged.clear()


def _read_umask() -> int:
    # Read once at import: os.umask() can only be read by setting it, which is
    # not safe to do while other threads create files.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


STALE_AFTER_SECONDS = 3600


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files an interrupted export left (older than an hour, so a
    running export in another window keeps its own). Returns how many."""
    import time

    removed = 0
    cutoff = time.time() - STALE_AFTER_SECONDS
    for temp in folder.glob(".*.lectern-tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
                removed += 1
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    batch = AtomicBatch()
    batch.stage(path, data)
    batch.commit()
