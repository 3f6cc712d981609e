"""``lectern://article/ID#fragment`` links, which exported notes point back with."""

from __future__ import annotations

import re
from dataclasses import dataclass

# At most 19 digits: an id SQLite can hold (checked again below); a link is text from
# anywhere (a note, a web page, another program), so it is bounded before parsing.
_LINK = re.compile(r"^lectern://article/([0-9]{1,19})/?(?:#([A-Za-z0-9_.:-]{0,200}))?$")
_MAX_LINK_CHARS = 300
_MAX_ID = (1 << 63) - 1


@dataclass(frozen=True)
class LinkTarget:
    article_id: int
    fragment: str  # "" or e.g. "hl-3f2a..."


def article_link(article_id: int, fragment: str = "") -> str:
    return f"lectern://article/{article_id}" + (f"#{fragment}" if fragment else "")


def parse_link(link: str) -> LinkTarget | None:
    """The article a link points to, or None for anything that is not a valid link."""
    if not isinstance(link, str) or len(link) > _MAX_LINK_CHARS:
        return None
    match = _LINK.match(link.strip())
    if not match:
        return None
    article_id = int(match.group(1))
    if not 1 <= article_id <= _MAX_ID:
        return None
    return LinkTarget(article_id, match.group(2) or "")
