"""The library list at size: a lazy model that passes Qt's model tests, and a search box
whose answers arrive off the GUI thread, newest first, stale ones dropped."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from desktop.core.search.listing import ListQuery, article_ids
from desktop.core.search.saved import save_search
from desktop.core.storage.library import Library
from desktop.core.storage.reading_state import ReadingStates
from desktop.ui.features.search.delegate import ROW_ROLE
from desktop.ui.features.search.model import CACHED_PAGES, PAGE, LibraryModel
from desktop.ui.features.search.panel import LibraryPanel

SIZE = 2_500


def fill(library: Library, size: int = SIZE) -> None:
    """``size`` short articles written straight to the tables (an import each is slow)."""
    rows = []
    for n in range(1, size + 1):
        word = "harbour" if n % 10 == 0 else "meadow"
        text = f"Article {n:05d}\n\nA note about the {word} number {n}."
        rows.append((n, f"Article {n:05d}", f"site{n % 7}.org", f"hash-{n}",
                     f"2026-01-01T00:00:00+00:00{n:06d}", "",
                     json.dumps([["headline", 13], ["paragraph", len(text) - 15]]), text))
    with library.transaction() as conn:
        conn.executemany(
            "INSERT INTO articles (id, title, site, content_hash, source_kind, saved_at,"
            " updated_at, published, blocks_json, text) VALUES (?,?,?,?,'text',?,?,'',?,?)",
            [(i, t, s, h, sa, sa, b, x) for i, t, s, h, sa, _p, b, x in rows])


def test_the_lazy_model_passes_qts_model_tester(qtmodeltester, library: Library) -> None:  # type: ignore[no-untyped-def]
    fill(library, 300)
    model = LibraryModel(library)
    model.set_ids(article_ids(library.conn, ListQuery(view="all")))
    qtmodeltester.check(model, force_py=True)
    model.set_ids(article_ids(library.conn, ListQuery(view="all", search="harbour")))
    qtmodeltester.check(model, force_py=True)


def test_rows_are_read_a_page_at_a_time_and_the_cache_is_bounded(library: Library) -> None:
    fill(library)
    model = LibraryModel(library)
    model.set_ids(article_ids(library.conn, ListQuery(view="all", sort="title")))
    assert model.rowCount() == SIZE
    assert model.index(0, 0).data() == "Article 00001"
    assert model.index(SIZE - 1, 0).data() == f"Article {SIZE:05d}"
    assert len(model._pages) == 2  # only the pages asked for were read
    for row in range(0, SIZE, PAGE):
        model.index(row, 0).data()
    assert len(model._pages) <= CACHED_PAGES
    assert model.row_of(1234) == 1233


def test_a_deleted_article_shows_nothing_rather_than_failing(library: Library) -> None:
    fill(library, 10)
    model = LibraryModel(library)
    model.set_ids(article_ids(library.conn, ListQuery(view="all", sort="title")))
    library.delete_article(3)
    model.refresh_rows()
    assert model.index(2, 0).data() is None and model.index(3, 0).data() == "Article 00004"


def test_typing_shows_the_answer_to_the_last_key(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    fill(library)
    panel = LibraryPanel(library)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == SIZE
    answers = []
    panel.listed.connect(lambda: answers.append(panel.model.rowCount()))
    for prefix in ("h", "ha", "har", "harb", "harbo"):  # faster than the typing pause
        panel.search.setText(prefix)
    qtbot.waitUntil(lambda: panel.model.rowCount() == SIZE // 10, timeout=5000)
    qtbot.wait(200)
    assert answers == [SIZE // 10]  # one question for the burst, its answer shown once
    assert "250 articles" in panel.count_label.text()


def test_a_stale_answer_is_dropped(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    fill(library, 50)
    panel = LibraryPanel(library)
    qtbot.addWidget(panel)
    reader = panel._reader
    stale = reader.ask()
    assert reader.ids(ListQuery(view="all"), stale) is not None
    reader.ask()
    assert reader.ids(ListQuery(view="all"), stale) is None  # a newer question was asked
    panel._show(stale, [1])
    assert panel.model.rowCount() == 50


def test_a_malformed_query_says_why_and_keeps_the_list(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    fill(library, 20)
    panel = LibraryPanel(library)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.search.setText('"harbour')
    assert "quotation mark is not closed" in panel.count_label.text()
    assert panel.model.rowCount() == 20


def test_views_filters_and_saved_searches_with_counts(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    fill(library, 40)
    ReadingStates(library).set_archived(list(range(1, 11)), True)
    ReadingStates(library).set_favourite([20], True)
    save_search(library, "Harbours", ListQuery(view="all", search="harbour"))
    panel = LibraryPanel(library)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 30  # the inbox
    def labels() -> list[str]:
        return [panel.views.item(r).text() for r in range(panel.views.count())]

    qtbot.waitUntil(lambda: "(" in labels()[-1], timeout=5000)
    assert labels() == ["Inbox  (30)", "Favourites  (1)", "Archive  (10)", "All articles  (40)",
                        "⌕ Harbours  (4)"]
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.choose_view("archive")
    assert panel.model.rowCount() == 10
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.views.setCurrentRow(4)
    assert sorted(panel.model.ids) == [10, 20, 30, 40]
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.filters.set(site="site2.org")
    assert panel.model.ids == [30]
    assert "site: site2.org" in panel.count_label.text()
    assert panel.filters.text() == "Filter (1)"
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.filters.clear()
    favourite = panel.model.index(panel.model.row_of(20), 0).data(ROW_ROLE)
    assert favourite.favourite


@pytest.mark.parametrize("sort", ["title", "length", "published"])
def test_sorting_keeps_the_current_article_selected(qtbot, library: Library, sort: str) -> None:  # type: ignore[no-untyped-def]
    fill(library, 30)
    panel = LibraryPanel(library)
    qtbot.addWidget(panel)
    panel.select(7, emit=False)
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.sort_choice.setCurrentIndex(panel.sort_choice.findData(sort))
    assert panel.current_id() == 7
    assert panel.table.currentIndex().data(Qt.ItemDataRole.UserRole) == 7


def test_saving_a_search_puts_it_in_the_sidebar(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    fill(library, 40)
    panel = LibraryPanel(library)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.search.setText("harbour")
    panel.save_current_search("Harbours")
    assert panel.views.currentItem().text().startswith("⌕ Harbours")
    assert panel.search.text() == ""
    qtbot.waitUntil(lambda: sorted(panel.model.ids) == [10, 20, 30, 40], timeout=5000)
    qtbot.waitUntil(lambda: panel.views.currentItem().text() == "⌕ Harbours  (4)", timeout=5000)
    panel.remove_saved_search("Harbours")
    assert [panel.views.item(r).text().split("  (")[0] for r in range(panel.views.count())] == [
        "Inbox", "Favourites", "Archive", "All articles"]
