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
    MANIFEST,
    BackupProblem,
    _file_sha256,
    library_is_empty,
    read_manifest,
    table_counts,
)
from desktop.core.export.backup_archive import (
    extract_member,
    open_backup,
    read_member,
    template_member,
)
from desktop.core.export.restore_rows import rebuild
from desktop.core.storage.db import SCHEMA_VERSION, schema_version

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


@dataclass(frozen=True)
class RestoreSummary:
    counts: dict[str, int]
    migrated_from: int  # the backup's schema version (== SCHEMA_VERSION when not migrated)
    templates_restored: list[str] = field(default_factory=list)  # installed, on request
    templates_kept: list[str] = field(default_factory=list)  # same name already there
    templates_aside: list[str] = field(default_factory=list)  # kept aside, not in use
    aside_folder: Path | None = None
    dropped: dict[str, int] = field(default_factory=dict)  # rows left out, per table
    ignored: list[str] = field(default_factory=list)  # the backup's own tables, triggers…

    def notes(self) -> list[str]:
        """What the user should know besides the counts (the CLI and the window say it)."""
        lines: list[str] = []
        if self.templates_restored:
            lines.append("installed the backup's templates: " + ", ".join(self.templates_restored))
        if self.templates_kept:
            lines.append("kept your existing templates of the same name: "
                         + ", ".join(self.templates_kept))
        if self.templates_aside and not self.templates_restored and not self.templates_kept:
            lines.append(
                f"the backup holds {len(self.templates_aside)} export template(s) "
                f"({', '.join(self.templates_aside)}), kept aside in {self.aside_folder} and "
                "not used: a template is code, read it first; `lectern templates --install "
                "FILE` installs one")
        if self.dropped:
            what = ", ".join(f"{n} from {t}" for t, n in sorted(self.dropped.items()))
            lines.append(f"left out rows that do not fit a Lectern library: {what}")
        if self.ignored:
            lines.append("ignored what a Lectern backup does not hold: "
                         + ", ".join(self.ignored[:5]) + (" …" if len(self.ignored) > 5 else ""))
        return lines


def _check_database(path: Path, expected_sha256: str) -> int:
    if _file_sha256(path) != expected_sha256:
        raise BackupProblem("the backup is damaged (its database does not match the "
                            "checksum in its manifest); nothing was restored")
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupProblem(f"the backup's database cannot be read: {exc}") from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        result = conn.execute("PRAGMA integrity_check").fetchone()
        if result is None or result[0] != "ok":
            raise BackupProblem("the backup's database fails SQLite's integrity check; "
                                "nothing was restored")
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupProblem(f"the backup's database cannot be read: {exc}") from None
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise BackupProblem(f"this backup is from a newer Lectern (schema {version}); "
                            "update Lectern to restore it")
    if version < 1:
        raise BackupProblem("the backup's database is not a Lectern library (no schema "
                            "version); nothing was restored")
    return version


def aside_folder_for(templates_folder: Path, archive_path: Path) -> Path:
    """Where a backup's templates wait until the user installs them."""
    return templates_folder.parent / "templates-from-backups" / archive_path.stem


def _templates(archive: zipfile.ZipFile, templates_folder: Path | None, archive_path: Path,
               install: bool) -> tuple[list[str], list[str], list[str], Path | None]:
    """A template is code: the backup's are kept aside, named, and installed into the
    templates folder only when ``install`` (never over one of the user's)."""
    names = [(n, b) for n in archive.namelist() if (b := template_member(n)) is not None]
    if templates_folder is None or not names:
        return [], [], [], None
    restored: list[str] = []
    kept: list[str] = []
    aside = aside_folder_for(templates_folder, archive_path)
    aside.mkdir(parents=True, exist_ok=True)
    for member, base in names:
        data = read_member(archive, member)
        (aside / base).write_bytes(data)
        if not install:
            continue
        target = templates_folder / base
        if target.exists():
            kept.append(base)
            continue
        templates_folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        restored.append(base)
    return restored, kept, sorted(b for _m, b in names), aside


def restore_library(library: Library, archive_path: Path,
                    templates_folder: Path | None = None, *,
                    install_templates: bool = False) -> RestoreSummary:
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
    archive_path = archive_path.expanduser()
    with open_backup(archive_path) as archive:
        manifest = read_manifest(archive, read_member(archive, MANIFEST)
                                 if MANIFEST in archive.namelist() else b"")
        if DB_NAME not in archive.namelist():
            raise BackupProblem("the backup holds no library database; nothing was restored")
        with tempfile.TemporaryDirectory(prefix=".lectern-restore-",
                                         dir=library.path.parent) as tmp:
            extracted = Path(tmp) / DB_NAME
            extract_member(archive, DB_NAME, extracted)
            version = _check_database(extracted, str(manifest.get("database_sha256", "")))
            fresh = Path(tmp) / "fresh.sqlite3"
            try:
                copied = rebuild(extracted, fresh, version)
                fresh_conn = sqlite3.connect(str(fresh))
                try:
                    fresh_conn.backup(library.conn)
                finally:
                    fresh_conn.close()
            except sqlite3.DatabaseError as exc:
                raise BackupProblem(f"the backup's database cannot be read: {exc}; nothing "
                                    "was restored") from None
            counts = table_counts(library.conn)
        restored, kept, aside, folder = _templates(archive, templates_folder, archive_path,
                                                   install_templates)
    return RestoreSummary(counts, version, restored, kept, aside, folder,
                          dict(copied.dropped), list(copied.ignored))
