"""clean_pasted: a whole web page copied from a browser, reduced to its article."""

from __future__ import annotations

import pytest
from cleaning_helpers import (
    HOSTILE,
    SEED,
    dev_page,
    four_gram_f1,
    has_words,
    key_phrases,
    need,
    survives,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.cleaning import CleaningError, clean_pasted
from desktop.core.cleaning._article import tidy
from desktop.core.models import BlockKind

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old bridge over the river for "
    "repairs, after engineers found cracks in two of its supporting piers.",
    "“We cannot take any chances with people’s safety,” the mayor said at a news "
    "conference, adding that the closure could last until the end of next year.",
    "Commuters will have to use the new bridge three miles downstream, which is "
    "expected to add twenty minutes to the average journey into the city centre.",
    "Local businesses near the bridge said they feared losing customers, and asked "
    "the council for help with rents while the work is carried out.",
    "Reporting was contributed by Anna Berg and Tom Reyes.",
]
HEADLINE = "Council Closes Old Bridge for Repairs After Cracks Found"
NAV = ["Skip to content", "Home", "News", "Sport", "Business", "Weather", "Sign In", "Subscribe"]
SHARE = ["Share on Facebook", "Share on Twitter", "Email", "Print", "Advertisement"]
RELATED = [
    "Related Stories",
    "Mayor Unveils Plan for New Park on Waterfront",
    "Ferry Service to Resume After Two-Year Pause",
    "Why the City Keeps Flooding, Explained",
]
COMMENTS = [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Be the first to comment",
    "John Smith",
    "November 20, 2019 at 10:43 am",
    "This is outrageous, the bridge was repaired only five years ago and now it is "
    "falling apart again, someone should answer for this waste of our money.",
    "Reply",
]
FOOTER = ["About Us", "Contact", "Privacy Policy", "Terms of Use", "© 2019 Example News Ltd."]


def page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part) + "\n"


def synthetic() -> str:
    return page(
        NAV,
        ["News", HEADLINE, "By Jane Doe", "Published November 20, 2019 10:43 AM"],
        SHARE,
        PARAGRAPHS,
        SHARE,
        RELATED,
        COMMENTS,
        FOOTER,
    )


def test_synthetic_page_keeps_the_article_and_drops_the_rest() -> None:
    article = clean_pasted(synthetic())
    assert article.blocks[0].kind is BlockKind.HEADLINE
    assert article.blocks[0].text == HEADLINE
    assert article.text.startswith(HEADLINE)
    assert article.text.endswith(PARAGRAPHS[-1])
    body = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert body == PARAGRAPHS
    for junk in NAV + SHARE + RELATED + COMMENTS + FOOTER:
        assert junk not in [b.text for b in article.blocks], junk


def test_synthetic_byline_and_dateline_are_recognised() -> None:
    article = clean_pasted(synthetic())
    kinds = {b.kind: b.text for b in article.blocks}
    assert kinds[BlockKind.BYLINE] == "By Jane Doe"
    assert kinds[BlockKind.DATELINE] == "Published November 20, 2019 10:43 AM"
    assert article.metadata.author == "Jane Doe"
    assert article.metadata.published == "2019-11-20"
    assert article.metadata.title == HEADLINE


def test_a_long_comment_section_does_not_win_over_a_shorter_article() -> None:
    long_comment = (
        "I have lived by this bridge for forty years and I can tell you that it has "
        "never been properly maintained, the council has ignored every complaint we "
        "sent them and now they act surprised that it is falling apart, which is "
        "exactly what all of us in the neighbourhood have been saying for a decade."
    )
    comments = ["12 Comments", "Comments"]
    for name in ("Alice", "Bob", "Carol", "Dave", "Erin", "Frank"):
        comments += [name, "2 days ago", long_comment, "Reply"]
    article = clean_pasted(page(NAV, [HEADLINE], PARAGRAPHS, comments, FOOTER))
    assert long_comment not in article.text
    assert [b.text for b in article.blocks[1:]] == PARAGRAPHS


def test_teaser_lists_with_cut_summaries_are_not_the_article() -> None:
    teasers: list[str] = []
    for n in range(6):
        teasers += [
            f"Another Story Number {n} About Something Else",
            f"NEW YORK: A summary of story {n} that goes on for a while and tells you "
            "just enough to make you click on it before it stops in the middle of a...",
        ]
    article = clean_pasted(page(NAV, teasers, [HEADLINE, "By Jane Doe"], PARAGRAPHS, FOOTER))
    assert article.blocks[0].text == HEADLINE
    assert "Another Story" not in article.text
    assert article.text.endswith(PARAGRAPHS[-1])


