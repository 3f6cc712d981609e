"""Exported notes read back (CommonMark + YAML) exactly as the database holds them."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path
from typing import Any

from export_fixtures import add_article, hard_text, orphan, store_for
from export_readback import parse_note
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.annotations import BadAnnotation
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter
from desktop.core.links import parse_link
from desktop.core.storage.library import Library

FRONT_MATTER_FIELDS = {"title", "author", "site", "url", "published", "saved", "tags",
                       "entities", "lectern_id", "citekey"}


def export_one(library: Any, store: Any, article_id: int, folder: Path,
               template: str = "default") -> Path:
    report = Exporter(library, load_template(template, None), store).export([article_id], folder)
    assert report.files[0].status in ("written", "updated"), report.files
    return report.files[0].path


def check_note(library: Any, store: Any, article_id: int, path: Path,
               template: str = "default") -> None:
    record = library.article(article_id)
    note = parse_note(path.read_bytes().decode("utf-8"))
    front = note.front_matter
    if template == "plain":
        assert front is None
    else:
        assert front is not None and set(front) == FRONT_MATTER_FIELDS
        assert front["title"] == record.title and front["author"] == record.author
        assert front["site"] == record.site and front["url"] == record.url
        assert front["lectern_id"] == article_id and front["saved"] == record.saved_at
    assert note.title == " ".join(record.title.split())
    stored = store.for_article(article_id)
    assert [h.quote for h in note.highlights] == [h.quote for h in stored]
    assert [h.note for h in note.highlights] == [h.note for h in stored]
    for read, held in zip(note.highlights, stored, strict=True):
        if template != "plain":
            assert read.block_id == held.block_id
            target = parse_link(read.links[-1])
            assert target is not None and (target.article_id, target.fragment) == (
                article_id, held.block_id)
        expected_section = "Orphaned highlights" if held.status == "orphaned" else "Highlights"
        assert read.section == expected_section
    free_notes = library.note(article_id).replace("\r\n", "\n").replace("\r", "\n")
    assert note.notes == (free_notes.strip("\n") if free_notes.strip() else "")


def test_hand_picked_hard_text_reads_back(library: Any, tmp_path: Path) -> None:
    store = store_for(library)
    paragraphs = [
        "> a quote-like line\n# and a heading-like one",
        "- item | cell | `tick` ``` --- *** <script>alert(1)</script> &amp; &#65;",
        "Emoji 📚👩🏽‍🔬, Arabic مرحبا بالعالم, Hebrew שלום עולם, mixed \u202eevil",
        "1. numbered\n2) also\n    indented\n\ttabbed  trailing  ",
        "---",
    ]
    article_id = add_article(library, title="# Title | with `code` & *stars* ---",
                             paragraphs=paragraphs, author="O'Brien, *Ann*",
                             site="Site: <b>bold</b>", url="https://x.org/a b?q=(1)")
    text = library.article(article_id).text
    made = []
    for paragraph, color in zip(paragraphs, itertools.cycle(["yellow", "green", "blue"]),
                                strict=False):
        start = text.index(paragraph)
        made.append(store.create(article_id, start, start + len(paragraph), color=color,
                                 note=f"note on:\n{paragraph}\n\n> {paragraph[:5]}",
                                 tags=["a b", "#x"]))
    orphan(store, made[-1])
    library.save_note(article_id, "# My notes\n\n- [ ] todo\n\n```\ncode\n```\n")
    path = export_one(library, store, article_id, tmp_path)
    check_note(library, store, article_id, path)
    body = path.read_text(encoding="utf-8")
    assert "#key-point" in body and "#a-b" in body  # colour meaning and tags as tags
    assert "## Orphaned highlights" in body


# Many small databases: in memory-backed /dev/shm where there is one (fsync is free).
FAST_TMP = "/dev/shm" if Path("/dev/shm").is_dir() else None


# LECTERN_EXPORT_EXAMPLES=2000 for a longer hunt; the suite keeps to a few seconds.
@settings(max_examples=int(os.environ.get("LECTERN_EXPORT_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=hard_text.filter(lambda t: t.strip() != ""),
    paragraphs=st.lists(hard_text.filter(lambda t: t.strip() != ""), min_size=1, max_size=4),
    notes=st.lists(hard_text, min_size=1, max_size=4),
    free_notes=hard_text,
    data=st.data(),
)
def test_random_text_reads_back(title: str, paragraphs: list[str], notes: list[str],
                                free_notes: str, data: Any) -> None:
    """Default and plain presets: quotes, notes, titles and front matter read back."""
    # A fresh library per example: the same text twice would be a duplicate import.
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        library = Library.open(Path(folder) / "library.sqlite3")
        try:
            _random_case(library, Path(folder) / "out", title, paragraphs, notes,
                         free_notes, data)
        finally:
            library.close()


def _random_case(library: Any, folder: Path, title: str, paragraphs: list[str],
                 notes: list[str], free_notes: str, data: Any) -> None:
    template = data.draw(st.sampled_from(["default", "plain"]), label="template")
    store = store_for(library)
    article_id = add_article(library, title=title, paragraphs=paragraphs,
                             author=data.draw(hard_text), site=data.draw(hard_text),
                             url=data.draw(hard_text))
    text = library.article(article_id).text
    for note in notes:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        try:
            store.create(article_id, start, end, note=note,
                         tags=data.draw(st.lists(hard_text, max_size=2)))
        except BadAnnotation:  # only whitespace selected: nothing to highlight
            continue
    library.save_note(article_id, free_notes)
    path = export_one(library, store, article_id, folder, template)
    check_note(library, store, article_id, path, template)
