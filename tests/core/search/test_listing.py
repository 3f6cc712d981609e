"""Which articles the library list shows: views, filters, sorts, with search."""

from __future__ import annotations

import pytest

from desktop.core.annotations.store import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.search.listing import ListQuery, article_ids, count, list_rows
from desktop.core.search.saved import remove_search, save_search, saved_searches
from desktop.core.storage.library import Library
from desktop.core.storage.reading_state import ReadingStates


def add(library: Library, title: str, body: str, *, site: str = "", saved: str = "",
        published: str = "") -> int:
    article_id = import_source(library, text_source(f"{title}\n\n{body}", name=title)).article.id
    library.conn.execute("UPDATE articles SET site = ?, saved_at = ?, published = ?"
                         " WHERE id = ?", (site, saved, published, article_id))
    return article_id


@pytest.fixture
def shelf(library: Library) -> dict[str, int]:
    ids = {
        "alpha": add(library, "Alpha rivers", "Rivers and floods " * 50, site="a.org",
                     saved="2026-01-05T10:00:00+00:00", published="2025-12-01"),
        "beta": add(library, "beta drought", "Drought in the plains " * 10, site="b.org",
                    saved="2026-02-05T10:00:00+00:00", published="2026-02-01"),
        "gamma": add(library, "Gamma floods", "Floods again " * 200, site="a.org",
                     saved="2026-03-05T10:00:00+00:00", published=""),
    }
    states = ReadingStates(library)
    states.set_archived([ids["alpha"]], True)
    states.set_favourite([ids["beta"]], True)
    states.set_tags(ids["gamma"], ["climate"])
    return ids


def names(library: Library, shelf: dict[str, int], **query: object) -> list[str]:
    by_id = {v: k for k, v in shelf.items()}
    return [by_id[i] for i in article_ids(library.conn, ListQuery(**query))]  # type: ignore[arg-type]


def test_views_inbox_archive_favourites_all(library: Library, shelf: dict[str, int]) -> None:
    assert names(library, shelf) == ["gamma", "beta"]  # inbox, most recently saved first
    assert names(library, shelf, view="archive") == ["alpha"]
    assert names(library, shelf, view="favourites") == ["beta"]
    assert names(library, shelf, view="all") == ["gamma", "beta", "alpha"]


def test_sorts(library: Library, shelf: dict[str, int]) -> None:
    assert names(library, shelf, view="all", sort="title") == ["alpha", "beta", "gamma"]
    assert names(library, shelf, view="all", sort="title", descending=True) == [
        "gamma", "beta", "alpha"]
    assert names(library, shelf, view="all", sort="length") == ["gamma", "alpha", "beta"]
    assert names(library, shelf, view="all", sort="published") == ["beta", "alpha", "gamma"]


def test_filters(library: Library, shelf: dict[str, int]) -> None:
    assert names(library, shelf, view="all", site="A.ORG") == ["gamma", "alpha"]
    assert names(library, shelf, view="all", tag="Climate") == ["gamma"]
    assert names(library, shelf, view="all", saved_from="2026-02-01",
                 saved_to="2026-02-28") == ["beta"]
    assert names(library, shelf, view="all", saved_to="2026-01-05") == ["alpha"]
    assert names(library, shelf, view="all", published_from="2026-01-01") == ["beta"]
    assert names(library, shelf, view="all", has_notes=True) == []
    AnnotationStore(library).create(shelf["alpha"], 0, 5, color="green", note="why?")
    library.save_note(shelf["beta"], "see also")
    assert names(library, shelf, view="all", has_notes=True) == ["beta", "alpha"]
    assert names(library, shelf, view="all", color="green") == ["alpha"]
    library.conn.execute("INSERT INTO entity_mentions (article_id, start_offset, end_offset,"
                         " entity_key, label) VALUES (?, 0, 5, 'Nile', 'LOC')",
                         (shelf["gamma"],))
    assert names(library, shelf, view="all", entity=" Nile ") == ["gamma"]


def test_feed_filter_reads_where_links_came_from(library: Library,
                                                 shelf: dict[str, int]) -> None:
    library.conn.execute(
        "INSERT INTO waiting_links (url, origin, saved_at, status, article_id)"
        " VALUES ('https://b.org/1', 'feed:3', '2026-02-05', 'done', ?)", (shelf["beta"],))
    assert names(library, shelf, view="all", feed=3) == ["beta"]
    assert names(library, shelf, view="all", feed=4) == []


def test_search_ranks_unless_a_sort_is_chosen(library: Library, shelf: dict[str, int]) -> None:
    assert names(library, shelf, view="all", search="floods") == ["gamma", "alpha"]
    assert names(library, shelf, view="all", search="floods", sort="title") == [
        "alpha", "gamma"]
    assert names(library, shelf, search="floods") == ["gamma"]  # the inbox only
    assert names(library, shelf, view="all", search="floo", typing=True) == ["gamma", "alpha"]
    assert count(library.conn, ListQuery(view="all", search="floods")) == 2


def test_rows_carry_state(library: Library, shelf: dict[str, int]) -> None:
    ReadingStates(library).set_progress(shelf["beta"], 0.4, "2026-03-01T00:00:00+00:00")
    rows = list_rows(library.conn, [shelf["beta"], 999])
    assert list(rows) == [shelf["beta"]]
    row = rows[shelf["beta"]]
    assert (row.title, row.favourite, row.archived, row.progress) == (
        "beta drought", True, False, 0.4)


def test_saved_searches_round_trip(library: Library) -> None:
    save_search(library, "  Drought   reading ", ListQuery(search="drought", tag="climate"))
    save_search(library, "Archive floods", ListQuery(view="archive", search="floods"))
    save_search(library, "Drought reading", ListQuery(search="drought -sports"))
    found = saved_searches(library)
    assert [s.name for s in found] == ["Archive floods", "Drought reading"]
    assert found[1].query == ListQuery(search="drought -sports")
    assert [s.name for s in remove_search(library, "Archive floods")] == ["Drought reading"]
    library.set_setting("library.saved_searches", "not json")
    assert saved_searches(library) == []
