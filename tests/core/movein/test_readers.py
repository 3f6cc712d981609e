"""Each app's export is recognised by its content and read with everything it
carries: titles, addresses, dates, tags in the app's separator, folders and
states, highlights with notes, colours, tags and locations, in order."""

from __future__ import annotations

import pytest
from movein_exports import fixture

from desktop.core.importing.exports import Bundle, read_export


def read(name: str, data: bytes | None = None) -> Bundle:
    bundle = read_export(fixture(name) if data is None else data, name)
    assert bundle is not None, f"{name} was not recognised"
    return bundle


@pytest.mark.parametrize(("name", "app"), [
    ("pocket.csv", "Pocket"), ("ril_export.html", "Pocket"),
    ("instapaper4.csv", "Instapaper"), ("instapaper5.csv", "Instapaper"),
    ("instapaper6.csv", "Instapaper"), ("instapaper.html", "Instapaper"),
    ("readwise.csv", "Readwise"), ("readwise_no_doc_tags.csv", "Readwise"),
    ("reader.csv", "Readwise Reader"), ("wallabag.json", "wallabag"),
    ("My Clippings.txt", "Kindle"), ("bookmarks.html", "Bookmarks"),
    ("hypothesis.json", "Hypothesis"), ("matter_history.csv", "Matter"),
])
def test_each_export_is_recognised_by_its_content_not_its_name(name: str, app: str) -> None:
    assert read("renamed.dat", fixture(name)).app == app


def test_an_article_is_no_export() -> None:
    assert read_export(b"<html><body><p>Just an article.</p></body></html>") is None
    assert read_export(b"Plain text, with a comma, is not a CSV export.\n") is None


def test_pocket_csv_pipes_tags_states_dates_and_quoted_newlines() -> None:
    bundle = read("pocket.csv")
    first, second, third = bundle.items
    assert first.tags == ("winter", "science") and not first.archived
    assert first.saved_at == "2023-11-14T22:13:20+00:00"
    assert second.archived and second.tags == ()
    assert third.title == 'A title with "quotes"\nand a line break'
    assert [str(p) for p in bundle.problems] == ["row 4: no URL; skipped"]


def test_pocket_html_sections_are_states_and_tags_are_commas() -> None:
    items = read("ril_export.html").items
    assert [(i.title, i.archived) for i in items] == [
        ("Old bridges & new", False), ("No tags here", False), ("Read long ago", True)]
    assert items[0].tags == ("engineering", "history")


def test_instapaper_folders_become_states_or_tags_and_tags_are_a_json_list() -> None:
    items = read("instapaper6.csv").items
    assert items[0].tags == ("coast", "history")
    assert items[0].description == "The keeper wrote:\nevery night, the same light."
    assert items[1].archived and items[2].favourite
    assert items[3].tags == ("Research/Maps",)
    assert read("instapaper4.csv").items[1].archived
    assert read("instapaper5.csv").items[0].saved_at.startswith("2020-09-13")
    html = read("instapaper.html").items
    assert [(i.archived, i.favourite, i.tags) for i in html] == [
        (False, False, ()), (True, False, ()), (False, True, ()), (False, False, ("Cooking",))]


def test_readwise_books_with_locations_colours_and_inline_tags() -> None:
    book, workshop = read("readwise.csv").items
    assert book.book and book.title == "The Harbour Book" and book.author == "Mira Lind"
    assert book.tags == ("fiction", "sea")
    first, second, third = book.highlights
    assert (first.note, first.location, first.color) == ("A good opening", "location 120",
                                                          "yellow")
    assert (second.note, second.tags, second.color) == ("", ("memory", "village"), "blue")
    assert third.quote == "A second line,\nwith a break inside the cell."
    assert third.location == "page 31" and third.color == "yellow"  # orange: nearest
    assert workshop.highlights[0].tags == ("craft", "advice")
    assert workshop.highlights[0].location == ""  # "order" is Readwise's, not a place
    assert read("readwise_no_doc_tags.csv").items[0].highlights[0].color == "green"


def test_readwise_reader_states_progress_and_python_style_tag_lists() -> None:
    bundle = read("reader.csv")
    first, archived, short = bundle.items
    assert first.tags == ("maps", "history") and first.progress == pytest.approx(0.45)
    assert archived.archived and archived.progress == 1.0
    assert short.favourite
    assert bundle.skipped == {"feed items (never saved to the library)": 1}


def test_wallabag_carries_text_states_tags_and_annotations() -> None:
    river, link = read("wallabag.json").items
    assert river.content.startswith("<h1>") and river.content_kind == "html"
    assert river.archived and not river.favourite and river.tags == ("rivers", "winter")
    assert river.author == "Ana Ruiz"
    assert river.saved_at == "2020-01-15T09:00:00+00:00"
    assert (river.highlights[0].quote, river.highlights[0].note) == (
        "the town walked across it to the market", "the whole town")
    assert link.favourite and link.tags == ("bells",) and not link.content_kind


