"""The one registry of kinds: every way in (CLI, dialogs, drops, update) reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import ImportProblem
from desktop.core.importing import read_source
from desktop.core.importing.kinds import READERS, is_article_file, kind_for, reader, suffixes

PAGE = b"<!DOCTYPE html><html><head><title>Tides</title></head><body><p>x</p></body></html>"


@pytest.mark.parametrize(("name", "kind"), [
    ("page.html", "html"), ("page.HTM", "html"), ("page.xhtml", "html"),
    ("notes.md", "markdown"), ("notes.markdown", "markdown"), ("copied.txt", "text"),
])
def test_the_suffix_names_the_kind(name: str, kind: str) -> None:
    assert kind_for(Path(name), b"Some text") == kind


def test_a_page_saved_under_another_name_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.dat"
    path.write_bytes(b"  \n" + PAGE)
    assert read_source(path).kind == "html"
    assert kind_for(Path("README"), b"<html lang=en><body>hi</body></html>") == "html"


def test_anything_unclaimed_is_text() -> None:
    assert kind_for(Path("letter"), b"Dear reader, # not a heading") == "text"


def test_kinds_and_suffixes_are_unique() -> None:
    kinds = [r.kind for r in READERS]
    assert len(kinds) == len(set(kinds))
    assert len(suffixes()) == len(set(suffixes()))
    assert all(s.startswith(".") and s == s.lower() for s in suffixes())


def test_dropped_and_listed_files_are_judged_by_the_registry() -> None:
    assert is_article_file(Path("a.XHTML")) and is_article_file(Path("b.mkd"))
    assert not is_article_file(Path("photo.png"))


def test_an_unknown_kind_is_one_clear_error() -> None:
    with pytest.raises(ImportProblem, match="cannot read sources of kind 'pdf'"):
        reader("pdf")
