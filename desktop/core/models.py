"""Plain data types shared by the core, the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a light module, but models.py imports nothing at run time
    from desktop.core.images.model import ArticleImage


class BlockKind(StrEnum):
    """What a block of a cleaned article is; the reader styles each kind."""

    HEADLINE = "headline"
    BYLINE = "byline"
    DATELINE = "dateline"
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    QUOTE = "quote"
    LIST_ITEM = "list_item"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


@dataclass
class Metadata:
    title: str = ""
    author: str = ""
    site: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) when known
    language: str = ""


@dataclass
class CleanedArticle:
    """An article after cleaning: the blocks a reader sees, and what we know of it.

    ``blocks[0]`` is always the headline, so the plain text (see ``text``) starts
    with the title.
    """

    blocks: list[Block]
    metadata: Metadata = field(default_factory=Metadata)
    images: list[ArticleImage] = field(default_factory=list)  # between blocks, not in text

    @property
    def text(self) -> str:
        return article_text(self.blocks)

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.kind is not BlockKind.HEADLINE)


BLOCK_SEPARATOR = "\n\n"


def article_text(blocks: list[Block]) -> str:
    """The cleaned text every offset in Lectern points into: blocks joined by a blank line."""
    return BLOCK_SEPARATOR.join(b.text for b in blocks)


def block_spans(blocks: list[Block]) -> list[tuple[int, int]]:
    """(start, end) of each block inside ``article_text(blocks)``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for b in blocks:
        spans.append((pos, pos + len(b.text)))
        pos += len(b.text) + len(BLOCK_SEPARATOR)
    return spans


@dataclass
class ArticleRecord:
    """An article as stored in the library."""

    id: int
    title: str
    author: str
    site: str
    url: str
    published: str
    language: str
    word_count: int
    content_hash: str
    source_name: str
    source_kind: str  # "html", "text", "markdown"
    saved_at: str  # ISO timestamp (UTC)
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return article_text(self.blocks)
