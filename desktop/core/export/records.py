"""The ``exports`` table: what Lectern wrote, where, and what it contained."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportRecord:
    article_id: int
    folder: str
    path: str
    template: str
    content_sha256: str  # of the bytes Lectern last wrote to ``path``
    highlight_ids: frozenset[str]  # every highlight that file has held
    note_sha256: str  # of the free-form notes last written ("" = none)
    user_edited: bool  # the user changed the file since Lectern first wrote it
    written_at: str


def folder_key(folder: Path) -> str:
    return str(folder.resolve())


def find_record(conn: sqlite3.Connection, article_id: int, folder: Path) -> ExportRecord | None:
    row = conn.execute(
        "SELECT article_id, folder, path, template, content_sha256, highlight_ids, note_sha256,"
        " user_edited, written_at FROM exports WHERE article_id = ? AND folder = ?"
        " ORDER BY id DESC LIMIT 1",
        (article_id, folder_key(folder)),
    ).fetchone()
    if row is None:
        return None
    return ExportRecord(
        article_id=int(row[0]), folder=str(row[1]), path=str(row[2]), template=str(row[3]),
        content_sha256=str(row[4]), highlight_ids=frozenset(json.loads(row[5])),
        note_sha256=str(row[6]), user_edited=bool(row[7]), written_at=str(row[8]),
    )


def save_record(conn: sqlite3.Connection, record: ExportRecord) -> None:
    """Insert or replace the record of one file (call inside a transaction)."""
    conn.execute(
        "DELETE FROM exports WHERE path = ? OR (article_id = ? AND folder = ?)",
        (record.path, record.article_id, record.folder),
    )
    conn.execute(
        "INSERT INTO exports (article_id, folder, path, template, content_sha256, highlight_ids,"
        " note_sha256, user_edited, written_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            record.article_id, record.folder, record.path, record.template,
            record.content_sha256, json.dumps(sorted(record.highlight_ids)),
            record.note_sha256, int(record.user_edited), record.written_at,
        ),
    )
