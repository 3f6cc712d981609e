"""``lectern backup`` / ``restore``: the whole library in one archive and back.

The archive is a zip holding ``library.sqlite3`` (a consistent snapshot taken
with SQLite's online backup API, so it carries every table: articles with their
original sources, highlights, notes, entities and corrections, settings, export
records), ``manifest.json`` (versions, counts, the database's sha256) and the
user's export templates. Restore goes through the same API into the open
library, after checking the archive, and only into an empty library.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.core.errors import LecternError
from desktop.core.storage.backup import copy_database
from desktop.core.storage.db import SCHEMA_VERSION, schema_version

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

FORMAT = "lectern-backup"
FORMAT_VERSION = 1
DB_NAME = "library.sqlite3"
MANIFEST = "manifest.json"
TEMPLATES = "templates/"
TEMPLATE_SUFFIX = ".md.j2"


class BackupProblem(LecternError):
    """A backup could not be written or restored; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    counts: dict[str, int]
    schema_version: int
    templates: list[str] = field(default_factory=list)


def user_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables holding the user's data (SQLite's own and full-text index shadows left out)."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    virtual = {str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")}
    return [str(r[0]) for r in rows
            if str(r[0]) not in virtual and not any(str(r[0]).startswith(v + "_") for v in virtual)]


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
            for t in user_tables(conn)}


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_library(library: Library, destination: Path, templates_folder: Path | None = None,
                   *, overwrite: bool = False) -> BackupSummary:
    """Write the archive; an existing file is replaced only with ``overwrite`` (an older
    backup is the user's data too)."""
    destination = destination.expanduser()
    if destination.is_dir():
        raise BackupProblem(f"{destination} is a folder; give the backup a file name")
    if destination.exists() and not overwrite:
        raise BackupProblem(f"{destination} already exists; choose another name "
                            "(or --force to replace it)")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".lectern-backup-", dir=destination.parent) as tmp:
        snapshot = Path(tmp) / DB_NAME
        copy_database(library.conn, snapshot)
        with sqlite3.connect(str(snapshot)) as conn:
            counts = table_counts(conn)
            version = schema_version(conn)
        conn.close()
        templates = sorted(templates_folder.glob(f"*{TEMPLATE_SUFFIX}")) if (
            templates_folder is not None and templates_folder.is_dir()) else []
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": version,
            "app_version": __version__,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "counts": counts, "database_sha256": _file_sha256(snapshot),
            "templates": [t.name for t in templates],
        }
        partial = Path(tmp) / "archive.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            archive.write(snapshot, DB_NAME)
            for template in templates:
                archive.write(template, TEMPLATES + template.name)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    return BackupSummary(destination, counts, version, [t.name for t in templates])


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (KeyError, ValueError) as exc:
        raise BackupProblem("this is not a Lectern backup (no readable manifest.json)") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupProblem("this is not a Lectern backup (unknown manifest format)")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise BackupProblem("this backup was made by a newer Lectern; update Lectern to "
                            "restore it")
    if int(manifest.get("schema_version", 0)) > SCHEMA_VERSION:
        raise BackupProblem(
            f"this backup holds a library from a newer Lectern (schema "
            f"{manifest.get('schema_version')}, this version knows {SCHEMA_VERSION}); "
            "update Lectern to restore it")
    return manifest


def library_is_empty(library: Library) -> bool:
    return int(library.conn.execute("SELECT count(*) FROM articles").fetchone()[0]) == 0


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise BackupProblem(f"no such file: {path}") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupProblem(f"{path} is not a Lectern backup (not a readable zip: {exc})") from exc
