"""What a feed says, whatever its format: RSS and Atom (feedparser), JSON Feed (here).

feedparser is only ever given bytes (given a string that looks like an address it
would download it itself). Each item comes out with a stable key (its id, else
its link), its canonical link, and its full content when the feed carries it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from desktop.core.errors import LecternError
from desktop.core.net.urls import canonical_url

# An item whose content has at least this much text is an article in itself; less is
# a summary, and its page is fetched instead.
FULL_CONTENT_CHARS = 1200
_TAG = re.compile(r"<[^>]+>")


class NotAFeed(LecternError):
    """The document is not an RSS, Atom or JSON feed."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's id in its feed (guid), else its link
    url: str  # canonical link to the item's page ("" if none)
    title: str = ""
    published: str = ""  # ISO date-time when known
    author: str = ""
    content_html: str = ""  # the full text, when the feed carries it
    summary_html: str = ""

    @property
    def has_full_content(self) -> bool:
        return len(_TAG.sub(" ", self.content_html).strip()) >= FULL_CONTENT_CHARS


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site_url: str
    items: list[FeedItem] = field(default_factory=list)


def parse_feed(data: bytes, content_type: str = "", base_url: str = "") -> ParsedFeed:
    """The feed in ``data``; NotAFeed (one line) if it is not one."""
    head = data[:512].lstrip()
    if "json" in content_type or head.startswith(b"{"):
        return _json_feed(data)
    import feedparser

    parsed = feedparser.parse(data, response_headers={
        "content-type": content_type or "application/xml",
        "content-location": base_url})
    if not parsed.version:
        raise NotAFeed("this is not a feed (RSS, Atom or JSON Feed)")
    meta = parsed.feed
    items = [_entry(entry) for entry in parsed.entries]
    return ParsedFeed(str(meta.get("title", "")).strip(), str(meta.get("link", "")),
                      [item for item in items if item.key])


def _entry(entry: Any) -> FeedItem:
    link = str(entry.get("link", "") or "")
    content = entry.get("content") or []
    html_parts = [str(c.get("value", "")) for c in content
                  if "html" in str(c.get("type", "")) or "text" in str(c.get("type", ""))]
    return FeedItem(
        key=str(entry.get("id", "") or link or entry.get("title", "")),
        url=canonical_url(link) if link else "",
        title=str(entry.get("title", "")).strip(),
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=str(entry.get("author", "")),
        content_html="\n".join(html_parts),
        summary_html=str(entry.get("summary", "")),
    )


def _iso(parsed: Any) -> str:
    if not parsed:
        return ""
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
    except (TypeError, ValueError):
        return ""


def _json_feed(data: bytes) -> ParsedFeed:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise NotAFeed("this is not a feed (its JSON cannot be read)") from None
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version")):
        raise NotAFeed("this is not a feed (JSON, but not a JSON Feed)")
    items: list[FeedItem] = []
    for raw in document.get("items") or []:
        if not isinstance(raw, dict):
            continue
        link = str(raw.get("url") or raw.get("external_url") or "")
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        author = ", ".join(str(a.get("name", "")) for a in authors if isinstance(a, dict))
        text = raw.get("content_text")
        content = str(raw.get("content_html") or "") or (
            "".join(f"<p>{_escape(p)}</p>" for p in str(text).split("\n\n")) if text else "")
        key = str(raw.get("id") or link)
        if key:
            items.append(FeedItem(
                key=key, url=canonical_url(link) if link else "",
                title=str(raw.get("title") or "").strip(),
                published=str(raw.get("date_published") or raw.get("date_modified") or ""),
                author=author, content_html=content, summary_html=str(raw.get("summary") or "")))
    return ParsedFeed(str(document.get("title") or "").strip(),
                      str(document.get("home_page_url") or ""), items)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