def test_kindle_every_language_firmware_bom_crlf_notes_and_bookmarks() -> None:
    bundle = read("My Clippings.txt")
    books = {item.title: item for item in bundle.items}
    harbour = books["The Harbour Book"]
    assert harbour.author == "Mira Lind" and harbour.book
    assert [(h.quote, h.note, h.location) for h in harbour.highlights] == [
        ("The sea was calm that morning.", "Compare with chapter one.",
         "page 12 · location 180-182"),
        ("Nobody remembered the storm of the old year.", "", "page 14 · location 200-205"),
    ]  # the extended highlight replaced its shorter first version
    assert harbour.highlights[0].created_at == "2019-03-03T14:22:10+00:00"
    old = books["Old Device Stories"]
    assert old.highlights[0].location == "location 1402-1405"  # "Loc. 1402-05"
    assert old.highlights[0].created_at == "2011-03-15T22:00:00+00:00"
    assert old.description == "- location 1999: A loose thought."
    german = books["Das Flussbuch"]
    assert german.highlights[0].note == "Schön gesagt."
    assert german.highlights[1].location == "page 7 · location 95-96"
    assert german.highlights[0].created_at == "2019-03-03T14:22:10+00:00"
    assert books["Le Livre du Port"].highlights[0].location == "page 5 · location 70-71"
    assert books["El libro del puerto"].highlights[0].created_at.startswith("2019-03-03")
    assert books["A Study (Revised Edition)"].author == "Kim Park"
    assert bundle.skipped["bookmarks (no text)"] == 2
    assert not bundle.problems


def test_bookmarks_folders_tags_descriptions_and_root_folders() -> None:
    bundle = read("bookmarks.html")
    items = {i.title: i for i in bundle.items}
    assert items["On the toolbar"].tags == ()  # the browser's own folder is no tag
    portolan = items["Portolan charts"]
    assert portolan.tags == ("Research/Maps & Charts", "maps", "medieval")
    assert portolan.description == "Sea charts drawn from compass bearings,\nspanning two lines."
    assert items["Using an archive"].archived  # Pinboard: TOREAD="0"
    assert items["To read later"].tags == ("later", "long read")
    assert items["To read later"].description == "Pinboard-style description"
    assert bundle.skipped == {"bookmarklets and browser pages": 1}


def test_hypothesis_quotes_page_notes_and_replies() -> None:
    (page,) = read("hypothesis.json").items
    assert page.title == "Lighthouses of the north"
    (mark,) = page.highlights
    assert (mark.quote, mark.note, mark.tags) == ("every night, the same light", "Worth citing",
                                                  ("coast", "light"))
    assert "A page note about the whole article" in page.description
    assert "Reply by friend@hypothes.is: I agree" in page.description


def test_matter_queue_read_and_favourites() -> None:
    queued, finished = read("matter_history.csv").items
    assert not queued.archived and queued.tags == ("essays", "long")
    assert finished.archived and finished.favourite


def test_columns_in_any_order_and_case_extra_columns_and_iso_dates() -> None:
    data = (b"STATUS,Extra,Tags,URL,Title,Time_Added\n"
            b"archive,x,a|b,https://example.org/a,A,2024-01-02T03:04:05Z\n")
    (item,) = read("x", data).items
    assert (item.title, item.archived, item.tags) == ("A", True, ("a", "b"))
    assert item.saved_at == "2024-01-02T03:04:05+00:00"


def test_a_malformed_row_is_reported_and_the_rest_imported() -> None:
    data = (b"title,url,time_added,tags,status\n"
            b"ok,https://example.org/1,1700000000,,unread\n"
            b"too,many,columns,here,and,more,than,ever\n"
            b"fine,https://example.org/2,not a date,,unread\n")
    bundle = read("x", data)
    assert [i.url for i in bundle.items] == ["https://example.org/1", "https://example.org/2"]
    assert bundle.items[1].saved_at == ""
    assert [p.entry for p in bundle.problems] == ["row 2"]


def test_pocket_api_json_items_states_tags_and_annotations() -> None:
    import json

    listed = {"status": 1, "list": {
        "22": {"item_id": "22", "given_url": "https://example.org/b", "given_title": "B",
               "status": "1", "favorite": "1", "time_added": "1464715504", "sort_id": 1,
               "tags": {"quantum": {"item_id": "22", "tag": "quantum"}},
               "annotations": [{"quote": "a passage", "created_at": "2020-10-05 20:40:23"}]},
        "11": {"item_id": "11", "given_url": "https://example.org/a", "given_title": "A",
               "status": "0", "favorite": "0", "time_added": "1464715500", "sort_id": 0},
        "33": {"item_id": "33", "given_url": "https://example.org/gone", "status": "2",
               "sort_id": 2},
    }}
    bundle = read("pocket.json", json.dumps(listed).encode())
    assert bundle.app == "Pocket"
    first, second = bundle.items
    assert (first.url, first.archived, first.favourite) == ("https://example.org/a", False, False)
    assert second.archived and second.favourite and second.tags == ("quantum",)
    assert second.highlights[0].created_at == "2020-10-05T20:40:23+00:00"
    assert bundle.skipped == {"deleted items": 1}


def test_browser_root_folders_without_marks_are_no_tags() -> None:
    data = b"""<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p>
<DT><H3>Other bookmarks</H3>
<DL><p>
<DT><H3>Recipes</H3>
<DL><p><DT><A HREF="https://example.org/bread" TAGS="baking">Bread</A></DL><p>
<DT><A HREF="https://example.org/loose">Loose</A>
</DL><p>
</DL><p>"""
    items = read("bookmarks.html", data).items
    assert [(i.title, i.tags) for i in items] == [("Bread", ("Recipes", "baking")),
                                                  ("Loose", ())]
