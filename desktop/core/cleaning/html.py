"""Cleaning a saved web page (HTML) into an article, with trafilatura doing the extraction."""

from __future__ import annotations

import re

import trafilatura
from lxml import etree
from trafilatura.settings import Document

from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata

from ._article import build_article, iso_date, strip_controls, tidy
from .errors import CleaningError
from .html_images import find_images
from .page_patterns import is_chrome

# Fewer words than this is a page's leftovers (a "Home" link, a caption), not an article.
MIN_ARTICLE_WORDS = 8
# A first heading sharing this much of the <title>'s words is the page's headline.
SAME_TITLE_SHARE = 0.6
_WORD = re.compile(r"\w+")
# Below this share of the ordinary extraction's words, the precise one lost the body.
MIN_PRECISE_SHARE = 0.25
_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)", re.IGNORECASE
)
# Only the page's start is searched for <html lang>: a 10 MB page must not cost a scan.
_LANG_SEARCH_CHARS = 10_000


def clean_html(html: str, url: str | None = None) -> CleanedArticle:
    """The article in ``html`` as blocks, with the page's metadata.

    ``url`` is where the page came from, when known; it helps trafilatura and is
    recorded when the page does not name itself. Raises CleaningError when the page
    holds no article text.
    """
    html = strip_controls(html)
    doc = _best_extraction(html, url)
    if doc is None or doc.body is None:
        raise CleaningError()
    title = tidy(doc.title or "")
    metadata = Metadata(
        author=tidy(doc.author or ""),
        site=tidy(doc.sitename or doc.hostname or ""),
        url=doc.url or url or "",
        published=iso_date(doc.date or ""),
        language=doc.language or _page_language(html),
    )
    title, body = _headline(_trim_tail(_blocks(doc.body)), title)
    if sum(len(b.text.split()) for b in body) < MIN_ARTICLE_WORDS:
        raise CleaningError()  # a menu or a caption is what was left: no article here
    article = build_article(title, body, metadata)
    # Found apart from the text, which stays exactly what it would be without them.
    article.images = find_images(html, article.metadata.url, article.blocks)
    return article


def _best_extraction(html: str, url: str | None) -> Document | None:
    """The precise extraction, unless it threw the article away.

    favor_precision drops borderline boilerplate (share bars, teasers) and scores best
    on the dev set (bench/CLEANING.md), but it sometimes keeps only a caption or a
    teaser of a page whose body the ordinary extraction finds: a precise result far
    shorter than the ordinary one is that failure.
    """
    precise = _extract(html, url, favor_precision=True)
    ordinary = _extract(html, url, favor_precision=False)
    if precise is None or _words(precise) < MIN_PRECISE_SHARE * _words(ordinary):
        return ordinary
    return precise


def _words(doc: Document | None) -> int:
    return len((doc.text or "").split()) if doc is not None else 0


def _extract(html: str, url: str | None, *, favor_precision: bool) -> Document | None:
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=favor_precision,
            include_comments=False,  # reader comments are not the article
            include_tables=True,
            with_metadata=True,
        )
    except Exception:
        # lxml and trafilatura fail in many ways on hostile markup (recursion, bad
        # encodings, huge trees); every one of them means "cannot read this page".
        return None
    return doc if isinstance(doc, Document) else None


def _page_language(html: str) -> str:
    match = _LANG.search(html, 0, _LANG_SEARCH_CHARS)
    return match.group(1) if match else ""


def _blocks(body: etree._Element) -> list[Block]:
    """Map trafilatura's XML (head, p, quote, list/item, table/row/cell) onto blocks."""
    for lb in body.iter("lb"):
        lb.text = "\n"  # a <br> inside a paragraph: keep the line apart (poems, addresses)
    blocks: list[Block] = []
    if body.text:
        blocks += _lines(BlockKind.PARAGRAPH, body.text)
    for el in body:
        tag = el.tag
        if tag == "head":
            blocks += _split(BlockKind.SUBHEADING, el)
        elif tag == "quote":
            parts = [c for c in el if c.tag in ("p", "list")]
            for part in parts or [el]:
                blocks += _split(BlockKind.QUOTE, part)
        elif tag == "list":
            blocks += [Block(BlockKind.LIST_ITEM, _own_text(item)) for item in el.iter("item")]
        elif tag == "table":
            for row in el.iter("row"):
                cells = (tidy("".join(cell.itertext())) for cell in row.iter("cell"))
                blocks.append(Block(BlockKind.PARAGRAPH, " | ".join(c for c in cells if c)))
        else:
            blocks += _split(BlockKind.PARAGRAPH, el)
        if el.tail:  # trafilatura leaves some loose text between elements
            blocks += _lines(BlockKind.PARAGRAPH, el.tail)
    return [b for b in blocks if b.text.strip()]


def _split(kind: BlockKind, el: etree._Element) -> list[Block]:
    return _lines(kind, "".join(el.itertext()))


def _lines(kind: BlockKind, text: str) -> list[Block]:
    return [Block(kind, line) for line in text.split("\n")]


def _own_text(item: etree._Element) -> str:
    """A list item's text without its nested lists, which become items of their own."""
    parts = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _headline(blocks: list[Block], title: str) -> tuple[str, list[Block]]:
    """The headline, and the body without the page's copy of it.

    Pages repeat their <title> as the first heading, often with the site's name
    around one or the other; the on-page heading is then the better headline.
    """
    if not blocks or blocks[0].kind not in (BlockKind.SUBHEADING, BlockKind.PARAGRAPH):
        return title, blocks
    first = tidy(blocks[0].text)
    if first.casefold() == title.casefold():
        return title, blocks[1:]
    if blocks[0].kind is BlockKind.SUBHEADING and _same_words(first, title):
        return first, blocks[1:]
    return title, blocks


def _same_words(a: str, b: str) -> bool:
    """Most words of the shorter text are in the longer one."""
    words_a, words_b = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    shorter = min(len(words_a), len(words_b))
    return shorter > 0 and len(words_a & words_b) >= SAME_TITLE_SHARE * shorter


def _trim_tail(blocks: list[Block]) -> list[Block]:
    """Drop what trails the article: headings that introduce nothing (links to other
    stories) and page chrome (a copyright line)."""
    end = len(blocks)
    while end > 0 and (
        blocks[end - 1].kind is BlockKind.SUBHEADING
        or is_chrome(blocks[end - 1].text, len(blocks[end - 1].text.split()))
    ):
        end -= 1
    return blocks[:end]
