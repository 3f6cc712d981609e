"""The images of a Markdown document: ``![alt](src "title")`` and raw ``<img>`` tags.

They are taken out of the text by ``plain`` as before; here they are found again,
line by line in reading order, and placed between the article's blocks by the text
around them (``desktop.core.cleaning.image_placement``). Code blocks hold no images.
"""

from __future__ import annotations

import re

from desktop.core.cleaning.image_placement import Event, FoundImage, place_images
from desktop.core.cleaning.image_sources import image_src, is_tracking_pixel
from desktop.core.models import ArticleImage, Block

from ._article import tidy
from .markdown_inline import plain

# Bounded like markdown_inline's patterns, so hostile text stays linear.
_IMAGE = re.compile(
    r"!\[([^\[\]]{0,500})\]\(\s*<?([^()\s<>]{1,70000})>?"
    r"(?:\s+(?:\"([^\"]{0,500})\"|'([^']{0,500})'|\(([^()]{0,500})\)))?\s*\)"
    r"|<img\b([^<>]{0,4000})>",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""\b([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_MARKER = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")


def find_images(text: str, base: str, blocks: list[Block]) -> list[ArticleImage]:
    """The images of ``text`` (front matter already removed) placed between ``blocks``."""
    if "![" not in text and "<img" not in text.lower():
        return []
    return place_images(_events(text, base), blocks)


def _events(text: str, base: str) -> list[Event]:
    events: list[Event] = []
    fence: str | None = None
    for line in text.split("\n"):
        fence_match = _FENCE.match(line)
        if fence is not None:
            fence = None if line.strip().startswith(fence) else fence
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        pos = 0
        line = _MARKER.sub("", line)
        for match in _IMAGE.finditer(line):
            _add_text(events, line[pos : match.start()])
            found = _image(match, base)
            if found is not None:
                events.append(found)
            pos = match.end()
        _add_text(events, line[pos:])
    return events


def _add_text(events: list[Event], raw: str) -> None:
    piece = tidy(plain(raw))
    if piece:
        events.append(piece)


def _image(match: re.Match[str], base: str) -> FoundImage | None:
    if match.group(6) is not None:  # a raw <img> tag
        attributes = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in
                      _ATTRIBUTE.finditer(match.group(6))}
        if is_tracking_pixel(attributes.get("width"), attributes.get("height")):
            return None
        raw, alt, title = attributes.get("src", ""), attributes.get("alt", ""), \
            attributes.get("title", "")
    else:
        raw, alt = match.group(2), match.group(1)
        title = match.group(3) or match.group(4) or match.group(5) or ""
    src = image_src(raw, base)
    if src is None:
        return None
    alt, title = tidy(plain(alt)), tidy(title)
    return FoundImage(src, alt, "" if title == alt else title)
