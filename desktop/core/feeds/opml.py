"""OPML, the list of feeds every reader exports: read one in, write ours out.

Reading follows each ``<outline xmlUrl=…>`` at any depth (folders are outlines
too) without downloading anything: ``feeds refresh`` does that when asked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from desktop.core.errors import ImportProblem
from desktop.core.importing.source import MAX_SOURCE_BYTES
from desktop.core.net.urls import BadAddress, canonical_url, web_address
from desktop.core.storage.feeds import Feed, Feeds

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str


def read_opml(path: Path) -> list[OpmlFeed]:
    """The feeds an OPML file lists (web addresses only, each once)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise ImportProblem(f"{path}: the file is too large to be an OPML list")
    if b"<!ENTITY" in data[:65536]:  # entity expansion has no place in a feed list
        raise ImportProblem(f"{path}: the OPML file declares entities; it was not read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ImportProblem(f"{path}: this is not an OPML file ({exc})") from None
    if root.tag.lower() != "opml":
        raise ImportProblem(f"{path}: this is not an OPML file (it starts with <{root.tag}>)")
    found: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        raw = outline.get("xmlUrl") or outline.get("xmlurl") or ""
        try:
            url = canonical_url(web_address(raw)) if raw else ""
        except BadAddress:
            continue
        if url and url not in found:
            title = outline.get("title") or outline.get("text") or ""
            found[url] = OpmlFeed(url, title.strip())
    return list(found.values())


def follow_opml(library: Library, entries: Sequence[OpmlFeed]) -> tuple[int, int]:
    """Follow each listed feed; returns (how many were new, how many followed already)."""
    from desktop.core.storage.library import now_iso

    feeds = Feeds(library)
    added = 0
    for entry in entries:
        _id, new = feeds.add(entry.url, entry.title or entry.url, now_iso())
        added += int(new)
    return added, len(entries) - added


def opml_text(feeds: Sequence[Feed]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             "  <head><title>Feeds followed in Lectern</title></head>", "  <body>"]
    for feed in feeds:
        site = f" htmlUrl={quoteattr(feed.site_url)}" if feed.site_url else ""
        lines.append(f"    <outline type=\"rss\" text={quoteattr(feed.title)} "
                     f"title={quoteattr(feed.title)} xmlUrl={quoteattr(feed.url)}{site}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
