"""Download the links waiting in the library (``lectern fetch``, the window's Fetch).

Other apps' exports and feed items that carry only a summary leave links in
``waiting_links``; this brings their pages in, politely: ``QUEUE_WORKERS``
requests at once, at most ``QUEUE_PER_HOST`` per site. A passing failure (a
timeout, a 503, offline) is tried again after a pause within the run, then left
waiting with a later ``next_attempt_at`` (doubling each time) until
``MAX_ATTEMPTS``; a lasting one (a 404, not a page) is given up with its reason.

The state is in the database: a link is marked done in the same breath as its
page is stored, so a quit (or a kill) mid-way loses nothing, and the next run
goes on with what is still waiting. A page stored just before a kill is found
again by its address and the link completed without downloading it twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from desktop.core.annotations.imported import place_quotes
from desktop.core.annotations.store import AnnotationStore
from desktop.core.errors import LecternError
from desktop.core.importing.web_page import FetchedPage, fetch_page
from desktop.core.net.http import FetchProblem, new_client
from desktop.core.net.polite import QUEUE_PER_HOST, QUEUE_WORKERS, fetch_all
from desktop.core.net.urls import BadAddress, canonical_url, host_of
from desktop.core.operations.import_urls import article_with_url, store_page
from desktop.core.operations.progress import NO_PROGRESS, ProgressSink
from desktop.core.storage.library import Library, now_iso
from desktop.core.storage.reading_state import ReadingStates
from desktop.core.storage.waiting import DONE, FAILED, WAITING, WaitingLink, WaitingLinks

MAX_ATTEMPTS = 5  # runs in which a passing failure is tried before giving up
RETRY_PAUSES = (1.0, 4.0)  # seconds between tries within one run
LATER = timedelta(minutes=10)  # first wait before the next run may try again; doubles


@dataclass(frozen=True)
class LinkOutcome:
    link_id: int
    url: str
    origin: str
    status: str  # DONE, WAITING (tried again later) or FAILED (given up)
    article_id: int | None = None
    title: str = ""
    duplicate: bool = False  # the library had the page already
    problem: str = ""


def fetch_waiting(library: Library, *, progress: ProgressSink = NO_PROGRESS,
                  client: httpx.Client | None = None, workers: int = QUEUE_WORKERS,
                  per_host: int = QUEUE_PER_HOST,
                  retry_pauses: Sequence[float] = RETRY_PAUSES,
                  origins: Sequence[str] = ()) -> Iterator[LinkOutcome]:
    """Fetch every link due now (``origins``: only links from these, e.g. "feed:3");
    yields each one's outcome as it is stored."""
    waiting = WaitingLinks(library)
    due = waiting.due(now_iso(), limit=10_000_000)
    if origins:
        due = [link for link in due if link.origin in origins]
    total = len(due)
    done = 0
    to_fetch: list[WaitingLink] = []
    for link in due:
        known = article_with_url(library, canonical_url(link.url))
        if known is None:
            to_fetch.append(link)
            continue
        done += 1
        progress.report(done, total, link.url)
        yield _complete(library, link, known, duplicate=True)
    progress.report(done, total, "")
    http = client or new_client(max_connections=workers)
    try:
        outcomes = fetch_all(
            to_fetch, lambda link: _fetch(link.url, http, retry_pauses, progress),
            lambda link: host_of(link.url), workers=workers, per_host=per_host,
            cancelled=lambda: progress.cancelled)
        for outcome in outcomes:
            done += 1
            progress.report(done, total, outcome.job.url)
            yield _settle(library, outcome.job, outcome.result, outcome.error)
    finally:
        if client is None:
            http.close()


def _fetch(url: str, http: httpx.Client, pauses: Sequence[float],
           progress: ProgressSink) -> FetchedPage:
    """The page, tried again after each pause while the failure is a passing one."""
    for pause in (*pauses, None):
        try:
            return fetch_page(url, client=http)
        except FetchProblem as exc:
            if exc.lasting or pause is None or progress.cancelled:
                raise
        _sleep(pause, lambda: progress.cancelled)
    raise AssertionError("unreachable")  # the last pause is None: the loop raised


def _sleep(seconds: float, cancelled: Callable[[], bool]) -> None:
    deadline = time.monotonic() + seconds
    while not cancelled() and (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 0.1))


def _settle(library: Library, link: WaitingLink, page: FetchedPage | None,
            error: BaseException | None) -> LinkOutcome:
    waiting = WaitingLinks(library)
    if page is not None:
        try:
            outcome = store_page(library, page, title=link.title)
        except LecternError as exc:  # not an article (nothing to read in the page)
            error = exc
        else:
            return _complete(library, link, outcome.article.id, duplicate=outcome.duplicate)
    problem = str(error) if isinstance(error, LecternError) else \
        f"unexpected error: {type(error).__name__}: {error}"
    passing = isinstance(error, FetchProblem) and not error.lasting
    attempts = link.attempts + 1
    if passing and attempts < MAX_ATTEMPTS:
        waiting.retry_later(link.id, problem, _later(attempts))
        return LinkOutcome(link.id, link.url, link.origin, WAITING, problem=problem)
    if passing:
        problem = f"gave up after {attempts} attempts: {problem}"
    elif isinstance(error, BadAddress):
        problem = str(error)
    waiting.give_up(link.id, problem)
    return LinkOutcome(link.id, link.url, link.origin, FAILED, problem=problem)


def _later(attempts: int) -> str:
    when = datetime.now(UTC) + LATER * (1 << max(0, attempts - 1))
    return when.isoformat(timespec="seconds")


def _complete(library: Library, link: WaitingLink, article_id: int, *,
              duplicate: bool) -> LinkOutcome:
    """The link's page is ``article_id``: carry over what the link knew, then done."""
    states = ReadingStates(library)
    if link.tags:
        states.add_tags(article_id, link.tags)
    if link.archived:
        states.set_archived([article_id], True)
    if link.favourite:
        states.set_favourite([article_id], True)
    current = states.get(article_id)
    if link.progress > current.progress:
        states.set_progress(article_id, link.progress, current.opened_at or link.saved_at)
    waiting = WaitingLinks(library)
    highlights = waiting.highlights(link.id)
    record = library.article(article_id)
    if highlights:
        place_quotes(AnnotationStore(library), article_id, record.text, highlights)
    _remember_origin(library, link, article_id)
    waiting.mark_done(link.id, article_id)
    return LinkOutcome(link.id, link.url, link.origin, DONE, article_id, record.title,
                       duplicate)


def _remember_origin(library: Library, link: WaitingLink, article_id: int) -> None:
    """A feed's item keeps which article it became (the library filters by feed)."""
    if link.origin.startswith("feed:"):
        from desktop.core.storage.feeds import item_arrived

        item_arrived(library, link.url, article_id)


def waiting_summary(library: Library) -> dict[str, int]:
    """How many links wait, failed, or are done: for the window and ``fetch --list``."""
    waiting = WaitingLinks(library)
    return {status: waiting.count(status) for status in (WAITING, FAILED, DONE)}
