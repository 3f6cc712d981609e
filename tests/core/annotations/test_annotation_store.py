"""Highlights in the library: create, read in reading order, edit, delete, restore."""

from __future__ import annotations

import pytest

from desktop.core.annotations import COLORS, AnnotationStore, BadAnnotation, reanchor_article
from desktop.core.errors import NotFound
from desktop.core.importing import text_source
from desktop.core.operations.update_article import replace_content
from desktop.core.storage.library import Library


def span(library: Library, article_id: int, quote: str) -> tuple[int, int]:
    text = library.article(article_id).text
    start = text.index(quote)
    return start, start + len(quote)


def test_create_stores_quote_context_and_offsets(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    start, end = span(library, article_id, "brass band")
    made = store.create(article_id, start, end, color="green", note="why a band?",
                        tags=["music", "#Music", " town life "])
    assert made.quote == "brass band" and made.status == "anchored"
    text = library.article(article_id).text
    assert made.prefix == text[start - 32:start] and made.suffix == text[end:end + 32]
    assert made.tags == ["music", "town-life"]
    assert len(made.id) == 32 and made.block_id == f"hl-{made.id[:12]}"
    assert made.created_at.endswith("+00:00")
    again = AnnotationStore(Library.open(library.path)).get(made.id)  # another connection
    assert again == made


def test_selection_edges_lose_their_whitespace(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    text = library.article(article_id).text
    end = text.index("The cold snap")  # a selection running into the paragraph break
    start = text.rindex("the council") + len("the council")
    made = store.create(article_id, start - 11, end)
    assert made.quote == "the council."


def test_reading_order_then_orphans(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    late = store.create(article_id, *span(library, article_id, "brass band"))
    early = store.create(article_id, *span(library, article_id, "forty years"))
    overlapping = store.create(article_id, *span(library, article_id, "first time in forty"))
    orphan = store.create(article_id, *span(library, article_id, "Tuesday"))
    orphan.status = "orphaned"
    store.restore(orphan)
    got = [a.id for a in store.for_article(article_id)]
    assert got == [overlapping.id, early.id, late.id, orphan.id]


def test_update_delete_and_restore(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    made = store.create(article_id, *span(library, article_id, "brass band"), tags=["a"])
    changed = store.update(made.id, color="pink", note="n", tags=["b", "c"])
    assert (changed.color, changed.note, changed.tags) == ("pink", "n", ["b", "c"])
    assert store.get(made.id).tags == ["b", "c"]
    assert store.update(made.id, note="only the note").tags == ["b", "c"]
    store.delete(made.id)
    with pytest.raises(NotFound):
        store.get(made.id)
    with pytest.raises(NotFound):
        store.delete(made.id)
    store.restore(changed)
    assert store.get(made.id) == changed


def test_bad_requests_are_refused_clearly(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    with pytest.raises(BadAnnotation, match="unknown colour"):
        store.create(article_id, 0, 5, color="orange")
    with pytest.raises(BadAnnotation, match="select some text"):
        store.create(article_id, 10, 10)
    with pytest.raises(BadAnnotation):
        store.create(article_id, 0, 10 ** 7)
    with pytest.raises(NotFound):
        store.create(9999, 0, 5)
    assert store.for_article(article_id) == []


def test_colour_meanings_rename_and_resolve(library: Library) -> None:
    store = AnnotationStore(library)
    meanings = store.color_meanings()
    assert tuple(meanings) == COLORS
    assert meanings["yellow"] == "key point"
    store.set_color_meaning("blue", "  open   question ")
    assert store.color_meanings()["blue"] == "open question"
    assert store.resolve_color("Open Question") == "blue"
    assert store.resolve_color("purple") == "purple"
    with pytest.raises(BadAnnotation, match="unknown colour"):
        store.resolve_color("teal")
    with pytest.raises(BadAnnotation):
        store.set_color_meaning("blue", "   ")


def test_find_by_block_id(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    made = store.create(article_id, *span(library, article_id, "brass band"))
    assert store.find_by_block_id(article_id, made.block_id) == made
    assert store.find_by_block_id(article_id, "hl-000000000000") is None
    assert store.find_by_block_id(article_id, "hl-%") is None
    assert store.find_by_block_id(article_id + 1, made.block_id) is None


def test_deleting_the_article_deletes_its_highlights(library: Library, article_id: int) -> None:
    store = AnnotationStore(library)
    made = store.create(article_id, *span(library, article_id, "brass band"), tags=["x"])
    library.delete_article(article_id)
    with pytest.raises(NotFound):
        store.get(made.id)
    assert library.conn.execute("SELECT COUNT(*) FROM annotation_tags").fetchone()[0] == 0


def test_update_reanchors_stays_moves_and_orphans(library: Library, article_id: int,
                                                  river_text: str) -> None:
    store = AnnotationStore(library)
    stays = store.create(article_id, *span(library, article_id, "forty years"))
    moves = store.create(article_id, *span(library, article_id, "ferry stopped running"))
    lost = store.create(article_id, *span(library, article_id, "brass band"), note="keep me")
    new = river_text.replace("The cold snap began on Tuesday.",
                          "The cold snap, the worst in decades, began on Tuesday.")
    new = new.replace("brass band", "string quartet")
    record, old_text = replace_content(library, article_id, text_source(new, name="river.txt"))
    assert old_text != record.text
    report = reanchor_article(store, article_id, record.text)
    assert (report.stayed, report.moved, report.orphaned) == (1, 1, 1)
    text = library.article(article_id).text
    for kept in (stays, moves):
        now = store.get(kept.id)
        assert now.status == "anchored" and text[now.start:now.end] == now.quote == kept.quote
    orphan = store.get(lost.id)
    assert orphan.status == "orphaned" and orphan.note == "keep me"
    assert orphan.quote == "brass band"
    # the passage comes back in a later version: the orphan is placed again
    record, _ = replace_content(library, article_id, text_source(river_text, name="river.txt"))
    again = reanchor_article(store, article_id, record.text)
    assert again.recovered == 1 and store.get(lost.id).status == "anchored"


def test_interrupted_update_is_healed_on_read(library: Library, article_id: int,
                                              river_text: str) -> None:
    """Text replaced but the process died before re-anchoring: reading re-anchors."""
    store = AnnotationStore(library)
    made = store.create(article_id, *span(library, article_id, "ferry stopped running"))
    new = river_text.replace("For the first time", "For the very first time")
    replace_content(library, article_id, text_source(new, name="river.txt"))
    text = library.article(article_id).text
    got = store.get(made.id)
    assert text[got.start:got.end] != got.quote  # stale offsets, as stored
    healed = next(a for a in store.for_article(article_id) if a.id == made.id)
    assert text[healed.start:healed.end] == "ferry stopped running"
    assert store.get(made.id).start == healed.start  # and saved


def test_place_moves_a_highlight_keeping_what_the_reader_wrote(library: Library,
                                                               article_id: int) -> None:
    store = AnnotationStore(library)
    made = store.create(article_id, *span(library, article_id, "brass band"), note="n",
                        tags=["t"], color="pink")
    made.status = "orphaned"
    store.restore(made)
    start, end = span(library, article_id, "ferry stopped running")
    moved = store.place(made.id, start - 1, end)  # the space at the edge is trimmed
    assert (moved.quote, moved.start, moved.end, moved.status) == (
        "ferry stopped running", start, end, "anchored")
    assert (moved.note, moved.tags, moved.color, moved.created_at) == (
        "n", ["t"], "pink", made.created_at)
    assert store.get(made.id) == moved
