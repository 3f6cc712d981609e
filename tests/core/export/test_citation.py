"""Citations Zotero and pandoc read: BibTeX that parses, CSL-JSON with the right fields."""

from __future__ import annotations

import json
from typing import Any

from export_fixtures import add_article

from desktop.core.export.citation import bibtex, citekey, csl_item, csl_json, split_authors


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_citekey_is_author_year_titleword_in_ascii(library: Any) -> None:
    record = library.article(add_article(library, title="The Ünusual Case of Reading",
                                         author="José Martínez", published="2023-05-01"))
    assert citekey(record) == "martinez2023Unusual"
    anonymous = library.article(add_article(library, title="2024: a year", author="",
                                            site="", published="", paragraphs=["x"], url=""))
    key = citekey(anonymous)
    assert key.isascii() and key.isalnum() and key[0].isalpha()


def test_bibtex_escapes_latex_and_keeps_braces_balanced(library: Any) -> None:
    record = library.article(add_article(
        library, title="50% of {braces} & $money_made #1 ~ ^ \\ in C++",
        author="Smith, Jane and John Doe", site="A & B News"))
    entry = bibtex(record)
    assert entry.startswith(f"@online{{{citekey(record)},\n")
    assert _balanced(entry)
    assert r"50\% of \{braces\} \& \$money\_made \#1 \~{} \^{} \textbackslash{}" in entry
    assert "author = {Smith, Jane and Doe, John}" in entry
    assert "url = {https://example.org/reading?id=1}" in entry
    assert "date = {2024-03-05}" in entry


def test_csl_json_types_and_fields(library: Any) -> None:
    news = library.article(add_article(library))  # site "The Reading Times"
    blog = library.article(add_article(library, title="A blog post", site="Jane's blog",
                                       paragraphs=["Other."], url="https://blog.example/p"))
    item = csl_item(news)
    assert item["type"] == "article-newspaper" and csl_item(blog)["type"] == "webpage"
    assert item["author"] == [{"family": "Smith", "given": "Jane"}]
    assert item["issued"] == {"date-parts": [[2024, 3, 5]]}
    assert item["container-title"] == "The Reading Times"
    assert item["URL"] == news.url and item["id"] == citekey(news)
    parsed = json.loads(csl_json([news, blog]))
    assert [p["title"] for p in parsed] == [news.title, blog.title]


def test_organisations_are_not_split_into_names(library: Any) -> None:
    record = library.article(add_article(library, author="Lectern Editors"))
    assert "author = {{Lectern Editors}}" in bibtex(record)
    assert csl_item(record)["author"] == [{"literal": "Lectern Editors"}]
    assert citekey(record).startswith("lecterneditors2024")


def test_author_lists() -> None:
    assert split_authors("Jane Smith, John Doe") == ["Jane Smith", "John Doe"]
    assert split_authors("Smith, Jane") == ["Smith, Jane"]
    assert split_authors("A. One; B. Two & C. Three") == ["A. One", "B. Two", "C. Three"]
