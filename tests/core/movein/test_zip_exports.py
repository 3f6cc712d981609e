"""ZIP exports (Pocket 2025, Omnivore, Matter) are read from their parts; a damaged
ZIP or a zip bomb is refused with one clear message before anything is inflated."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from movein_exports import pocket_zip, zipped

from desktop.core.errors import ImportProblem
from desktop.core.importing.exports import read_export
from desktop.core.importing.exports.omnivore import highlights_markdown


def test_pocket_2025_zip_joins_highlights_to_their_links_in_order() -> None:
    data = pocket_zip(
        [("Ice", "https://example.org/ice", 1700000000, "winter|science", "unread"),
         ("Road", "https://example.org/road", 1700000100, "", "archive")],
        [{"url": "https://example.org/ice", "title": "Ice",
          "highlights": [{"quote": "first quote", "created_at": 1700000500},
                         {"quote": "second quote", "created_at": 1700000600}]},
         {"url": "https://example.org/only-annotated", "title": "Elsewhere",
          "highlights": [{"quote": "a lone quote", "created_at": 1700000700}]}])
    bundle = read_export(data, "pocket-export.csv")
    assert bundle is not None and bundle.app == "Pocket"
    ice, road, lone = bundle.items
    assert [h.quote for h in ice.highlights] == ["first quote", "second quote"]
    assert ice.highlights[0].created_at == "2023-11-14T22:21:40+00:00"
    assert ice.tags == ("winter", "science") and road.archived
    assert (lone.title, lone.url) == ("Elsewhere", "https://example.org/only-annotated")


def test_pocket_zip_with_several_parts_and_a_damaged_annotation_part() -> None:
    data = zipped({
        "export/part_000000.csv": "title,url,time_added,tags,status\nA,https://e.org/a,1,,unread\n",
        "export/part_000001.csv": "title,url,time_added,tags,status\nB,https://e.org/b,2,,unread\n",
        "export/annotations/part_000000.json": "[{not json",
    })
    bundle = read_export(data)
    assert bundle is not None
    assert [i.url for i in bundle.items] == ["https://e.org/a", "https://e.org/b"]
    assert bundle.problems[0].entry == "export/annotations/part_000000.json"


def test_omnivore_zip_content_highlights_and_metadata() -> None:
    metadata = [
        {"id": "1", "slug": "frozen-river", "title": "The frozen river", "author": "Ana Ruiz",
         "url": "https://example.org/frozen-river", "state": "Archived",
         "readingProgress": 40, "labels": ["rivers", {"name": "winter"}],
         "savedAt": "2024-01-02T03:04:05.000Z", "description": "About ice"},
        {"id": "2", "slug": "no-content", "title": "Only metadata",
         "url": "https://example.org/elsewhere", "state": "Succeeded", "labels": [],
         "savedAt": "2024-01-03T03:04:05.000Z"},
    ]
    marks = ("> the town walked across it [⤴️](https://omnivore.app/me/frozen-river#a1)\n"
             "the whole town\n\n"
             "> a quote on two lines\n> second line\n")
    data = zipped({"metadata_0_to_2.json": json.dumps(metadata),
                   "content/frozen-river.html": "<html><body><p>Text</p></body></html>",
                   "highlights/frozen-river.md": marks})
    bundle = read_export(data, "omnivore.zip")
    assert bundle is not None and bundle.app == "Omnivore"
    river, other = bundle.items
    assert river.content_kind == "html" and river.archived
    assert river.progress == pytest.approx(0.4) and river.tags == ("rivers", "winter")
    assert [(h.quote, h.note) for h in river.highlights] == [
        ("the town walked across it", "the whole town"),
        ("a quote on two lines\nsecond line", "")]
    assert other.content == "" and other.description == ""


def test_omnivore_highlight_markdown_separates_quotes_by_blank_lines() -> None:
    found = highlights_markdown("> one\n\n> two\nnote of two\nmore note\n\n> three")
    assert [(h.quote, h.note) for h in found] == [
        ("one", ""), ("two", "note of two\nmore note"), ("three", "")]


def test_matter_zip_with_history_and_highlights() -> None:
    data = zipped({
        "_matter_history.csv": "Title,Author,Publisher,URL,Tags,Word Count,In Queue,Favorited,"
                               "Read,Highlight Count,Last Interaction Date,File Id\n"
                               "A,,P,https://e.org/a,,10,True,False,False,1,2023-01-01,f\n",
        "_matter_highlights.csv": "Title,URL,Text,Note,Created At\nA,https://e.org/a,a quote,"
                                  "a note,2023-01-02\n",
    })
    bundle = read_export(data)
    assert bundle is not None and bundle.app == "Matter"
    (item,) = bundle.items
    assert [(h.quote, h.note) for h in item.highlights] == [("a quote", "a note")]


def test_a_damaged_zip_is_refused_clearly() -> None:
    data = pocket_zip([("A", "https://e.org/a", 1, "", "unread")], [])
    with pytest.raises(ImportProblem, match="damaged"):
        read_export(data[: len(data) // 2])


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("part_000000.csv", b"title,url\n" + b"a" * (50 * 1024 * 1024))
    with pytest.raises(ImportProblem, match="zip bomb"):
        read_export(buffer.getvalue())


def test_a_member_larger_than_its_header_says_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("part_000000.csv", b"title,url,time_added,tags,status\n" + b"x" * 100)
    data = bytearray(buffer.getvalue())
    # The central directory's uncompressed size says 10 bytes: it lies.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ImportProblem):
        read_export(bytes(data))


def test_an_unknown_zip_is_no_export() -> None:
    assert read_export(zipped({"notes.txt": "hello"})) is None
