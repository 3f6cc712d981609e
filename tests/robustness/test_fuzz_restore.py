"""Fuzzing restore and the preview sanitiser: a mutated backup either restores into
Lectern's own schema or is refused with one BackupProblem line; any text sanitised
keeps no markup that can load something. Budgets are bounded for CI."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hostile_inputs import article_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.export.backup import BackupProblem, backup_library
from desktop.core.export.restore import restore_library
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

_SETTINGS = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                     suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def good_archive(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("fuzz-source")
    library = Library.open(folder / "library.sqlite3")
    try:
        for tag in ("alpha", "beta"):
            import_source(library, text_source(article_text(tag)))
        templates = folder / "templates"
        templates.mkdir()
        (templates / "mine.md.j2").write_text("{{ article.title }}\n")
        backup_library(library, folder / "good.zip", templates)
    finally:
        library.close()
    return (folder / "good.zip").read_bytes()


def _schema(library: Library) -> set[tuple[str, str]]:
    return {(str(r[0]), str(r[1])) for r in library.conn.execute(
        "SELECT type, name FROM sqlite_master")}


def _try_restore(data: bytes, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "fuzzed.zip"
    archive.write_bytes(data)
    library = Library.open(folder / "library.sqlite3")
    own = _schema(library)
    try:
        try:
            summary = restore_library(library, archive, folder / "templates")
        except BackupProblem as exc:
            assert str(exc) and "\n" not in str(exc)
            assert library.list_articles() == []
            return
        assert _schema(library) == own  # nothing of the archive's own schema survives
        assert summary.counts.get("articles", 0) == len(library.list_articles())
        for item in library.list_articles():
            library.article(item.id)  # every restored article can be shown
        assert not (folder / "templates").exists()  # templates only kept aside
    finally:
        library.close()


_counter = iter(range(10 ** 9))


@_SETTINGS
@given(data=st.data())
def test_a_mutated_archive_restores_or_is_refused(good_archive: bytes, data: st.DataObject,
                                                  tmp_path_factory: pytest.TempPathFactory
                                                  ) -> None:
    raw = bytearray(good_archive)
    how = data.draw(st.sampled_from(["flip", "truncate", "insert"]))
    if how == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            at = data.draw(st.integers(0, len(raw) - 1))
            raw[at] ^= data.draw(st.integers(1, 255))
    elif how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    else:
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=64))
    _try_restore(bytes(raw), tmp_path_factory.mktemp(f"fuzz{next(_counter)}"))


@_SETTINGS
@given(data=st.data())
def test_a_mutated_database_restores_or_is_refused(good_archive: bytes, data: st.DataObject,
                                                   tmp_path_factory: pytest.TempPathFactory
                                                   ) -> None:
    """The database inside a well-formed archive, changed by SQL an attacker chooses."""
    folder = tmp_path_factory.mktemp(f"fuzzdb{next(_counter)}")
    with zipfile.ZipFile(io.BytesIO(good_archive)) as z:
        manifest = json.loads(z.read("manifest.json"))
        (folder / "db.sqlite3").write_bytes(z.read("library.sqlite3"))
    conn = sqlite3.connect(folder / "db.sqlite3", isolation_level=None)
    statements = data.draw(st.lists(st.sampled_from([
        "UPDATE articles SET blocks_json = x'00ff'", "UPDATE articles SET id = id + 1000000",
        "UPDATE articles SET word_count = 'many'", "UPDATE articles SET title = NULL",
        "DELETE FROM sources", "UPDATE notes SET article_id = 9223372036854775807",
        "INSERT INTO settings VALUES ('ui.last_article', '99999999999999999999999')",
        "CREATE TRIGGER t AFTER INSERT ON notes BEGIN DELETE FROM articles; END",
        "CREATE VIEW v AS SELECT * FROM articles", "CREATE TABLE extra (x)",
        "PRAGMA user_version = 0", "PRAGMA user_version = 99", "DROP TABLE notes",
        "ALTER TABLE articles ADD COLUMN planted TEXT",
        "UPDATE articles SET text = text || x'80'",
    ]), max_size=4))
    for statement in statements:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(statement)
    conn.close()
    import hashlib

    manifest["database_sha256"] = hashlib.sha256(
        (folder / "db.sqlite3").read_bytes()).hexdigest()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.write(folder / "db.sqlite3", "library.sqlite3")
    _try_restore(buffer.getvalue(), folder / "restore")


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from([*"<>=\"' /aimgsrcstyleurl():;&#xbackground", "<img", "src=",
                                 "style=", "url(", "<a ", "href=", "<p ", "background=",
                                 "<link", "<style>", "file:", "data:"]),
                max_size=80).map("".join))
def test_sanitised_html_keeps_no_way_to_load(fragment: str) -> None:
    import re

    from desktop.ui.safe_text import sanitized_html

    out = sanitized_html(fragment).lower()
    for tag in re.findall(r"<[^>]*>", out):
        assert re.fullmatch(r'</?[a-z0-9]+( href="[^"]*")?>', tag), tag
        assert "src" not in tag and "style" not in tag and "url(" not in tag
