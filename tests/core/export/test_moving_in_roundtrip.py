"""Import → export → import again loses and duplicates nothing (property test).

Readwise and Kindle exports of books with quotes, notes and locations are
generated, imported, exported as Markdown (read back as CommonMark: every quote,
note and location there as stored) and imported again, alone and with a newer
export holding more: no highlight lost, none twice.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from export_readback import parse_note
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.annotations import AnnotationStore
from desktop.core.annotations.across_library import all_highlights
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter
from desktop.core.importing.exports import read_export
from desktop.core.operations.move_in.store import import_bundle
from desktop.core.storage.library import Library

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéñ", min_size=1, max_size=8)
_PHRASE = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_PUNCTUATED = st.tuples(_PHRASE, st.sampled_from(["", ",", ".", ";", "!", "?", " —"]),
                        _PHRASE).map(lambda t: f"{t[0]}{t[1]} {t[2]}")


@st.composite
def books(draw: st.DrawFn) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    count = draw(st.integers(1, 3))
    result = []
    for number in range(count):
        title = f"Book {number} {draw(_PHRASE)}"
        author = draw(st.sampled_from(["", "Ana Ruiz", "Kim Park"]))
        marks = draw(st.lists(st.tuples(_PUNCTUATED, st.one_of(st.just(""), _PHRASE)),
                              min_size=1, max_size=5))
        # Each quote once per book (a repeated one is one highlight, by design).
        quotes = [(f"q{i} {quote}", note, 10 + 20 * i) for i, (quote, note) in enumerate(marks)]
        result.append((title, author, quotes))
    return result


def as_readwise(found: list[tuple[str, str, list[tuple[str, str, int]]]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note",
                     "Color", "Tags", "Location Type", "Location", "Highlighted at",
                     "Document tags"])
    for title, author, quotes in found:
        for quote, note, where in quotes:
            writer.writerow([quote, title, author, "", note, "yellow", "", "location", where,
                             "2024-01-01 10:00:00+00:00", ""])
    return out.getvalue().encode("utf-8")


def as_kindle(found: list[tuple[str, str, list[tuple[str, str, int]]]]) -> bytes:
    entries = []
    for title, author, quotes in found:
        head = f"{title} ({author})" if author else title
        for quote, note, where in quotes:
            entries.append(f"\ufeff{head}\r\n- Your Highlight on Location {where}-{where + 2} | "
                           f"Added on Monday, 1 January 2024 10:00:00\r\n\r\n{quote}\r\n"
                           "==========\r\n")
            if note:
                entries.append(f"{head}\r\n- Your Note on Location {where + 2} | Added on "
                               f"Monday, 1 January 2024 10:01:00\r\n\r\n{note}\r\n==========\r\n")
    return "".join(entries).encode("utf-8")


def bring(library: Library, data: bytes) -> tuple[int, int]:
    bundle = read_export(data)
    assert bundle is not None and not bundle.problems
    summary = import_bundle(library, bundle, "export")
    return summary.items, summary.highlights


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(found=books(), kindle=st.booleans(), more=_PUNCTUATED)
def test_import_export_import_loses_and_duplicates_nothing(
        found: list[tuple[str, str, list[tuple[str, str, int]]]], kindle: bool,
        more: str) -> None:
    render = as_kindle if kindle else as_readwise
    expected = sorted((" ".join(t.split()), " ".join(q.split()), n,
                       f"location {w}-{w + 2}" if kindle else f"location {w}")
                      for t, _a, quotes in found for q, n, w in quotes)
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.sqlite3")
        try:
            assert bring(library, render(found)) == (len(found), len(expected))
            stored = sorted((h.title, " ".join(h.quote.split()), h.note, h.location)
                            for h in all_highlights(library))
            assert stored == expected
            store = AnnotationStore(library)
            report = Exporter(library, load_template("default", None), store).export(
                library.article_ids(), Path(folder) / "notes")
            for outcome in report.files:
                text = outcome.path.read_text(encoding="utf-8")
                note = parse_note(text)
                article_id = int(note.front_matter["lectern_id"]) if note.front_matter else 0
                held = store.for_article(article_id)
                assert [h.quote for h in note.highlights] == [h.quote for h in held]
                assert [h.note for h in note.highlights] == [h.note for h in held]
                assert all(h.location in text for h in held)
            assert bring(library, render(found)) == (0, 0)
            title, author, quotes = found[0]
            newer = [(title, author, [*quotes, (f"q{len(quotes)} {more}", "", 900)]), *found[1:]]
            assert bring(library, render(newer)) == (0, 1)
            assert len(all_highlights(library)) == len(expected) + 1
        finally:
            library.close()
