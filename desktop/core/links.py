"""``lectern://article/ID#fragment`` links, which exported notes point back with."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"^lectern://article/(\d+)/?(?:#([A-Za-z0-9_.:-]*))?$")


@dataclass(frozen=True)
class LinkTarget:
    article_id: int
    fragment: str  # "" or e.g. "hl-3f2a..."


def article_link(article_id: int, fragment: str = "") -> str:
    return f"lectern://article/{article_id}" + (f"#{fragment}" if fragment else "")


def parse_link(link: str) -> LinkTarget | None:
    match = _LINK.match(link.strip())
    if not match:
        return None
    return LinkTarget(int(match.group(1)), match.group(2) or "")
