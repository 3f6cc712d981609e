"""Reading a backup archive as the untrusted input it is.

An archive can come from anywhere (a mail attachment, a shared drive), so
before any byte is inflated every member is checked: only the names a Lectern
backup holds, each once, stored or deflated, not encrypted, of a declared size
within its limit and a compression ratio no real library reaches, and fitting
on the disk. While inflating, the bytes are counted again (a header can lie).
Whatever is wrong is one clear ``BackupProblem``; a damaged zip never escapes
as a zlib or zipfile error.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop.core.export.backup import DB_NAME, MANIFEST, TEMPLATE_SUFFIX, TEMPLATES, BackupProblem
from desktop.core.zips import INFLATE_ERRORS, bomb_ratio, is_encrypted

MIB = 1024 * 1024
MAX_MEMBERS = 1_000
MAX_DATABASE_BYTES = 16 * 1024 * MIB
MAX_MANIFEST_BYTES = 1 * MIB
MAX_TEMPLATE_BYTES = 1 * MIB
MAX_TEMPLATES = 200
# SQLite pages of text deflate 2-10x; a zip bomb deflates ~1000x. Small members
# (a manifest, a nearly empty library) are not held to the ratio.
MAX_RATIO = 100
RATIO_FREE_BYTES = 4 * MIB
DISK_MARGIN_BYTES = 64 * MIB

_TEMPLATE_NAME = re.compile(r"^templates/([A-Za-z0-9][A-Za-z0-9_. -]{0,80}\.md\.j2)$")
_ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def template_member(name: str) -> str | None:
    """The file name of a template member (``templates/NAME.md.j2``), or None."""
    match = _TEMPLATE_NAME.match(name)
    if match is None or not match.group(1).endswith(TEMPLATE_SUFFIX):
        return None
    return match.group(1)


def _limit_for(name: str) -> int:
    if name == DB_NAME:
        return MAX_DATABASE_BYTES
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    return MAX_TEMPLATE_BYTES


def _check_members(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BackupProblem(f"this is not a Lectern backup ({len(infos)} files in the "
                            "archive); nothing was restored")
    seen: set[str] = set()
    templates = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise BackupProblem(f"the backup names {name!r} twice (a tampered archive); "
                                "nothing was restored")
        seen.add(name)
        if name.endswith("/") or (name not in (DB_NAME, MANIFEST) and not name.startswith(
                TEMPLATES)):
            continue  # never read: not part of a Lectern backup
        if name.startswith(TEMPLATES):
            if template_member(name) is None:
                continue  # an odd name is never read, so never written anywhere
            templates += 1
        if is_encrypted(info):
            raise BackupProblem(f"{name} in the backup is encrypted; nothing was restored")
        if info.compress_type not in _ALLOWED_METHODS:
            raise BackupProblem(f"{name} in the backup uses a compression Lectern does not "
                                "write; nothing was restored")
        limit = _limit_for(name)
        if info.file_size > limit:
            raise BackupProblem(f"{name} in the backup would be {info.file_size:,} bytes, over "
                                f"the limit of {limit:,}; nothing was restored")
        ratio = bomb_ratio(info, MAX_RATIO, RATIO_FREE_BYTES)
        if ratio is not None:
            raise BackupProblem(
                f"{name} in the backup inflates {ratio:,} times (a real library: under "
                f"{MAX_RATIO}); refused as a zip bomb, nothing was restored")
    if templates > MAX_TEMPLATES:
        raise BackupProblem(f"the backup holds {templates} templates (limit {MAX_TEMPLATES});"
                            " nothing was restored")


@contextmanager
def open_backup(path: Path) -> Iterator[zipfile.ZipFile]:
    """The archive at ``path``, its members checked; any zip error is a BackupProblem."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupProblem(f"no such file: {path}") from None
    except IsADirectoryError:
        raise BackupProblem(f"{path} is a folder, not a backup file") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise BackupProblem(f"{path} is not a Lectern backup (not a readable zip: "
                            f"{_first_line(exc)})") from None
    with archive:
        _check_members(archive)
        yield archive


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small member (manifest, template), inflated under its limit."""
    limit = _limit_for(name)
    chunks: list[bytes] = []
    with _member(archive, name) as source:
        total = 0
        while chunk := _read(source, name, 1 << 16):
            total += len(chunk)
            if total > limit:
                raise BackupProblem(f"{name} in the backup is over its limit of {limit:,} "
                                    "bytes; nothing was restored")
            chunks.append(chunk)
    return b"".join(chunks)


def extract_member(archive: zipfile.ZipFile, name: str, target: Path) -> None:
    """Inflate ``name`` into ``target``, counting bytes against its declared size."""
    info = archive.getinfo(name)
    free = shutil.disk_usage(target.parent).free
    if info.file_size + DISK_MARGIN_BYTES > free:
        raise BackupProblem(f"restoring needs {info.file_size // MIB + 1:,} MB and the disk "
                            f"has {free // MIB:,} MB free; nothing was restored")
    written = 0
    with _member(archive, name) as source, open(target, "wb") as out:
        while chunk := _read(source, name, 1 << 20):
            written += len(chunk)
            if written > info.file_size or written > _limit_for(name):
                raise BackupProblem(f"{name} in the backup inflates past its declared size "
                                    "(a tampered archive); nothing was restored")
            out.write(chunk)


@contextmanager
def _member(archive: zipfile.ZipFile, name: str) -> Iterator[IO[bytes]]:
    try:
        handle = archive.open(name)
    except KeyError:
        raise BackupProblem(f"the backup has no {name}; nothing was restored") from None
    except INFLATE_ERRORS as exc:
        raise BackupProblem(f"the backup is damaged ({name}: {_first_line(exc)}); nothing "
                            "was restored") from None
    with handle:
        yield handle


def _read(source: IO[bytes], name: str, size: int) -> bytes:
    try:
        return source.read(size)
    except INFLATE_ERRORS as exc:
        raise BackupProblem(f"the backup is damaged ({name}: {_first_line(exc)}); nothing "
                            "was restored") from None
