"""The images of a saved web page's article, found without changing its text.

trafilatura's ``include_images`` changes which text it keeps on some pages (it
keeps captions and figure text it otherwise drops), and every offset in Lectern
points into the cleaned text. So the text comes from the usual extraction and the
images from a second, image-keeping extraction of the same page (with lazy-loaded
images revealed, ``lazy_images``), placed between the article's blocks by the
text around them (``desktop.core.cleaning.image_placement``).
"""

from __future__ import annotations

import trafilatura
from lxml import etree
from trafilatura.settings import Document

from desktop.core.cleaning.image_placement import Event, FoundImage, place_images
from desktop.core.cleaning.image_sources import image_src
from desktop.core.models import ArticleImage, Block

from ._article import tidy
from .lazy_images import IMG_TAG, reveal_lazy_images, unmark

# trafilatura's inline elements: their text flows on; every other element is a block.
_INLINE = frozenset({"hi", "ref", "del", "span", "sub", "sup"})


def find_images(html: str, base: str, blocks: list[Block]) -> list[ArticleImage]:
    """The article's images placed between ``blocks``; [] if there are none or the
    page defeats the extraction (images are a bonus; the text is already safe)."""
    if not IMG_TAG.search(html):
        return []
    # fast: no fallback extractors. On the dev pages it finds 50 of the 51 images the
    # full extraction places, for a third of the cost (bench/ROBUSTNESS.md).
    try:
        doc = trafilatura.bare_extraction(
            reveal_lazy_images(html), url=base or None, fast=True, favor_precision=True,
            include_comments=False,
            include_tables=True, with_metadata=False, include_images=True,
        )
        if not isinstance(doc, Document) or doc.body is None:
            return []
        return place_images(list(_events(doc.body, base)), blocks)
    except Exception:  # hostile markup: the article keeps its text, without images
        return []


def _events(body: etree._Element, base: str) -> list[Event]:
    """The body in reading order: tidied text pieces (one per block) and images."""
    events: list[Event] = []
    buffer: list[str] = []

    def flush() -> None:
        piece = tidy("".join(buffer))
        buffer.clear()
        if piece:
            events.append(piece)

    def walk(el: etree._Element) -> None:
        inline = el.tag in _INLINE
        if el.tag == "graphic":
            flush()
            raw = unmark((el.get("src") or "").strip())
            src = image_src(raw, base)
            if src is not None:  # tracking pixels never reach this pass (lazy_images)
                alt, title = tidy(el.get("alt") or ""), tidy(el.get("title") or "")
                events.append(FoundImage(src, alt, "" if title == alt else title))
        else:
            if not inline:
                flush()
            buffer.append(el.text or "")
            for child in el:
                walk(child)
                buffer.append(child.tail or "")
            if not inline:
                flush()

    walk(body)
    flush()
    return events
