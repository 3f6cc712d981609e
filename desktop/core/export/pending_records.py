"""Export records written while the library was read-only.

A second Lectern opens the library read-only and may still export; it cannot
record what it wrote in the library, and a later export took every such file
for one the user had edited: it only ever appended "Added by Lectern" sections
to it again. So a read-only export keeps its records in a file beside the
library (``pending-exports.jsonl``); an export consults it when the library
has no record of a file, and the library's own record replaces it once made.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from desktop.core.export.records import ExportRecord

FILE_NAME = "pending-exports.jsonl"
MAX_BYTES = 8 * 1024 * 1024  # a side file, not a second library: older entries give way


def pending_file(library: Path) -> Path:
    return library.with_name(FILE_NAME)


def add(library: Path, records: Iterable[ExportRecord]) -> None:
    """Append records (never raises: a record is a convenience, the files are written)."""
    lines = "".join(json.dumps({
        "article_id": r.article_id, "folder": r.folder, "path": r.path, "template": r.template,
        "content_sha256": r.content_sha256, "highlight_ids": sorted(r.highlight_ids),
        "note_sha256": r.note_sha256, "user_edited": r.user_edited, "written_at": r.written_at,
    }) + "\n" for r in records)
    target = pending_file(library)
    with contextlib.suppress(OSError):
        if target.exists() and target.stat().st_size > MAX_BYTES:
            target.unlink()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(lines)


def find(library: Path, article_id: int, folder: str) -> ExportRecord | None:
    """The newest pending record of ``article_id`` in ``folder``, if any."""
    found: ExportRecord | None = None
    try:
        with open(pending_file(library), encoding="utf-8") as handle:
            for line in handle:
                record = _parse(line)
                if record is not None and record.article_id == article_id and (
                        record.folder == folder):
                    found = record
    except OSError:
        return None
    return found


def _parse(line: str) -> ExportRecord | None:
    try:
        raw = json.loads(line)
        return ExportRecord(
            article_id=int(raw["article_id"]), folder=str(raw["folder"]), path=str(raw["path"]),
            template=str(raw["template"]), content_sha256=str(raw["content_sha256"]),
            highlight_ids=frozenset(str(h) for h in raw["highlight_ids"]),
            note_sha256=str(raw["note_sha256"]), user_edited=bool(raw["user_edited"]),
            written_at=str(raw["written_at"]))
    except (ValueError, KeyError, TypeError):
        return None  # a damaged line is no record
