"""Ranking stays meaningful when only a bounded set of candidates is ranked.

A word in most of a large library is ranked over CANDIDATES of its matches (the
newest, and those saying it in a title, highlight, note or tag); the tests shrink
CANDIDATES so a small library is "large", and check what a reader relies on."""

from __future__ import annotations

import threading

import pytest

from desktop.core.annotations.store import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.search import engine, search
from desktop.core.search.listing import ListQuery, article_ids
from desktop.core.search.reader import ListReader
from desktop.core.storage.library import Library
from desktop.core.storage.reading_state import ReadingStates

FILLER = "The committee met on Tuesday to discuss the budget and the harbour works."


def add(library: Library, title: str, body: str) -> int:
    return import_source(library, text_source(f"{title}\n\n{body}", name=title)).article.id


@pytest.fixture
def crowded(library: Library, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Twelve articles saying "drought" in their text; the OLDEST say it in a title,
    a highlight and a note, so only the telling-field candidates can find them."""
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    titled = add(library, "Drought in the valley", FILLER)
    highlighted = add(library, "Harbour log", FILLER + " The long drought ended in May.")
    text = library.article(highlighted).text
    start = text.index("The long drought")
    AnnotationStore(library).create(highlighted, start, start + len("The long drought"))
    noted = add(library, "Council minutes", FILLER + " Wells ran low in the drought.")
    library.save_note(noted, "Compare with the 1976 drought.")
    plain = [add(library, f"Report {n}", f"{FILLER} A drought was mentioned ({n}).")
             for n in range(9)]
    return {"titled": titled, "highlighted": highlighted, "noted": noted, "plain": plain}


def test_title_highlight_and_note_matches_come_first_even_when_old(
        library: Library, crowded: dict[str, object]) -> None:
    hits = search(library.conn, "drought", limit=5)
    assert [(h.id, h.field) for h in hits[:3]] == [
        (crowded["titled"], "title"), (crowded["highlighted"], "highlight"),
        (crowded["noted"], "note")]
    assert all(h.field == "text" for h in hits[3:])


def test_every_match_is_still_listed_ranked_ones_first_then_newest(
        library: Library, crowded: dict[str, object]) -> None:
    plain = crowded["plain"]
    assert isinstance(plain, list)
    ids = article_ids(library.conn, ListQuery(view="all", search="drought"))
    assert sorted(ids) == sorted([crowded["titled"], crowded["highlighted"],
                                  crowded["noted"], *plain])
    assert len(set(ids)) == len(ids)
    ranked = {h.id for h in search(library.conn, "drought", limit=100)}
    assert ranked == set(ids)  # search pages on past the ranked ones too
    unranked = ids[6:]  # 3 telling + the 3 newest were ranked; the rest newest first
    assert unranked == sorted(unranked, reverse=True)


def test_paging_past_the_ranked_candidates_gives_each_match_once(
        library: Library, crowded: dict[str, object]) -> None:
    pages = [h.id for offset in range(0, 12, 4)
             for h in search(library.conn, "drought", limit=4, offset=offset)]
    assert sorted(pages) == sorted(article_ids(library.conn,
                                               ListQuery(view="all", search="drought")))
    assert len(set(pages)) == 12


def test_fields_and_exclusions_with_bounded_candidates(
        library: Library, crowded: dict[str, object]) -> None:
    assert [h.id for h in search(library.conn, "title:drought")] == [crowded["titled"]]
    assert [h.id for h in search(library.conn, "note:drought")] == [crowded["noted"]]
    assert [h.id for h in search(library.conn, "highlight:drought")] == [crowded["highlighted"]]
    found = {h.id for h in search(library.conn, "drought -title:valley -report", limit=50)}
    assert found == {crowded["highlighted"], crowded["noted"]}


def test_filters_choose_the_candidates_too(library: Library,
                                           crowded: dict[str, object]) -> None:
    """An archived title match leaves the Inbox's ranking; the Inbox still lists all others."""
    ReadingStates(library).set_archived([int(crowded["titled"])], True)  # type: ignore[call-overload]
    inbox = article_ids(library.conn, ListQuery(view="inbox", search="drought"))
    assert crowded["titled"] not in inbox and len(inbox) == 11
    assert inbox[0] == crowded["highlighted"]
    assert article_ids(library.conn, ListQuery(view="archive", search="drought")) == [
        crowded["titled"]]


def test_a_newer_question_stops_the_one_being_answered(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list's reader interrupts a slow answer as soon as the user types on."""
    reader = ListReader(library.path)
    started = threading.Event()

    def slow(conn, _query):  # type: ignore[no-untyped-def]
        started.set()
        # Counts for ever unless interrupted (no timing involved).
        conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                     " SELECT count(*) FROM n").fetchall()
        return [1]

    monkeypatch.setattr("desktop.core.search.reader.article_ids", slow)
    answers: list[object] = []
    first = reader.ask()
    worker = threading.Thread(target=lambda: answers.append(
        reader.ids(ListQuery(view="all"), first)))
    worker.start()
    assert started.wait(30)
    reader.ask()
    worker.join(60)
    assert not worker.is_alive() and answers == [None]
    reader.close()
