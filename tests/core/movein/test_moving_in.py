"""Moving in writes an export into the library: text read now, books of quotes,
links waiting with their highlights; importing again adds only what is new and
keeps the reader's edits."""

from __future__ import annotations

from pathlib import Path

from movein_exports import FIXTURES, fixture, pocket_zip

from desktop.core.annotations import AnnotationStore
from desktop.core.annotations.across_library import all_highlights
from desktop.core.importing import text_source
from desktop.core.importing.exports import read_export
from desktop.core.operations.import_articles import import_source
from desktop.core.operations.move_in.files import move_in
from desktop.core.operations.move_in.store import import_bundle
from desktop.core.operations.move_in.summary import MoveInSummary
from desktop.core.storage.library import Library
from desktop.core.storage.reading_state import ReadingStates
from desktop.core.storage.waiting import WaitingLinks


def bring(library: Library, data: bytes, name: str = "export") -> MoveInSummary:
    bundle = read_export(data, name)
    assert bundle is not None
    return import_bundle(library, bundle, name)


def test_wallabag_articles_are_read_at_once_with_states_and_highlights(library: Library) -> None:
    summary = bring(library, fixture("wallabag.json"))
    assert (summary.items, summary.read_now, summary.waiting) == (2, 1, 1)
    assert (summary.highlights, summary.orphaned, summary.notes) == (2, 1, 1)
    (article,) = library.list_articles()
    record = library.article(article.id)
    assert record.url == "https://example.org/frozen-river" and record.author == "Ana Ruiz"
    assert "the town walked across it to the market" in record.text
    assert article.saved_at == "2020-01-15T09:00:00+00:00"
    state = ReadingStates(library).get(article.id)
    assert state.archived and not state.favourite and state.tags == ("rivers", "winter")
    marks = AnnotationStore(library).for_article(article.id)
    assert [(m.status, m.note) for m in marks] == [("anchored", "the whole town"),
                                                    ("orphaned", "")]
    start, end = marks[0].start, marks[0].end
    assert record.text[start:end] == "the town walked across it to the market"
    link = WaitingLinks(library).find("https://example.org/only-link")
    assert link is not None and link.favourite and link.tags == ("bells",)


def test_the_same_export_again_adds_nothing(library: Library) -> None:
    for name in ("wallabag.json", "My Clippings.txt", "pocket.csv", "bookmarks.html",
                 "readwise.csv", "hypothesis.json"):
        first = bring(library, fixture(name))
        again = bring(library, fixture(name))
        assert (again.items, again.highlights, again.notes) == (0, 0, 0), name
        assert again.duplicates == first.items + first.duplicates, name
    listed = all_highlights(library)
    assert len({(h.article_id, h.link_id, " ".join(h.quote.split())) for h in listed}) == len(
        listed)


def test_a_newer_export_adds_only_what_is_new_and_keeps_edits(library: Library) -> None:
    older = pocket_zip([("Ice", "https://example.org/ice", 1700000000, "winter", "unread")],
                       [{"url": "https://example.org/ice",
                         "highlights": [{"quote": "first quote", "created_at": 1}]}])
    newer = pocket_zip([("Ice", "https://example.org/ice", 1700000000, "winter", "unread"),
                        ("Road", "https://example.org/road", 1700000100, "", "archive")],
                       [{"url": "https://example.org/ice",
                         "highlights": [{"quote": "first quote", "created_at": 1},
                                        {"quote": "second quote", "created_at": 2}]}])
    assert bring(library, older).items == 1
    summary = bring(library, newer)
    assert (summary.items, summary.highlights, summary.duplicate_highlights) == (1, 1, 1)
    link = WaitingLinks(library).find("https://example.org/ice")
    assert link is not None
    assert [h.quote for h in link.highlights] == ["first quote", "second quote"]


