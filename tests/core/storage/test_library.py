"""The library database: schema, durability settings, import, duplicates, notes, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import NotFound
from desktop.core.importing import read_source, text_source
from desktop.core.operations.import_articles import import_path, import_source
from desktop.core.storage import SCHEMA_VERSION
from desktop.core.storage.library import Library

ARTICLE = """Tidal Power Comes to the Orkney Islands

Engineers in Scotland switched on a floating tidal turbine this spring, and the island community that hosts it says the machine has already changed how people there think about energy. The turbine sits in a channel where the tide runs fast twice a day.

The company behind it spent nine years testing smaller prototypes before it built this one, which is the length of a football pitch and can supply about two thousand homes.

Local fishermen were sceptical at first, but several now take visitors out to see it.
"""


def test_database_settings_protect_user_writes(library: Library) -> None:
    conn = library.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_import_keeps_original_bytes_and_structured_blocks(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "tidal.txt"
    raw = ARTICLE.encode("cp1252")
    path.write_bytes(raw)
    outcome = import_path(library, path)
    record = outcome.article
    assert not outcome.duplicate
    assert record.title == "Tidal Power Comes to the Orkney Islands"
    assert record.text.startswith("Tidal Power Comes to the Orkney Islands\n\n")
    assert "football pitch" in record.text
    assert record.blocks[0].kind.value == "headline"
    assert record.word_count > 60
    assert library.source(record.id).data == raw  # the original bytes, for re-cleaning
    assert len(record.content_hash) == 64


def test_same_content_or_same_url_is_not_imported_twice(library: Library) -> None:
    first = import_source(library, text_source(ARTICLE))
    second = import_source(library, text_source(ARTICLE.replace("\n\n", "\n\n\n")))
    assert second.duplicate and second.article.id == first.article.id
    assert len(library.list_articles()) == 1


def test_notes_and_settings_persist_across_reopen(library: Library) -> None:
    record = import_source(library, text_source(ARTICLE)).article
    library.save_note(record.id, "# My notes\n\n- turbines *and* tides")
    library.set_setting("ui.last_article", str(record.id))
    path = library.path
    library.close()
    reopened = Library.open(path)
    try:
        assert reopened.note(record.id) == "# My notes\n\n- turbines *and* tides"
        assert reopened.setting("ui.last_article") == str(record.id)
    finally:
        reopened.close()


def test_full_text_search_finds_by_word_prefix(library: Library) -> None:
    record = import_source(library, text_source(ARTICLE)).article
    assert library.search("turb") == [record.id]
    assert library.search("Orkney fisherm") == [record.id]
    assert library.search("volcano") == []
    assert library.search('"') == []


def test_deleting_an_article_removes_its_source_and_notes(library: Library) -> None:
    record = import_source(library, text_source(ARTICLE)).article
    library.save_note(record.id, "note")
    library.delete_article(record.id)
    with pytest.raises(NotFound):
        library.article(record.id)
    assert library.conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 0
    assert library.conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


def test_missing_file_is_a_clear_problem(tmp_path: Path) -> None:
    from desktop.core.errors import ImportProblem

    with pytest.raises(ImportProblem, match="no such file"):
        read_source(tmp_path / "missing.html")


def test_lectern_home_decides_where_the_library_lives(lectern_home: Path) -> None:
    from desktop.core.paths import app_paths

    paths = app_paths()
    assert paths.library == lectern_home.resolve() / "library.sqlite3"
    paths.ensure()
    assert (lectern_home.stat().st_mode & 0o777) == 0o700


def test_a_write_that_fails_says_why_and_leaves_nothing_half_done(library: Library) -> None:
    from desktop.core.errors import StorageProblem

    record = import_source(library, text_source(ARTICLE)).article
    library.save_note(record.id, "kept")
    # A trigger stands in for the disk failing in the middle of a write.
    library.conn.execute(
        "CREATE TEMP TRIGGER fail_notes BEFORE UPDATE ON notes "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(StorageProblem, match="could not save to the library"):
        library.save_note(record.id, "lost")
    assert not library.conn.in_transaction
    library.conn.execute("DROP TRIGGER fail_notes")
    assert library.note(record.id) == "kept"
