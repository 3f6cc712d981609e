"""Searching a library: ranking, snippets, fields, and an index that follows every change."""

from __future__ import annotations

import pytest

from desktop.core.annotations.store import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.search import QueryError, search
from desktop.core.storage.library import Library
from desktop.core.storage.reading_state import ReadingStates


def add(library: Library, title: str, body: str) -> int:
    return import_source(library, text_source(f"{title}\n\n{body}", name=title)).article.id


@pytest.fixture
def articles(library: Library) -> dict[str, int]:
    filler = " ".join(["The committee met on Tuesday to discuss the budget."] * 4)
    return {
        "title": add(library, "Drought grips the valley", filler),
        "text": add(library, "Council budget", filler + " Officials said drought was likely."),
        "sports": add(library, "Cup final report", filler + " A drought of goals in sports."),
        "plain": add(library, "Harbour survey", filler + " Divers raised a bell from 1790."),
    }


def integrity(library: Library) -> None:
    library.conn.execute("INSERT INTO search_index(search_index, rank) "
                         "VALUES ('integrity-check', 1)")


def test_a_title_match_ranks_above_a_text_match(library: Library,
                                                articles: dict[str, int]) -> None:
    hits = search(library.conn, "drought")
    assert hits[0].id == articles["title"]
    assert {h.id for h in hits} == {articles["title"], articles["text"], articles["sports"]}
    assert hits[0].field == "title" and hits[0].score > hits[1].score


def test_snippet_marks_the_matched_words_where_they_were_found(
        library: Library, articles: dict[str, int]) -> None:
    hit = next(h for h in search(library.conn, "bell") if h.id == articles["plain"])
    assert hit.field == "text"
    assert "raised a **bell** from 1790" in hit.snippet
    assert hit.title == "Harbour survey"


def test_a_highlight_match_ranks_above_the_same_words_in_text(
        library: Library, articles: dict[str, int]) -> None:
    body = "Keepers lived in the lighthouse until 1950, then the light ran itself."
    plain = add(library, "Keepers A", body)
    highlighted = add(library, "Keepers B", body)
    text = library.article(highlighted).text
    start = text.index("the lighthouse")
    AnnotationStore(library).create(highlighted, start, start + len("the lighthouse"))
    hits = search(library.conn, "lighthouse")
    assert [(h.id, h.field) for h in hits] == [(highlighted, "highlight"), (plain, "text")]
    assert hits[0].snippet == "the **lighthouse**"


def test_exclusion_phrase_prefix(library: Library, articles: dict[str, int]) -> None:
    ids = {h.id for h in search(library.conn, "drought -sports")}
    assert ids == {articles["title"], articles["text"]}
    assert {h.id for h in search(library.conn, '"drought was likely"')} == {articles["text"]}
    assert {h.id for h in search(library.conn, "harb*")} == {articles["plain"]}


def test_notes_tags_and_highlight_notes_are_searchable_and_follow_edits(
        library: Library, articles: dict[str, int]) -> None:
    target = articles["plain"]
    library.save_note(target, "Ask the museum about the *foundry*.")
    assert [(h.id, h.field) for h in search(library.conn, "note:foundry")] == [(target, "note")]
    store = AnnotationStore(library)
    highlight = store.create(target, 0, 7, note="salvage law", tags=["maritime"])
    assert [h.field for h in search(library.conn, "salvage")] == ["note"]
    assert [h.id for h in search(library.conn, "tag:maritime")] == [target]
    ReadingStates(library).set_tags(articles["text"], ["policy", "water"])
    assert [h.id for h in search(library.conn, "tag:water")] == [articles["text"]]
    assert search(library.conn, "title:water") == []
    store.delete(highlight.id)
    library.save_note(target, "")
    ReadingStates(library).set_tags(articles["text"], [])
    for gone in ("salvage", "tag:maritime", "foundry", "tag:water"):
        assert search(library.conn, gone) == []
    integrity(library)


def test_site_field_and_deleting_an_article(library: Library, articles: dict[str, int]) -> None:
    library.conn.execute("UPDATE articles SET site = 'harbour.example.org' WHERE id = ?",
                         (articles["plain"],))
    assert [h.id for h in search(library.conn, "site:harbour.example.org")] == [articles["plain"]]
    library.delete_article(articles["title"])
    assert articles["title"] not in {h.id for h in search(library.conn, "drought")}
    integrity(library)


def test_limit_and_offset_page_through_results(library: Library,
                                               articles: dict[str, int]) -> None:
    every = [h.id for h in search(library.conn, "committee", limit=10)]
    assert len(every) == 4
    assert [h.id for h in search(library.conn, "committee", limit=2, offset=2)] == every[2:]


def test_a_query_that_means_nothing_raises_one_clear_error(library: Library) -> None:
    with pytest.raises(QueryError):
        search(library.conn, "-only -exclusions")
