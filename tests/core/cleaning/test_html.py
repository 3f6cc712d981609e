"""clean_html: a saved web page reduced to its article, with the page's metadata."""

from __future__ import annotations

import pytest
from cleaning_helpers import HOSTILE, dev_page, four_gram_f1, has_words, key_phrases, survives

from desktop.core.cleaning import CleaningError, clean_html
from desktop.core.models import BlockKind

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old bridge over the river for repairs, "
    "after engineers found cracks in two of its supporting piers.",
    "Commuters will have to use the new bridge three miles downstream, which is expected "
    "to add twenty minutes to the average journey into the city centre.",
    "Local businesses near the bridge said they feared losing customers, and asked the "
    "council for help with rents while the work is carried out.",
]
QUOTE = "We cannot take any chances with people's safety, and we will not."
ITEMS = ["Buses every ten minutes", "Free parking at the station", "A ferry at rush hour"]
COMMENT = "This is outrageous, the bridge was repaired only five years ago, what a waste."


def page(body: str, head: str = "") -> str:
    return (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<title>Council Closes Old Bridge | Example News</title>"
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2019-11-20T10:43:00Z'>"
        f"{head}</head><body>{body}</body></html>"
    )


ARTICLE = (
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
    "<article><h1>Council Closes Old Bridge</h1>"
    f"<p>{PARAGRAPHS[0]}</p><h2>What happens next</h2><p>{PARAGRAPHS[1]}</p>"
    f"<blockquote><p>{QUOTE}</p></blockquote>"
    "<ul>" + "".join(f"<li>{item}</li>" for item in ITEMS) + "</ul>"
    f"<p>{PARAGRAPHS[2]}</p></article>"
    "<section id='comments' class='comments'><h3>3 Comments</h3>"
    f"<div class='comment'><p class='comment-author'>John</p><p>{COMMENT}</p></div></section>"
    "<footer><p>© 2019 Example News Ltd. All rights reserved.</p></footer>"
)


def test_article_blocks_and_kinds() -> None:
    article = clean_html(page(ARTICLE), url="https://example.com/bridge")
    assert article.blocks[0].kind is BlockKind.HEADLINE
    assert article.text.startswith(article.metadata.title)
    kinds = {b.text: b.kind for b in article.blocks}
    for paragraph in PARAGRAPHS:
        assert kinds[paragraph] is BlockKind.PARAGRAPH
    assert kinds["What happens next"] is BlockKind.SUBHEADING
    assert kinds[QUOTE] is BlockKind.QUOTE
    for item in ITEMS:
        assert kinds[item] is BlockKind.LIST_ITEM
    assert COMMENT not in article.text
    assert "Home" not in kinds and "All rights reserved" not in article.text


def test_metadata() -> None:
    meta = clean_html(page(ARTICLE), url="https://example.com/bridge").metadata
    assert "Council Closes Old Bridge" in meta.title
    assert meta.author == "Jane Doe"
    assert meta.published == "2019-11-20"
    assert meta.language == "en-GB"
    assert meta.url == "https://example.com/bridge"


def test_headline_is_not_repeated_as_the_first_block() -> None:
    article = clean_html(page(ARTICLE))
    texts = [b.text.casefold() for b in article.blocks]
    assert texts.count(article.blocks[0].text.casefold()) == 1


def test_on_page_heading_beats_a_title_with_the_site_name_and_tail_links_go() -> None:
    body = (
        "<article><h1>Council Closes the Old Bridge</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<h3>Mayor Unveils Plan for New Park</h3><h3>Ferry Service to Resume</h3>"
        + "<p>© 2019 Example News Ltd.</p></article>"
    )
    article = clean_html(page(body))
    assert article.blocks[0].text == "Council Closes the Old Bridge"
    assert article.metadata.title == "Council Closes the Old Bridge"
    assert [b.text for b in article.blocks[1:]] == PARAGRAPHS


def test_no_title_uses_the_first_line() -> None:
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    article = clean_html(html + "</body></html>")
    assert article.blocks[0].kind is BlockKind.HEADLINE
    assert PARAGRAPHS[0].startswith(article.blocks[0].text.removesuffix("…"))


def test_active_content_never_survives() -> None:
    hostile = (
        "<script>alert('script-text')</script><style>.x{color:red}</style>"
        "<form><input value='form-text'><button>form-button</button></form>"
        "<iframe src='https://evil.example'>iframe-text</iframe>"
        f"<article><h1>Title</h1><p onclick=\"steal('onclick-text')\">{PARAGRAPHS[0]}</p>"
        f"<script>document.write('inline-script')</script><p>{PARAGRAPHS[1]}</p>"
        f"<noscript>noscript-text</noscript><p>{PARAGRAPHS[2]}</p></article>"
    )
    text = clean_html(page(hostile)).text
    for leaked in (
        "script-text", "color:red", "form-text", "form-button", "iframe-text",
        "onclick", "inline-script", "alert", "<", ">",
    ):
        assert leaked not in text, leaked
    assert PARAGRAPHS[1] in text


def test_page_without_article_text_is_a_cleaning_error() -> None:
    with pytest.raises(CleaningError, match="no article text"):
        clean_html(page("<nav><a href='/'>Home</a></nav>"))
    with pytest.raises(CleaningError):
        clean_html("")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input(name: str) -> None:
    survives(clean_html, HOSTILE[name])


def test_hostile_input_around_a_real_article() -> None:
    deep = "<div>" * 100_000 + "</div>" * 100_000
    nul = ARTICLE.replace("bridge", "bri\x00dge")
    for html in (page(deep + ARTICLE), page(nul), page(ARTICLE + "<p>" + "x" * 10_000_000)):
        survives(clean_html, html)


# Dev pages: the HTML twins of the pasted ones, each kept well above its floor.
DEV_PAGES = {"05844573": 0.95, "7de52419": 0.95, "e593d7fe": 0.95, "63db31a1": 0.95}


@pytest.mark.parametrize("prefix", sorted(DEV_PAGES))
def test_dev_pages(prefix: str) -> None:
    page_ = dev_page(prefix)
    article = clean_html(page_.html, page_.url)
    assert four_gram_f1(article.text, page_.truth) >= DEV_PAGES[prefix]
    start, end = key_phrases(page_.truth)
    assert has_words(article.text, start) and has_words(article.text, end)


def test_dev_page_reader_comments_are_dropped() -> None:
    page_ = dev_page("232a43fb")  # a page with 167 reader comments under a short article
    text = clean_html(page_.html).text
    assert four_gram_f1(text, page_.truth) >= 0.7
    assert "Rating: 36 Votes" not in text
    assert "un-iveing" not in text  # a reader's comment under the article
