"""``lectern restore``: a backup archive back into an empty library."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.export.backup import (
    DB_NAME,
    TEMPLATE_SUFFIX,
    TEMPLATES,
    BackupProblem,
    _file_sha256,
    _open_archive,
    library_is_empty,
    read_manifest,
    table_counts,
)
from desktop.core.storage.db import SCHEMA_VERSION, migrate, schema_version

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


@dataclass(frozen=True)
class RestoreSummary:
    counts: dict[str, int]
    migrated_from: int  # the backup's schema version (== SCHEMA_VERSION when not migrated)
    templates_restored: list[str] = field(default_factory=list)
    templates_kept: list[str] = field(default_factory=list)  # same name already there


def _check_database(path: Path, expected_sha256: str) -> int:
    if _file_sha256(path) != expected_sha256:
        raise BackupProblem("the backup is damaged (its database does not match the "
                            "checksum in its manifest); nothing was restored")
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()
        if result is None or result[0] != "ok":
            raise BackupProblem("the backup's database fails SQLite's integrity check; "
                                "nothing was restored")
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise BackupProblem(f"this backup is from a newer Lectern (schema {version}); "
                                "update Lectern to restore it")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupProblem(f"the backup's database cannot be read: {exc}") from exc
    finally:
        conn.close()
    return version


def _restore_templates(archive: zipfile.ZipFile,
                       folder: Path | None) -> tuple[list[str], list[str]]:
    restored: list[str] = []
    kept: list[str] = []
    if folder is None:
        return restored, kept
    for name in archive.namelist():
        base = Path(name).name
        # Only plain template names: never a path out of the templates folder.
        if not name.startswith(TEMPLATES) or name != TEMPLATES + base:
            continue
        if not base.endswith(TEMPLATE_SUFFIX) or base.startswith("."):
            continue
        target = folder / base
        if target.exists():
            kept.append(base)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(name))
        restored.append(base)
    return restored, kept


def restore_library(library: Library, archive_path: Path,
                    templates_folder: Path | None = None) -> RestoreSummary:
    """Bring a backup into ``library``, which must hold no articles."""
    if library.readonly:
        raise BackupProblem("the library is open read-only (another Lectern is using it); "
                            "close the other Lectern, then restore")
    if not library_is_empty(library):
        count = library.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        raise BackupProblem(
            f"the library is not empty ({count} article{'s' if count != 1 else ''}); restore "
            "only goes into an empty library, so nothing is overwritten. Start Lectern with "
            "an empty library (e.g. set LECTERN_HOME to a new folder) and restore there")
    with _open_archive(archive_path.expanduser()) as archive:
        manifest = read_manifest(archive)
        if DB_NAME not in archive.namelist():
            raise BackupProblem("the backup holds no library database; nothing was restored")
        with tempfile.TemporaryDirectory(prefix=".lectern-restore-",
                                         dir=library.path.parent) as tmp:
            extracted = Path(tmp) / DB_NAME
            with archive.open(DB_NAME) as source, open(extracted, "wb") as target:
                while chunk := source.read(1 << 20):
                    target.write(chunk)
            version = _check_database(extracted, str(manifest.get("database_sha256", "")))
            backup_conn = sqlite3.connect(str(extracted))
            try:
                backup_conn.backup(library.conn)
                counts = table_counts(library.conn)
            finally:
                backup_conn.close()
        restored, kept = _restore_templates(archive, templates_folder)
    return RestoreSummary(counts, version, restored, kept)
