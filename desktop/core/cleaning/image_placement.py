"""Placing the images a cleaner found between the blocks of the cleaned article.

A cleaner walks its source in reading order and reports text pieces and images;
the article's blocks come from a different pass (and are trimmed, split and tidied
on the way), so an image is placed by the text around it: after the block holding
the text just before it, else before the block holding the text just after it.
An image whose neighbouring text is not in the article (a logo in the page header,
a teaser after the story) is not the article's and is dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.cleaning.image_sources import MAX_IMAGES_PER_ARTICLE
from desktop.core.models import ArticleImage, Block, article_text, block_spans

# Text shorter than this anchors an image only when it is a whole block: "and" or
# "Photo" would match anywhere.
MIN_ANCHOR_CHARS = 12
# How much of a neighbouring piece is looked for: its end (before) or start (after).
ANCHOR_CHARS = 60


@dataclass(frozen=True)
class FoundImage:
    """An image as a cleaner found it in reading order (``src`` already checked)."""

    src: str
    alt: str = ""
    caption: str = ""


Event = str | FoundImage  # a str is a piece of text (tidied) between images and blocks


def place_images(events: Sequence[Event], blocks: list[Block]) -> list[ArticleImage]:
    """The images among ``events``, each placed between ``blocks`` (in order, no repeats)."""
    article = _Article(blocks)
    placed: list[ArticleImage] = []
    seen: set[str] = set()
    floor = 1  # never before the headline; never before an image placed earlier
    for index, event in enumerate(events):
        if not isinstance(event, FoundImage) or event.src in seen:
            continue
        before = article.neighbour(events, range(index - 1, -1, -1))
        position = None
        if before is not None:
            block = article.find(before, before[-ANCHOR_CHARS:], max(floor - 1, 0))
            position = None if block is None else block + 1
        if position is None:
            after = article.neighbour(events, range(index + 1, len(events)))
            if after is not None:
                block = article.find(after, after[:ANCHOR_CHARS], floor)
                position = None if block is None else max(block, 1)
        if position is None:
            continue
        floor = position
        seen.add(event.src)
        placed.append(ArticleImage(position, event.src, event.alt, event.caption))
        if len(placed) >= MAX_IMAGES_PER_ARTICLE:
            break
    return placed


class _Article:
    """The cleaned text and where each block starts in it, searched for anchors."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = [b.text for b in blocks]
        self.whole = set(self.blocks)
        self.text = article_text(blocks)
        self.starts = [start for start, _end in block_spans(blocks)]

    def neighbour(self, events: Sequence[Event], order: range) -> str | None:
        """The nearest piece of text in ``order`` fit to anchor an image."""
        for i in order:
            event = events[i]
            if isinstance(event, str) and (len(event) >= MIN_ANCHOR_CHARS or event in self.whole):
                return event
        return None

    def find(self, piece: str, snippet: str, first_block: int) -> int | None:
        """Index of the first block from ``first_block`` on that holds ``piece`` (or,
        failing that, ``snippet``); a short piece must be a whole block."""
        if first_block >= len(self.blocks):
            return None
        if len(piece) < MIN_ANCHOR_CHARS:
            return next((i for i in range(first_block, len(self.blocks))
                         if self.blocks[i] == piece), None)
        # The whole piece first: a snippet alone may repeat (a refrain, a boilerplate
        # sentence ending each paragraph); the snippet when the piece spans blocks.
        at = self.text.find(piece, self.starts[first_block])
        if at == -1:
            at = self.text.find(snippet, self.starts[first_block])
        return None if at == -1 else bisect.bisect_right(self.starts, at) - 1
