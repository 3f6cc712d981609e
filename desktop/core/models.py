"""Plain data types shared by the core, the CLI and the UI."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import unquote, urlsplit


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


def normalize_tags(tags: Iterable[str] | str) -> list[str]:
    """Tags as a reader means them: trimmed, no leading '#', inner spaces as '-',
    no blanks, no repeats (compared case-insensitively), in the order given.
    A string is a comma-separated list."""
    items = tags.split(",") if isinstance(tags, str) else list(tags)
    result: list[str] = []
    seen: set[str] = set()
    for raw in items:
        tag = "-".join(str(raw).strip().lstrip("#").split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result


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


@dataclass(frozen=True)
class Source:
    """What the user gave us: the original bytes and what kind of document they hold.

    ``kind`` names a reader in ``desktop.core.importing.kinds`` ("html", "text",
    "markdown", ...); storage keeps it beside the bytes so an article can be re-cleaned.
    """

    data: bytes
    kind: str
    name: str  # the path or label the user knows it by


# -- images: placed between blocks at import, fetched only when the user asks ------------

LABEL_CHARS = 80  # a placeholder is one quiet line, not the whole alt text


@dataclass(frozen=True)
class ArticleImage:
    """An image of an article, placed *between* its blocks.

    ``position`` is how many of the article's blocks come before it (1: right after
    the headline), so images never touch the cleaned text or its offsets. ``src`` is
    absolute (http, https or a small ``data:`` image).
    """

    position: int
    src: str
    alt: str = ""
    caption: str = ""

    @property
    def host(self) -> str:
        """Where the image would come from, as the placeholder names it."""
        if self.src.startswith("data:"):
            return "this page"
        host = urlsplit(self.src).hostname or ""
        return host.removeprefix("www.")

    @property
    def file_name(self) -> str:
        if self.src.startswith("data:"):
            return "inline image"
        path = unquote(urlsplit(self.src).path)
        return posixpath.basename(path.rstrip("/")) or "image"

    @property
    def label(self) -> str:
        """The alt text (or caption, or file name), short enough for one line."""
        text = " ".join((self.alt or self.caption or self.file_name).split())
        if len(text) > LABEL_CHARS:
            text = text[: LABEL_CHARS - 1].rstrip() + "…"
        return text


@dataclass(frozen=True)
class CachedImage:
    """Bytes of an image fetched once, kept so the article reads offline later."""

    src: str
    content_type: str
    data: bytes
