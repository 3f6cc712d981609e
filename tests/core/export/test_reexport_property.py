"""Property: whatever the user does to an exported file, a re-export keeps every byte
of it and adds each new highlight exactly once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from export_fixtures import PARAGRAPHS, add_article, hard_text, store_for
from export_readback import parse_note
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.export.templates import PRESETS, load_template
from desktop.core.export.writer import Exporter
from desktop.core.storage.library import Library

FAST_TMP = "/dev/shm" if Path("/dev/shm").is_dir() else None

edits = st.one_of(
    st.tuples(st.just("append"), hard_text),
    st.tuples(st.just("prepend"), hard_text),
    st.tuples(st.just("replace-line"), hard_text),
    st.tuples(st.just("delete-half"), st.just("")),
)


def edit(text: str, kind: str, extra: str) -> str:
    lines = text.split("\n")
    if kind == "append":
        return text + extra
    if kind == "prepend":
        return extra + "\n" + text
    if kind == "replace-line":
        lines[len(lines) // 2] = extra
        return "\n".join(lines)
    return "\n".join(lines[: len(lines) // 2])


@settings(max_examples=int(os.environ.get("LECTERN_EXPORT_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(template=st.sampled_from(PRESETS), change=edits,
       new_notes=st.lists(hard_text, min_size=1, max_size=3), rounds=st.integers(1, 2))
def test_user_edits_survive_and_new_highlights_arrive_once(
        template: str, change: tuple[str, str], new_notes: list[str], rounds: int) -> None:
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        library = Library.open(Path(folder) / "library.sqlite3")
        try:
            _case(library, Path(folder) / "out", template, change, new_notes, rounds)
        finally:
            library.close()


def _case(library: Any, out: Path, template: str, change: tuple[str, str],
          new_notes: list[str], rounds: int) -> None:
    store = store_for(library)
    article_id = add_article(library)
    text = library.article(article_id).text
    start = text.index(PARAGRAPHS[0])
    store.create(article_id, start, start + 20, note="first")
    exporter = Exporter(library, load_template(template, None), store)
    path = exporter.export([article_id], out).files[0].path
    edited = edit(path.read_text(encoding="utf-8"), *change)
    if edited == path.read_text(encoding="utf-8"):
        edited += "\nmine"
    path.write_bytes(edited.encode("utf-8"))
    added = []
    for round_no in range(rounds):
        for n, note in enumerate(new_notes):
            begin = text.index(PARAGRAPHS[1 + (n + round_no) % 2]) + n
            added.append(store.create(article_id, begin, begin + 10 + n, note=note))
        outcome = exporter.export([article_id], out).files[0]
        assert outcome.status == "appended"
        now = path.read_bytes().decode("utf-8")
        assert now.startswith(edited)  # every byte of the user's file, untouched
        edited = now
    final = path.read_text(encoding="utf-8")
    assert final.count("## Added by Lectern on") == rounds
    assert exporter.export([article_id], out).files[0].status == "unchanged"
    if template == "default":
        tail = parse_note(final[final.index("## Added by Lectern on"):]).highlights
        new_ids = {a.id for a in added}
        # Each dated section lists its new highlights in reading order.
        expected = sorted((a.quote, a.note) for a in store.for_article(article_id)
                           if a.id in new_ids)
        assert sorted((h.quote, h.note) for h in tail) == expected
        assert len({h.block_id for h in tail}) == len(added)
    elif template == "zotero":
        assert all(final.count(a.block_id) == 1 for a in added)
