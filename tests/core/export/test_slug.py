"""File names safe on Windows, macOS and Linux, and stable for an article."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.export.slug import MAX_NAME_BYTES, article_file_name, safe_stem, slugify

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


@pytest.mark.parametrize(("title", "name"), [
    ("On Reading: A Guide?", "on-reading-a-guide-7.md"),
    ("  Trailing dots... ", "trailing-dots-7.md"),
    ("a/b\\c|d*e", "a-b-c-d-e-7.md"),
    ("Ünïcödé Straße", "ünïcödé-strasse-7.md"),
    ("مرحبا بالعالم", "مرحبا-بالعالم-7.md"),
    ("📚📚", "📚📚-7.md"),
    ("", "untitled-7.md"),
    ("???", "untitled-7.md"),
])
def test_names(title: str, name: str) -> None:
    assert article_file_name(title, 7) == name


def test_reserved_windows_names_and_trailing_dots_are_fixed() -> None:
    assert safe_stem("CON") == "CON-"
    assert safe_stem("lpt1.md") == "lpt1.md-"
    assert safe_stem("notes. ") == "notes"
    assert safe_stem("") == "untitled"


def test_decomposed_and_composed_titles_give_the_same_name() -> None:
    composed = "Café"
    decomposed = unicodedata.normalize("NFD", composed)
    assert article_file_name(composed, 1) == article_file_name(decomposed, 1)


@given(st.text(), st.integers(1, 10**9))
def test_any_title_gives_a_safe_short_name(title: str, article_id: int) -> None:
    name = article_file_name(title, article_id)
    assert name.endswith(f"-{article_id}.md")
    assert not set(name) & WINDOWS_FORBIDDEN
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 3
    assert name == unicodedata.normalize("NFC", name)
    stem = name[:-3]
    assert stem == stem.rstrip(". ") and not stem.startswith(("-", "."))


def test_slug_keeps_words_readable() -> None:
    assert slugify("The State of the Art (2024 edition)") == "the-state-of-the-art-2024-edition"
