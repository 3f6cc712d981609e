"""Following feeds: add one, refresh them all (``lectern feeds``, the window's Feeds).

A refresh sends back the feed's ETag and Last-Modified; a 304 answer adds nothing.
Each item is taken once (by its key in the feed): an item already in the library
(by its canonical link) is only noted; an item that carries its full text is
imported from it; an item with only a summary becomes a waiting link (origin
``feed:<id>``) that the download queue (``fetch_waiting``) brings in, in the same
refresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urljoin

import httpx

from desktop.core.errors import LecternError
from desktop.core.feeds.parse import FeedItem, NotAFeed, ParsedFeed, parse_feed
from desktop.core.importing import prepare
from desktop.core.importing.source import MAX_SOURCE_BYTES
from desktop.core.models import Source
from desktop.core.net.http import Response, client_for, fetch
from desktop.core.net.urls import canonical_url
from desktop.core.operations.fetch_waiting import fetch_waiting
from desktop.core.operations.import_urls import article_with_url, store_prepared
from desktop.core.operations.progress import NO_PROGRESS, ProgressSink
from desktop.core.storage.feeds import Feed, Feeds
from desktop.core.storage.library import Library, now_iso
from desktop.core.storage.waiting import DONE, NewLink, WaitingLinks

ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
          "application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5")
_ALTERNATE = re.compile(
    r"""<link\b[^>]*\btype\s*=\s*["']application/(?:rss|atom|feed)\+(?:xml|json)["'][^>]*>""",
    re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass
class FeedRefresh:
    """What one feed's refresh did."""

    feed_id: int
    title: str
    added: int = 0  # new articles in the library
    waiting: int = 0  # items whose page could not be fetched yet
    unchanged: bool = False  # the server answered 304 (or nothing new)
    problem: str = ""


def add_feed(library: Library, url: str, *, client: httpx.Client | None = None,
             progress: ProgressSink = NO_PROGRESS) -> tuple[Feed, FeedRefresh, bool]:
    """Follow the feed at ``url`` (or the one a page names in its ``<link>``), and take
    its items. Returns the feed, its first refresh, and False if it was followed already."""
    with client_for(client) as http:
        response = _get(url, http)
        feed_url = canonical_url(response.url)
        try:
            parsed = parse_feed(response.data, response.content_type, response.url)
        except NotAFeed:
            found = discovered_feed(response)
            if found is None:
                raise
            response = _get(found, http)
            feed_url = canonical_url(response.url)
            parsed = parse_feed(response.data, response.content_type, response.url)
        feeds = Feeds(library)
        feed_id, added = feeds.add(feed_url, parsed.title or feed_url, now_iso())
        if not added:
            return feeds.get(feed_id), FeedRefresh(feed_id, parsed.title, unchanged=True), False
        result = _take(library, feed_id, parsed, response)
        _fetch_pages(library, [result], http, progress)
        return feeds.get(feed_id), result, True


def refresh_feeds(library: Library, *, client: httpx.Client | None = None,
                  progress: ProgressSink = NO_PROGRESS,
                  only: int | None = None) -> list[FeedRefresh]:
    """Refresh every feed (or feed ``only``), then fetch the pages their new items need."""
    feeds = Feeds(library)
    targets = [f for f in feeds.all() if only is None or f.id == only]
    results: list[FeedRefresh] = []
    with client_for(client) as http:
        for done, feed in enumerate(targets):
            if progress.cancelled:
                break
            progress.report(done, len(targets), feed.title or feed.url)
            results.append(_refresh_one(library, feed, http))
        progress.report(len(targets), len(targets), "")
        _fetch_pages(library, results, http, progress)
    return results


def _refresh_one(library: Library, feed: Feed, http: httpx.Client) -> FeedRefresh:
    feeds = Feeds(library)
    conditional = {}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.last_modified:
        conditional["If-Modified-Since"] = feed.last_modified
    try:
        response = _get(feed.url, http, conditional)
        if response.status == 304:
            feeds.refreshed(feed.id, at=now_iso())
            return FeedRefresh(feed.id, feed.title, unchanged=True)
        parsed = parse_feed(response.data, response.content_type, response.url)
    except LecternError as exc:
        feeds.refreshed(feed.id, at=now_iso(), problem=str(exc))
        return FeedRefresh(feed.id, feed.title, problem=str(exc))
    return _take(library, feed.id, parsed, response)


def _take(library: Library, feed_id: int, parsed: ParsedFeed, response: Response) -> FeedRefresh:
    """Take the items not seen before; remember the validators for the next refresh."""
    feeds = Feeds(library)
    waiting = WaitingLinks(library)
    seen = feeds.seen_keys(feed_id)
    result = FeedRefresh(feed_id, parsed.title)
    stamp = now_iso()
    fresh = [item for item in parsed.items if item.key not in seen]
    for item in fresh:
        article_id = article_with_url(library, item.url) if item.url else None
        if article_id is None and item.has_full_content:
            try:
                article_id, duplicate = _import_content(library, item)
                result.added += 0 if duplicate else 1
            except LecternError:
                article_id = None  # unreadable content: its page is fetched instead
        if article_id is None and item.url:
            waiting.add(NewLink(item.url, saved_at=item.published or stamp, title=item.title,
                                origin=f"feed:{feed_id}"))
        feeds.add_item(feed_id, item.key, item.url, item.title, item.published, stamp,
                       article_id)
    result.unchanged = not fresh
    feeds.refreshed(feed_id, at=stamp, etag=response.headers.get("etag", ""),
                    last_modified=response.headers.get("last-modified", ""),
                    title=parsed.title, site_url=parsed.site_url)
    return result


def _import_content(library: Library, item: FeedItem) -> tuple[int, bool]:
    """An item that carries its whole text, kept as a small page of its own."""
    title = escape(item.title)
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta name='author' content='{escape(item.author)}'>"
            f"<meta property='article:published_time' content='{escape(item.published)}'>"
            f"</head><body><article><h1>{title}</h1>{item.content_html}</article></body></html>")
    source = Source(page.encode("utf-8"), "html", item.url or item.key, charset="utf-8")
    outcome = store_prepared(library, prepare(source), url=item.url, title=item.title)
    return outcome.article.id, outcome.duplicate


def _fetch_pages(library: Library, results: list[FeedRefresh], http: httpx.Client,
                 progress: ProgressSink) -> None:
    """Fetch the waiting pages of the feeds just refreshed; count them per feed."""
    by_feed = {f"feed:{r.feed_id}": r for r in results}
    for outcome in fetch_waiting(library, client=http, progress=progress,
                                 origins=tuple(by_feed)):
        result = by_feed.get(outcome.origin)
        if result is None:
            continue
        if outcome.status == DONE and not outcome.duplicate:
            result.added += 1
            result.unchanged = False
        elif outcome.status != DONE:
            result.waiting += 1


def discovered_feed(response: Response) -> str | None:
    """The feed a web page names in ``<link rel="alternate" type="…">``, if any."""
    head = response.data[:200_000].decode("utf-8", "replace")
    for tag in _ALTERNATE.findall(head):
        href = _HREF.search(tag)
        if href:
            return str(urljoin(response.url, href.group(1).replace("&amp;", "&")))
    return None


def _get(url: str, http: httpx.Client, headers: dict[str, str] | None = None) -> Response:
    return fetch(url, max_bytes=MAX_SOURCE_BYTES, accept=ACCEPT, headers=headers, client=http)