def test_an_edited_highlight_keeps_its_edit_when_imported_again(library: Library) -> None:
    bring(library, fixture("wallabag.json"))
    store = AnnotationStore(library)
    (article,) = library.list_articles()
    mark = store.for_article(article.id)[0]
    store.update(mark.id, note="my own words", color="green")
    assert bring(library, fixture("wallabag.json")).highlights == 0
    kept = store.get(mark.id)
    assert (kept.note, kept.color) == ("my own words", "green")
    assert len(store.for_article(article.id)) == 2


def test_kindle_books_are_articles_of_quotes_with_locations(library: Library) -> None:
    summary = bring(library, fixture("My Clippings.txt"))
    assert summary.books == 6 and summary.highlights == 9 and summary.orphaned == 0
    by_title = {a.title: a.id for a in library.list_articles()}
    harbour = by_title["The Harbour Book"]
    record = library.article(harbour)
    assert record.author == "Mira Lind"
    marks = AnnotationStore(library).for_article(harbour)
    assert [(m.quote, m.location, m.note) for m in marks] == [
        ("The sea was calm that morning.", "page 12 · location 180-182",
         "Compare with chapter one."),
        ("Nobody remembered the storm of the old year.", "page 14 · location 200-205", ""),
    ]
    assert all(record.text[m.start:m.end] == m.quote for m in marks)
    assert "A loose thought." in library.note(by_title["Old Device Stories"])


def test_a_book_from_readwise_joins_the_same_book_from_kindle(library: Library) -> None:
    bring(library, fixture("My Clippings.txt"))
    summary = bring(library, fixture("readwise.csv"))
    assert summary.books == 1 and summary.duplicates == 1  # The Harbour Book is one book
    harbour = next(a.id for a in library.list_articles() if a.title == "The Harbour Book")
    marks = AnnotationStore(library).for_article(harbour)
    assert len(marks) == 5 and all(m.anchored for m in marks)
    text = library.article(harbour).text
    assert all(text[m.start:m.end] == m.quote for m in marks)
    assert marks[0].quote == "The sea was calm that morning."  # earlier ones stay first


def test_links_wait_with_their_highlights_and_notes(library: Library) -> None:
    summary = bring(library, fixture("hypothesis.json"))
    assert (summary.waiting, summary.highlights, summary.notes) == (1, 1, 1)
    (waiting,) = [h for h in all_highlights(library)]
    assert (waiting.status, waiting.quote, waiting.tags) == (
        "waiting", "every night, the same light", ("coast", "light"))
    row = library.conn.execute("SELECT note FROM waiting_links").fetchone()
    assert "A page note about the whole article" in row[0]


def test_a_link_the_library_has_gets_its_highlights_now(library: Library) -> None:
    bring(library, fixture("wallabag.json"))
    data = pocket_zip([("River", "https://example.org/frozen-river#top", 1, "imported", "")],
                      [{"url": "https://example.org/frozen-river#top", "highlights": [
                          {"quote": "children skated between the piers", "created_at": 5}]}])
    summary = bring(library, data)
    assert (summary.items, summary.duplicates, summary.highlights) == (0, 1, 1)
    (article,) = library.list_articles()
    quotes = [m.quote for m in AnnotationStore(library).for_article(article.id)]
    assert "children skated between the piers" in quotes
    assert "imported" in ReadingStates(library).get(article.id).tags


def test_a_file_that_is_no_export_is_left_to_the_article_import(library: Library,
                                                                  tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>An article.</p></body></html>")
    assert move_in(library, page) is None
    assert move_in(library, FIXTURES / "pocket.csv") is not None


def test_a_bookmark_description_becomes_the_fetched_article_note(library: Library) -> None:
    bring(library, fixture("bookmarks.html"))
    waiting = WaitingLinks(library)
    link = waiting.find("https://example.org/portolan")
    assert link is not None and link.tags == ("Research/Maps-&-Charts", "maps", "medieval")
    outcome = import_source(library, text_source("Portolan charts\n\nCharts of the sea."))
    waiting.mark_done(link.id, outcome.article.id)
    assert library.note(outcome.article.id).startswith("Sea charts drawn from compass")
