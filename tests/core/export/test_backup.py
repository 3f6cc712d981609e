"""Backup then restore gives an identical library; bad archives are refused clearly."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import add_article

from desktop.core.export.backup import BackupProblem, backup_library, user_tables
from desktop.core.export.restore import restore_library
from desktop.core.storage.db import SCHEMA_VERSION
from desktop.core.storage.library import Library


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (full-text indexes included, as the rows they give, not
    their shadow tables' page layout, which depends on the order rows were written)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                        " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")]
    names = [str(r[0]) for r in rows
             if not any(str(r[0]).startswith(v + "_") for v in virtual)]
    return {n: sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{n}"')), key=repr)
            for n in names}


@pytest.fixture
def filled(library: Any) -> Any:
    first = add_article(library)
    add_article(library, title="Second", paragraphs=["Other text 📚."], url="https://b.example")
    library.save_note(first, "notes with *Markdown*")
    library.set_setting("export.folder", "/home/me/notes")
    tables = set(user_tables(library.conn))
    if "annotations" in tables:  # the highlights package is installed
        from desktop.core.annotations import AnnotationStore

        AnnotationStore(library).create(first, 0, 5, note="hl note", tags=["t"])
    return library


def test_backup_then_restore_gives_an_identical_library(filled: Any, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "mine.md.j2").write_text("{{ article.title }}\n")
    archive = tmp_path / "backup.lectern.zip"
    summary = backup_library(filled, archive, templates)
    assert summary.counts["articles"] == 2 and summary.templates == ["mine.md.j2"]
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert {"library.sqlite3", "manifest.json", "templates/mine.md.j2"} <= set(z.namelist())
    assert manifest["schema_version"] == SCHEMA_VERSION and manifest["counts"]["sources"] == 2

    fresh = Library.open(tmp_path / "new" / "library.sqlite3")
    new_templates = tmp_path / "new" / "templates"
    try:
        result = restore_library(fresh, archive, new_templates)
        assert result.counts["articles"] == 2 and result.templates_restored == []
        assert snapshot(fresh.conn) == snapshot(filled.conn)
        assert fresh.source(1).data == filled.source(1).data  # original bytes
        assert fresh.search("Other") == [2]  # the full-text index works
        # A template is code: kept aside and named, not installed unasked.
        assert result.templates_aside == ["mine.md.j2"] and result.aside_folder is not None
        assert not (new_templates / "mine.md.j2").exists()
        assert (result.aside_folder / "mine.md.j2").read_text() == "{{ article.title }}\n"
    finally:
        fresh.close()
    again = Library.open(tmp_path / "again" / "library.sqlite3")
    try:
        asked = restore_library(again, archive, new_templates, install_templates=True)
        assert asked.templates_restored == ["mine.md.j2"]
        assert (new_templates / "mine.md.j2").read_text() == "{{ article.title }}\n"
    finally:
        again.close()


def test_restore_refuses_a_library_that_is_not_empty(filled: Any, tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    backup_library(filled, archive)
    before = snapshot(filled.conn)
    with pytest.raises(BackupProblem, match=r"not empty \(2 articles\).*empty library"):
        restore_library(filled, archive)
    assert snapshot(filled.conn) == before


@pytest.mark.parametrize("damage", ["not-zip", "no-manifest", "bad-checksum", "newer-schema",
                                    "newer-format"])
def test_damaged_or_foreign_archives_are_refused(filled: Any, tmp_path: Path,
                                                 damage: str) -> None:
    good = tmp_path / "good.zip"
    backup_library(filled, good)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as z:
        manifest = json.loads(z.read("manifest.json"))
        db = z.read("library.sqlite3")
    if damage == "not-zip":
        bad.write_bytes(b"hello")
    else:
        if damage == "bad-checksum":
            db = db[:-100] + b"x" * 100
        elif damage == "newer-schema":
            manifest["schema_version"] = SCHEMA_VERSION + 1
        elif damage == "newer-format":
            manifest["format_version"] = 99
        with zipfile.ZipFile(bad, "w") as z:
            if damage != "no-manifest":
                z.writestr("manifest.json", json.dumps(manifest))
            z.writestr("library.sqlite3", db)
    fresh = Library.open(tmp_path / "fresh.sqlite3")
    try:
        with pytest.raises(BackupProblem) as info:
            restore_library(fresh, bad)
        assert str(info.value)  # one clear sentence
        assert fresh.list_articles() == []
    finally:
        fresh.close()


def test_an_older_schema_is_migrated_on_restore(tmp_path: Path) -> None:
    from importlib import resources

    from desktop.core.export.backup import _file_sha256

    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    first = resources.files("desktop.core.storage.migrations") / "0001_library.sql"
    conn.executescript(first.read_text(encoding="utf-8"))
    conn.execute("INSERT INTO articles (title, content_hash, source_kind, saved_at, updated_at,"
                 " blocks_json, text) VALUES ('Old', 'h', 'text', 's', 'u',"
                 " '[[\"headline\", \"Old\"]]', 'Old')")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    archive = tmp_path / "old.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("manifest.json", json.dumps({
            "format": "lectern-backup", "format_version": 1, "schema_version": 1,
            "database_sha256": _file_sha256(old)}))
        z.write(old, "library.sqlite3")
    fresh = Library.open(tmp_path / "fresh.sqlite3")
    try:
        result = restore_library(fresh, archive)
        assert result.migrated_from == 1
        assert [a.title for a in fresh.list_articles()] == ["Old"]
        version = fresh.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        assert "exports" in user_tables(fresh.conn)
    finally:
        fresh.close()
