"""Any text escaped for Markdown reads back exactly, and plain prose stays readable."""

from __future__ import annotations

import pytest
import yaml
from export_fixtures import hard_text
from export_readback import inline_text
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from desktop.core.export.front_matter import front_matter, yaml_string
from desktop.core.export.markdown_escape import (
    escape_line,
    escape_text,
    hashtag,
    quote_block,
    url_destination,
)

PARSER = MarkdownIt("commonmark")

def read_paragraphs(markdown: str) -> str:
    tokens = PARSER.parse(markdown)
    kinds = {t.type for t in tokens}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline"}, kinds
    return "\n\n".join(inline_text(t) for t in tokens if t.type == "inline")


def read_quote(markdown: str) -> str:
    tokens = PARSER.parse(markdown)
    assert tokens[0].type == "blockquote_open" and tokens[-1].type == "blockquote_close"
    inner = tokens[1:-1]
    assert {t.type for t in inner} <= {"paragraph_open", "paragraph_close", "inline"}
    return "\n\n".join(inline_text(t) for t in inner if t.type == "inline")


@pytest.mark.parametrize("text", [
    "> not a quote", "# not a heading", "- not a list", "1. not a list", "* star", "+ plus",
    "---", "***", "===", "```python\nprint(1)\n```", "    indented code?", "<div>html</div>",
    "<!-- comment -->", "a | b | c\n--|--|--", "`code` and *em* and __strong__",
    "&amp; &lt; &#65;", "line one\nline two", "para\n\npara", "a\n\n\n\nb", "\nstarts",
    "ends\n", "trailing  \nspaces", "tab\there", "emoji 📚 and مرحبا بالعالم and שלום",
    "back\\slash\\", "Setext\n---", "[link](http://x.org) and <http://y.org>", "\r\n",
])
def test_hard_cases_read_back_as_written(text: str) -> None:
    assert read_paragraphs(escape_text(text)) == text
    assert read_quote(quote_block(text)) == text


def test_control_characters_show_as_a_parser_would_show_them() -> None:
    # CommonMark parsers refuse NUL and escape codes even as &#...; references.
    assert read_paragraphs(escape_text("a\x00b\x1bc\x85")) == "a\ufffdb\ufffdc\ufffd"


def test_plain_prose_stays_readable() -> None:
    prose = "It's a well-known fact (see p. 3): costs rose 5% in 2024, a - b = c."
    assert escape_text(prose) == prose
    assert escape_line("- item") == "\\- item"
    assert escape_line("2024. A year") == "2024\\. A year"


@settings(max_examples=400, deadline=None)
@given(hard_text)
def test_any_text_reads_back_from_paragraphs_and_quotes(text: str) -> None:
    assert read_paragraphs(escape_text(text)) == text
    assert read_quote(quote_block(text)) == text


@settings(max_examples=300, deadline=None)
@given(hard_text)
def test_any_text_reads_back_from_a_heading_line(text: str) -> None:
    line = " ".join(text.split()) or "x"
    tokens = PARSER.parse("# " + escape_line(line))
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert inline_text(tokens[1]) == line


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | hard_text)  # type: ignore[arg-type]
def test_any_string_is_valid_yaml_and_reads_back(value: str) -> None:
    assert yaml.safe_load("key: " + yaml_string(value)) == {"key": value}


def test_front_matter_with_nested_fields_is_valid_yaml() -> None:
    text = front_matter({"title": "A: b # c", "tags": ["x", "y z"], "n": 3,
                         "entities": {"People": ["Ann", "Bo"], "Places: odd": []},
                         "empty": {}, "none": None})
    assert text.startswith("---\n") and text.endswith("\n---")
    data = yaml.safe_load(text.strip("-\n"))
    assert data == {"title": "A: b # c", "tags": ["x", "y z"], "n": 3,
                    "entities": {"People": ["Ann", "Bo"], "Places: odd": []},
                    "empty": {}, "none": None}


def test_urls_and_tags_are_safe_in_links() -> None:
    url = "https://example.org/a b (c)<d>"
    tokens = PARSER.parse(f"[Source]({url_destination(url)})")
    link = next(c for c in tokens[1].children or [] if c.type == "link_open")
    assert link.attrs["href"] == "https://example.org/a%20b%20%28c%29%3Cd%3E"
    assert hashtag("key point") == "#key-point"
    assert hashtag("2024") == "#t2024"
    assert hashtag("!!!") == ""
