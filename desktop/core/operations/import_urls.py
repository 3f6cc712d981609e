"""Import pages from their addresses: ``lectern import URL...``, File ▸ Import from URL….

Each address is checked first (http or https only) and looked up in the library
by its canonical form, so a page already there is not downloaded again. The
others download several at once (``EXPLICIT_PER_HOST`` per site: the user is
waiting, as with a browser opening tabs) while this thread cleans and stores
the ones that arrived, so fetching and cleaning overlap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import httpx

from desktop.core.cleaning._article import fallback_title
from desktop.core.errors import LecternError
from desktop.core.importing import Prepared, content_hash, prepare
from desktop.core.importing.web_page import FetchedPage, fetch_page
from desktop.core.models import Block, BlockKind, CleanedArticle
from desktop.core.net.http import new_client
from desktop.core.net.polite import EXPLICIT_PER_HOST, EXPLICIT_WORKERS, fetch_all
from desktop.core.net.urls import canonical_url, host_of, web_address
from desktop.core.operations.progress import NO_PROGRESS, ProgressSink
from desktop.core.storage.library import ImportOutcome, Library


@dataclass(frozen=True)
class UrlOutcome:
    """What became of one address: an article (new or already there), or a problem."""

    url: str  # as the user gave it
    article_id: int | None = None
    title: str = ""
    words: int = 0
    duplicate: bool = False
    problem: str = ""


def article_with_url(library: Library, url: str) -> int | None:
    """The article stored from this canonical address, if any."""
    row = library.conn.execute("SELECT id FROM articles WHERE url = ? LIMIT 1",
                               (url,)).fetchone()
    return None if row is None else int(row[0])


def store_page(library: Library, page: FetchedPage, *, title: str = "") -> ImportOutcome:
    """Clean a downloaded page and keep it (its bytes as the source, its canonical
    address as its url). ``title``: used when the page has none of its own."""
    return store_prepared(library, prepare(page.source), url=page.url, title=title)


def store_prepared(library: Library, ready: Prepared, *, url: str,
                   title: str = "") -> ImportOutcome:
    """Keep a cleaned source under ``url`` (not the page's own idea of its address),
    titled ``title`` if it has no title of its own."""
    article = ready.article
    article.metadata.url = url
    if title:
        article = with_title_if_missing(article, title)
    return library.add_article(ready.source, article, ready.encoding, content_hash(article))


def with_title_if_missing(article: CleanedArticle, title: str) -> CleanedArticle:
    """``article`` titled ``title`` if its own title was only made from its first words."""
    body = article.blocks[1:]
    if not body or article.blocks[0].text != fallback_title(body[0].text):
        return article
    article.metadata.title = title
    return replace(article, blocks=[Block(BlockKind.HEADLINE, title), *body])


def import_urls(library: Library, urls: Sequence[str], *, progress: ProgressSink = NO_PROGRESS,
                client: httpx.Client | None = None) -> Iterator[UrlOutcome]:
    """Import each address; yields its outcome as soon as it is known."""
    total = len(urls)
    done = 0
    to_fetch: list[str] = []
    for url in urls:
        try:
            address = web_address(url)
        except LecternError as exc:
            done += 1
            yield UrlOutcome(url, problem=str(exc))
            continue
        known = article_with_url(library, canonical_url(address))
        if known is not None:
            done += 1
            record = library.article(known)
            yield UrlOutcome(url, known, record.title, record.word_count, duplicate=True)
            continue
        to_fetch.append(url)
    progress.report(done, total, "")
    http = client or new_client(max_connections=EXPLICIT_WORKERS)
    try:
        outcomes = fetch_all(to_fetch, lambda u: fetch_page(u, client=http), host_of,
                             workers=EXPLICIT_WORKERS, per_host=EXPLICIT_PER_HOST,
                             cancelled=lambda: progress.cancelled)
        for outcome in outcomes:
            done += 1
            progress.report(done, total, outcome.job)
            yield _stored(library, outcome.job, outcome.result, outcome.error)
    finally:
        if client is None:
            http.close()


def _stored(library: Library, url: str, page: FetchedPage | None,
            error: BaseException | None) -> UrlOutcome:
    if error is not None or page is None:
        return UrlOutcome(url, problem=_message(error))
    try:
        outcome = store_page(library, page)
    except LecternError as exc:
        return UrlOutcome(url, problem=str(exc))
    record = outcome.article
    return UrlOutcome(url, record.id, record.title, record.word_count, outcome.duplicate)


def _message(error: BaseException | None) -> str:
    if isinstance(error, LecternError):
        return str(error)
    return f"unexpected error: {type(error).__name__}: {error}"
