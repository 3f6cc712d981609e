"""What Lectern knows of an article's image, and of an image it fetched."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

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