def test_subheadings_and_list_items_inside_the_body() -> None:
    text = page(
        [HEADLINE],
        PARAGRAPHS[:2],
        ["What Happens Next"],
        PARAGRAPHS[2:4],
        ["• Buses will run every ten minutes between the two bridges."],
        PARAGRAPHS[4:],
    )
    kinds = {b.text: b.kind for b in clean_pasted(text).blocks}
    assert kinds["What Happens Next"] is BlockKind.SUBHEADING
    assert kinds["• Buses will run every ten minutes between the two bridges."] is (
        BlockKind.LIST_ITEM
    )


def test_hard_wrapped_text_file_is_unwrapped() -> None:
    wrapped = (
        "The city council voted on Tuesday to close the old bridge over the\n"
        "river for repairs, after engineers found cracks in two of its\n"
        "supporting piers.\n\n"
        "Commuters will have to use the new bridge three miles downstream,\n"
        "which is expected to add twenty minutes to the average journey.\n"
    )
    article = clean_pasted("Bridge Closed\n\n" + wrapped)
    assert article.blocks[0].text == "Bridge Closed"
    assert article.blocks[1].text == tidy(wrapped.split("\n\n")[0].replace("\n", " "))
    assert len(article.blocks) == 3


def test_a_short_note_without_prose_is_kept_whole() -> None:
    article = clean_pasted("Shopping\nmilk\neggs and bread\n")
    assert [b.text for b in article.blocks] == ["Shopping", "milk", "eggs and bread"]


def test_a_page_of_links_only_is_refused() -> None:
    links = [f"Headline number {n} of the day" for n in range(60)]
    with pytest.raises(CleaningError, match="no article text"):
        clean_pasted(page(NAV, links, FOOTER))


def test_seed_article_acceptance() -> None:
    article = clean_pasted(need(SEED).read_text(encoding="utf-8"))
    assert article.text.startswith("American Airstrikes Rally Iraqis Against U.S.")
    assert article.text.endswith("contributed reporting.")
    assert article.blocks[0].kind is BlockKind.HEADLINE
    for leftover in ("Be the first to comment", "Leave a Reply", "will not be published"):
        assert leftover not in article.text


# Dev-set pages of different shapes: a long nav and gallery above the body, a comment
# section with more prose than the article, teaser lists, a short article, trailing
# "more stories" rails. The floor is well under each page's measured score.
DEV_PAGES = {
    "05844573": 0.9,  # nav, photo gallery, subheadings in capitals
    "232a43fb": 0.85,  # long comment section under the article
    "5f9c5ed5": 0.85,  # teaser list whose summaries look like paragraphs
    "7de52419": 0.9,  # wire story with caption inside
    "e372e42c": 0.75,  # a two-paragraph article among many headlines
    "7a664e40": 0.85,  # a "more" box inside the article
}


@pytest.mark.parametrize("prefix", sorted(DEV_PAGES))
def test_dev_pages(prefix: str) -> None:
    page_ = dev_page(prefix)
    article = clean_pasted(page_.pasted)
    assert four_gram_f1(article.text, page_.truth) >= DEV_PAGES[prefix]
    start, end = key_phrases(page_.truth)
    assert has_words(article.text, start)
    assert has_words(article.text, end)


def test_dev_page_comments_and_nav_are_gone() -> None:
    article = clean_pasted(dev_page("232a43fb").pasted)
    for leftover in ("Top Rated Comments", "Rating: 36 Votes", "Buyer's Guide", "Front Page"):
        assert leftover not in article.text


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input(name: str) -> None:
    survives(clean_pasted, HOSTILE[name])


def test_empty_text_is_a_cleaning_error() -> None:
    with pytest.raises(CleaningError):
        clean_pasted("")
    with pytest.raises(CleaningError):
        clean_pasted("\n \n\t\n")


def _in_order(blocks: list[str], text: str) -> bool:
    """Each block is a (tidied, maybe unwrapped) stretch of ``text``, in order."""
    flat = tidy(" ".join(tidy(line) for line in text.splitlines()))
    pos = 0
    for block in blocks:
        found = flat.find(block, pos)
        if found < 0:
            return False
        pos = found + len(block)
    return True


lines = st.one_of(
    st.text(max_size=120),
    st.sampled_from([*NAV, *SHARE, *RELATED, *COMMENTS, *FOOTER, *PARAGRAPHS, HEADLINE, ""]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=60))
def test_property_only_cleaning_errors_and_blocks_come_from_the_input(parts: list[str]) -> None:
    text = "\n".join(parts)
    try:
        article = clean_pasted(text)
    except CleaningError:
        return
    assert article.blocks and article.blocks[0].kind is BlockKind.HEADLINE
    assert all(b.text and b.text == b.text.strip() for b in article.blocks)
    # A bare "By" line and the name under it make one byline, "By <name>".
    body = [b.text.removeprefix("By ") for b in article.blocks[1:]]
    assert _in_order(body, text)
    headline = article.blocks[0].text.removesuffix("…")
    assert tidy(headline) in tidy(" ".join(text.splitlines()))
