"""Re-export never destroys the user's edits; writes are atomic; every file is reported."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import PARAGRAPHS, add_article, store_for
from export_readback import parse_note

from desktop.core.export import atomic
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(library: Any) -> Any:
    return store_for(library)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    return folder


def exporter(library: Any, store: Any, template: str = "default") -> Exporter:
    return Exporter(library, load_template(template, None), store, now=NOW)


def highlight(library: Any, store: Any, article_id: int, paragraph: str, **kw: Any) -> Any:
    text = library.article(article_id).text
    start = text.index(paragraph)
    return store.create(article_id, start, start + len(paragraph), **kw)


def test_first_export_writes_one_file_per_article_with_stable_names(
        library: Any, store: Any, out: Path) -> None:
    first = add_article(library, title="On Reading: A Guide?")
    second = add_article(library, title="CON", paragraphs=["Other text."], url="")
    report = exporter(library, store).export([first, second], out)
    assert [f.status for f in report.files] == ["written", "written"]
    assert sorted(p.name for p in out.iterdir()) == ["con-2.md", "on-reading-a-guide-1.md"]
    assert report.summary() == "2 written"


def test_untouched_file_is_rewritten_and_identical_export_is_unchanged(
        library: Any, store: Any, out: Path) -> None:
    article_id = add_article(library)
    path = exporter(library, store).export([article_id], out).files[0].path
    assert exporter(library, store).export([article_id], out).files[0].status == "unchanged"
    highlight(library, store, article_id, PARAGRAPHS[0], note="first")
    outcome = exporter(library, store).export([article_id], out).files[0]
    assert outcome.status == "updated" and outcome.path == path
    assert [h.note for h in parse_note(path.read_text()).highlights] == ["first"]


def test_edited_file_keeps_every_byte_and_gets_only_new_highlights_appended(
        library: Any, store: Any, out: Path) -> None:
    article_id = add_article(library)
    old = highlight(library, store, article_id, PARAGRAPHS[0], note="old note")
    library.save_note(article_id, "first notes")
    path = exporter(library, store).export([article_id], out).files[0].path
    edited = path.read_text().replace("old note", "old note, reworded by me") + "\nMine.\n"
    path.write_text(edited)
    store.update(old.id, note="changed in Lectern")  # not new: never re-added
    new = highlight(library, store, article_id, PARAGRAPHS[2], note="new one", color="pink")

    outcome = exporter(library, store).export([article_id], out).files[0]
    assert outcome.status == "appended" and outcome.added == 1
    assert "1 new highlight" in outcome.message
    text = path.read_text()
    assert text.startswith(edited)  # the user's text, untouched
    added = text[len(edited):]
    assert "## Added by Lectern on 2026-03-04" in added
    assert new.block_id in added and old.block_id not in added
    read = parse_note(text).highlights
    assert [h.section for h in read] == ["Highlights", "Added by Lectern on 2026-03-04"]
    assert read[1].quote == PARAGRAPHS[2] and read[1].note == "new one"

    # Exporting again adds nothing, and the file stays the user's (never rewritten).
    again = exporter(library, store).export([article_id], out).files[0]
    assert again.status == "unchanged" and path.read_text() == text
    library.save_note(article_id, "first notes\n\nand a second thought")
    third = exporter(library, store).export([article_id], out).files[0]
    assert third.status == "appended" and "updated notes" in third.message
    assert path.read_text().startswith(text)
    assert path.read_text().rstrip().endswith("and a second thought")


def test_file_lectern_did_not_write_is_left_alone(library: Any, store: Any,
                                                   out: Path) -> None:
    article_id = add_article(library)
    clash = out / "the-art-of-careful-reading-1.md"
    clash.write_text("someone else's note\n")
    outcome = exporter(library, store).export([article_id], out).files[0]
    assert outcome.status == "skipped" and clash.read_text() == "someone else's note\n"


def test_our_file_without_a_record_is_treated_as_edited(library: Any, store: Any,
                                                         out: Path) -> None:
    """E.g. exported on another computer or before a restore: append, never overwrite."""
    article_id = add_article(library)
    first = highlight(library, store, article_id, PARAGRAPHS[0])
    path = exporter(library, store).export([article_id], out).files[0].path
    library.conn.execute("DELETE FROM exports")
    highlight(library, store, article_id, PARAGRAPHS[1])
    before = path.read_text()
    outcome = exporter(library, store).export([article_id], out).files[0]
    assert outcome.status == "appended" and outcome.added == 1
    assert path.read_text().startswith(before)
    assert path.read_text().count(first.block_id) == before.count(first.block_id)


def test_title_change_keeps_writing_to_the_same_file(library: Any, store: Any,
                                                      out: Path) -> None:
    article_id = add_article(library)
    path = exporter(library, store).export([article_id], out).files[0].path
    library.conn.execute("UPDATE articles SET title = 'Renamed' WHERE id = ?", (article_id,))
    outcome = exporter(library, store).export([article_id], out).files[0]
    assert outcome.path == path and outcome.status == "updated"
    assert list(out.iterdir()) == [path]


def test_failed_write_leaves_the_old_file_and_no_temporary_files(
        library: Any, store: Any, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = add_article(library)
    path = exporter(library, store).export([article_id], out).files[0].path
    before = path.read_bytes()
    highlight(library, store, article_id, PARAGRAPHS[0])

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)  # type: ignore[attr-defined]
    with pytest.raises(OSError):
        exporter(library, store).export([article_id], out)
    assert path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == [path.name]


def test_temporary_files_of_an_interrupted_export_are_cleaned_up(
        library: Any, store: Any, out: Path) -> None:
    stale = out / ".note.md.abc123.lectern-tmp"
    fresh = out / ".other.md.def456.lectern-tmp"  # maybe another export, running now
    stale.write_text("half a note")
    fresh.write_text("in progress")
    old = stale.stat().st_mtime - 2 * 3600
    os.utime(stale, (old, old))
    exporter(library, store).export([add_article(library)], out)
    assert not stale.exists() and fresh.exists()


def test_read_only_library_still_exports_and_says_it_could_not_record(
        library: Any, store: Any, out: Path) -> None:
    article_id = add_article(library)
    library.readonly = True  # as when another Lectern holds the library
    report = exporter(library, store).export([article_id], out)
    assert report.files[0].status == "written" and report.files[0].path.exists()
    assert report.warnings and "read-only" in report.warnings[0]
    library.readonly = False
    assert library.conn.execute("SELECT count(*) FROM exports").fetchone()[0] == 0
    again = exporter(library, store).export([article_id], out)  # unrecorded: never rewritten
    assert again.files[0].status == "unchanged"


def test_unknown_article_is_reported_and_the_rest_exported(library: Any, store: Any,
                                                           out: Path) -> None:
    article_id = add_article(library)
    report = exporter(library, store).export([999, article_id], out)
    assert [f.status for f in report.files] == ["failed", "written"]
    assert "999" in report.files[0].message


def test_progress_and_cancel(library: Any, store: Any, out: Path) -> None:
    ids = [add_article(library, title=f"Article {n}", paragraphs=[f"Text {n}."], url="")
           for n in range(5)]
    seen: list[tuple[int, int]] = []
    report = exporter(library, store).export(
        ids, out, progress=lambda d, t, _m: seen.append((d, t)),
        cancelled=lambda: len(seen) >= 3)
    assert report.cancelled and len(report.files) == 3
    assert seen[0] == (0, 5)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exported_files_are_readable_like_any_note(library: Any, store: Any,
                                                   out: Path) -> None:
    article_id = add_article(library)
    path = exporter(library, store).export([article_id], out).files[0].path
    assert path.stat().st_mode & 0o044  # not the private mode temporary files get
