"""A web page from its address: fetched once, checked to be a page, kept as a source.

The page's bytes become the article's source exactly as they came (so it reads
offline for ever and can be cleaned again), with the charset the server declared
(or the page itself, in its ``<meta>``) for decoding. What is not a page (a
picture, an archive, a PDF) is refused by its Content-Type *and* by its bytes,
before anything is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from desktop.core.importing.decoding import describe_binary
from desktop.core.importing.source import MAX_SOURCE_BYTES
from desktop.core.models import Source
from desktop.core.net.http import FetchProblem, Response, fetch
from desktop.core.net.urls import canonical_url

ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1"
_PAGE_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
}
# Types that say "some bytes": the bytes themselves decide.
_VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream",
                          "application/unknown", "text/unknown"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class FetchedPage:
    source: Source  # the bytes as sent, named by the canonical address
    url: str  # canonical address after redirects: the article's url
    requested: str  # the address as given


def fetch_page(url: str, *, client: httpx.Client | None = None,
               max_bytes: int = MAX_SOURCE_BYTES) -> FetchedPage:
    """The page at ``url``, or FetchProblem / BadAddress with one line saying why not."""
    response = fetch(url, max_bytes=max_bytes, accept=ACCEPT, client=client,
                     check_head=_refuse_by_type)
    return page_from_response(url, response)


def page_from_response(requested: str, response: Response) -> FetchedPage:
    kind = _kind_of(response)
    final = canonical_url(response.url)
    charset = response.charset
    if not charset and kind == "html":
        charset = meta_charset(response.data)
    source = Source(data=response.data, kind=kind, name=final, charset=charset)
    return FetchedPage(source, final, requested)


def _refuse_by_type(head: Response) -> None:
    """Before the body is read: a type that is surely not a page ends the download."""
    content_type = head.content_type
    if content_type in _PAGE_TYPES or content_type in _VAGUE_TYPES:
        return
    raise FetchProblem(not_a_page(content_type), lasting=True)


def not_a_page(what: str) -> str:
    if what.startswith("image/"):
        what = f"an image ({what})"
    elif what in ("application/zip", "application/x-zip-compressed", "application/gzip",
                  "application/x-tar", "application/x-7z-compressed"):
        what = f"an archive ({what})"
    elif what == "application/pdf":
        what = "a PDF document (application/pdf)"
    return f"the address gives {what}, not a web page"


def _kind_of(response: Response) -> str:
    data = response.data
    if not data.strip():
        raise FetchProblem("the server sent an empty page", lasting=False)
    binary = describe_binary(data)
    if binary is not None:
        raise FetchProblem(f"the address gives {binary}, not a web page", lasting=True)
    declared = _PAGE_TYPES.get(response.content_type)
    if declared == "text" and _HTML_START.match(data[:4096]):
        return "html"  # servers often call a page text/plain; its bytes say otherwise
    if declared is not None:
        return declared
    if _HTML_START.match(data[:4096]):
        return "html"
    if data[:65536].count(0) > 16:
        raise FetchProblem("the address gives a binary file, not a web page", lasting=True)
    return "text"


def meta_charset(data: bytes) -> str:
    """The charset a page declares in its ``<meta>`` (first 4 KB), lowercased, or ""."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else ""
