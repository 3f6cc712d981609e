"""clean_markdown: a Markdown file as an article, its front matter as metadata."""

from __future__ import annotations

import pytest
from cleaning_helpers import HOSTILE, survives
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.cleaning import CleaningError, clean_markdown
from desktop.core.cleaning.markdown_inline import plain
from desktop.core.models import Block, BlockKind

DOCUMENT = """---
title: "The **Bridge** Report"
author:
  - Jane Doe
  - John Roe
date: 2019-11-20T10:43:00Z
url: https://example.com/bridge
lang: en
---

# The Bridge Report

The council voted to *close* the old bridge, after **engineers** found
cracks in [two piers](https://example.com/piers_(report)) and `pier_7`.

## What happens next

> We cannot take any chances.
> Safety comes first.
>
> Second quoted paragraph.

- Buses every _ten_ minutes
  between the bridges
- Free parking
1. A ferry at rush hour

| Route | Minutes |
|-------|---------|
| Ferry | 12 |

```python
def f(x):  # *not emphasis*
    return x
```

Setext subheading
-----------------

Closing paragraph with snake_case_name and an ![image](a.png) and \\*stars\\*.

[piers]: https://example.com/piers
"""


def blocks(text: str) -> list[Block]:
    return clean_markdown(text).blocks


def test_front_matter_is_metadata() -> None:
    article = clean_markdown(DOCUMENT)
    meta = article.metadata
    assert meta.title == "The Bridge Report"
    assert meta.author == "Jane Doe"
    assert meta.published == "2019-11-20"
    assert meta.url == "https://example.com/bridge"
    assert meta.language == "en"
    assert article.blocks[0] == Block(BlockKind.HEADLINE, "The Bridge Report")
    assert article.text.startswith("The Bridge Report\n\n")


def test_blocks_and_kinds() -> None:
    assert blocks(DOCUMENT)[1:] == [
        Block(
            BlockKind.PARAGRAPH,
            "The council voted to close the old bridge, after engineers found cracks in "
            "two piers and pier_7.",
        ),
        Block(BlockKind.SUBHEADING, "What happens next"),
        Block(BlockKind.QUOTE, "We cannot take any chances. Safety comes first."),
        Block(BlockKind.QUOTE, "Second quoted paragraph."),
        Block(BlockKind.LIST_ITEM, "Buses every ten minutes between the bridges"),
        Block(BlockKind.LIST_ITEM, "Free parking"),
        Block(BlockKind.LIST_ITEM, "A ferry at rush hour"),
        Block(BlockKind.PARAGRAPH, "Route | Minutes"),
        Block(BlockKind.PARAGRAPH, "Ferry | 12"),
        Block(BlockKind.PARAGRAPH, "def f(x): # *not emphasis* return x"),
        Block(BlockKind.SUBHEADING, "Setext subheading"),
        Block(BlockKind.PARAGRAPH, "Closing paragraph with snake_case_name and an and *stars*."),
    ]


def test_first_heading_is_the_headline_without_front_matter() -> None:
    article = clean_markdown("# Title Here\n\nBody text.\n\n# Second Part\n\nMore.\n")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.HEADLINE, "Title Here"),
        (BlockKind.PARAGRAPH, "Body text."),
        (BlockKind.SUBHEADING, "Second Part"),
        (BlockKind.PARAGRAPH, "More."),
    ]


def test_front_matter_title_keeps_a_different_heading_in_the_text() -> None:
    article = clean_markdown("---\ntitle: Real Title\n---\n# Chapter One\n\nText.\n")
    assert [b.text for b in article.blocks] == ["Real Title", "Chapter One", "Text."]


def test_no_headline_uses_the_first_words() -> None:
    text = "Just some text without any heading that goes on for quite a few words.\n"
    article = clean_markdown(text)
    assert article.blocks[0].kind is BlockKind.HEADLINE
    assert article.blocks[0].text == "Just some text without any heading that goes on for…"
    assert article.blocks[1].text == text.strip()


@pytest.mark.parametrize(
    ("markup", "visible"),
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_", "em and em"),
        ("[text](https://a.example/b_(c))", "text"),
        ("[text][ref]", "text"),
        ("<https://a.example>", "https://a.example"),
        ("`a * b`", "a * b"),
        ("~~gone~~", "gone"),
        ("snake_case_name", "snake_case_name"),
        ("2*3*4", "2*3*4"),
        ("\\*literal\\*", "*literal*"),
        ("**a *b* c**", "a b c"),
        ("<b>tag</b>", "tag"),
    ],
)
def test_inline_markup_is_reduced_to_its_text(markup: str, visible: str) -> None:
    assert plain(markup) == visible


def test_embedded_scripts_and_styles_leave_no_text() -> None:
    text = "# T\n\nBefore <script>alert('x')</script> after.\n\n<style>\n.x{}\n</style>\n\nEnd.\n"
    assert [b.text for b in blocks(text)] == ["T", "Before after.", "End."]


def test_empty_documents_are_cleaning_errors() -> None:
    for text in ("", "\n\n", "---\ntitle: Only a title\n---\n", "# Only a heading\n"):
        with pytest.raises(CleaningError):
            clean_markdown(text)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input(name: str) -> None:
    survives(clean_markdown, HOSTILE[name])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("#*_`[]()>-|!~\\ \nab1:"), max_size=300))
def test_property_markdown_never_raises_anything_but_cleaning_error(text: str) -> None:
    try:
        article = clean_markdown(text)
    except CleaningError:
        return
    assert article.blocks[0].kind is BlockKind.HEADLINE
    assert all(b.text and b.text == b.text.strip() for b in article.blocks)
