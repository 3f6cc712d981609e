"""Reading states, article tags, links waiting to download and the highlights that wait
for their text: what other apps' exports, feeds and triage all build on."""

from __future__ import annotations

import pytest

from desktop.core.annotations.imported import find_quote, place_quotes
from desktop.core.annotations.store import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library
from desktop.core.storage.reading_state import ReadingStates
from desktop.core.storage.waiting import DONE, FAILED, NewLink, WaitingHighlight, WaitingLinks

TEXT = """Harbour Lights Return

The old lighthouse keeper climbed the stairs at dusk, as he had done for forty years.

Nobody asked him to. The light has been automatic since 1987, but he says the lamp
likes company. The lamp likes company, he repeats, and laughs.
"""


def _article(library: Library) -> int:
    return import_source(library, text_source(TEXT, name="harbour.txt")).article.id


def test_a_new_article_is_in_the_inbox_unread_and_untagged(library: Library) -> None:
    state = ReadingStates(library).get(_article(library))
    assert (state.archived, state.favourite, state.progress, state.tags) == (
        False, False, 0.0, ())


def test_archive_favourite_progress_and_tags_are_kept(library: Library) -> None:
    article_id = _article(library)
    states = ReadingStates(library)
    states.set_archived([article_id], True)
    states.set_favourite([article_id], True)
    states.set_progress(article_id, 1.7, "2026-12-01T10:00:00+00:00")
    assert states.set_tags(article_id, ["#Maritime", "history", "maritime"]) == [
        "Maritime", "history"]
    assert states.add_tags(article_id, "lights, history") == ["Maritime", "history", "lights"]
    state = states.get(article_id)
    assert state.archived and state.favourite
    assert state.progress == 1.0  # clamped: never more than the whole text
    assert state.opened_at == "2026-12-01T10:00:00+00:00"
    assert states.tag_counts() == [("history", 1), ("lights", 1), ("Maritime", 1)]
    states.set_archived([article_id], False)
    assert not states.get(article_id).archived


def test_deleting_an_article_drops_its_tags(library: Library) -> None:
    article_id = _article(library)
    ReadingStates(library).set_tags(article_id, ["sea"])
    library.delete_article(article_id)
    assert ReadingStates(library).tag_counts() == []


def _link(url: str = "https://example.org/a", *quotes: str) -> NewLink:
    return NewLink(url=url, saved_at="2025-01-02T03:04:05+00:00", title="A", origin="pocket",
                   tags=("later",), highlights=tuple(WaitingHighlight(q, note=f"on {q}")
                                                     for q in quotes))


def test_a_link_saved_twice_is_kept_once_and_gains_only_new_highlights(
        library: Library) -> None:
    links = WaitingLinks(library)
    first, added = links.add(_link("https://example.org/a", "one", "two"))
    again, added_again = links.add(_link("https://example.org/a", "two", "three"))
    assert added and not added_again and first == again
    stored = links.get(first)
    assert stored is not None
    assert [h.quote for h in stored.highlights] == ["one", "two", "three"]
    assert stored.tags == ("later",) and stored.origin == "pocket"
    assert links.count() == 1


def test_due_links_respect_their_retry_time_and_failures_are_kept_with_why(
        library: Library) -> None:
    links = WaitingLinks(library)
    a, _ = links.add(_link("https://example.org/a"))
    b, _ = links.add(_link("https://example.org/b"))
    links.retry_later(a, "the server did not answer in time", "2026-12-01T12:00:00+00:00")
    assert [link.id for link in links.due("2026-12-01T11:00:00+00:00")] == [b]
    assert {link.id for link in links.due("2026-12-01T12:00:00+00:00")} == {a, b}
    links.give_up(b, "the server answered 404 Not Found")
    failed = links.all([FAILED])
    assert [(f.id, f.problem, f.attempts) for f in failed] == [
        (b, "the server answered 404 Not Found", 1)]
    assert links.requeue_failed() == 1
    assert links.count() == 2


def test_a_fetched_link_points_at_its_article_and_its_highlights_are_placed(
        library: Library) -> None:
    links = WaitingLinks(library)
    link_id, _ = links.add(_link("https://example.org/harbour", "lamp\n likes  company",
                                 "not in this text at all"))
    article_id = _article(library)
    link = links.get(link_id)
    assert link is not None
    store = AnnotationStore(library)
    placed = place_quotes(store, article_id, library.article(article_id).text, link.highlights)
    links.mark_done(link_id, article_id)
    assert (placed.anchored, placed.orphaned) == (1, 1)
    done = links.find("https://example.org/harbour")
    assert done is not None and done.status == DONE and done.article_id == article_id
    assert done.highlights == ()
    made = store.for_article(article_id)
    text = library.article(article_id).text
    anchored = [a for a in made if a.anchored]
    assert [text[a.start:a.end] for a in anchored] == ["lamp likes company"]
    assert anchored[0].start == text.index("lamp likes company")  # the first, in order
    assert anchored[0].note == "on lamp\n likes  company"
    orphan = [a for a in made if not a.anchored]
    assert [(o.quote, o.note) for o in orphan] == [
        ("not in this text at all", "on not in this text at all")]


def test_placing_the_same_quotes_again_adds_nothing_and_keeps_edits(library: Library) -> None:
    article_id = _article(library)
    text = library.article(article_id).text
    store = AnnotationStore(library)
    quotes = [WaitingHighlight("The lamp likes company", note="first")]
    place_quotes(store, article_id, text, quotes)
    (made,) = store.for_article(article_id)
    store.update(made.id, note="edited in Lectern")
    again = place_quotes(store, article_id, text, quotes)
    assert (again.anchored, again.already_there) == (0, 1)
    assert [a.note for a in store.for_article(article_id)] == ["edited in Lectern"]


@pytest.mark.parametrize(("quote", "after", "expected"), [
    ("lamp likes company", 0, "lamp\nlikes company"),
    ("lamp likes company", 200, "lamp likes company"),  # the second one, after the first
    ("Lamp likes company", 0, None),  # case matters: another word is not the same words
    ("   ", 0, None),
])
def test_a_quote_is_found_only_on_its_own_words(quote: str, after: int,
                                                expected: str | None) -> None:
    found = find_quote(TEXT, quote, after)
    assert (TEXT[found[0]:found[1]] if found else None) == expected
