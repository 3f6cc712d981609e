"""Loading an article's images when the user asks: fetch what is not cached yet,
keep each one as it arrives, remember why any failed, allow the article to show them.

Runs off the GUI thread on a ``Library`` of its own; a few images are fetched at
once. Each image is stored in its own transaction, so a failure (or a cancel)
halfway keeps the images already had.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.images.fetch import ImageFetchError, fetch_image
from desktop.core.models import CachedImage
from desktop.core.storage.images import (
    allow_images,
    article_images,
    cached_sources,
    save_loaded,
    save_problem,
)

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

Fetcher = Callable[[str], CachedImage]
# Requests at once for one article: browsers open about six per host; four keep
# an article of many images quick without pressing a small site's server.
CONCURRENT_FETCHES = 4
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class LoadReport:
    article_id: int
    total: int = 0  # distinct images of the article
    loaded: int = 0  # fetched now
    cached: int = 0  # already loaded before: not fetched again
    problems: dict[str, str] = field(default_factory=dict)  # address -> why it failed
    cancelled: bool = False

    def summary(self) -> str:
        if self.total == 0:
            return "This article has no images"
        shown = self.loaded + self.cached
        text = f"Loaded {self.loaded} image{'s' if self.loaded != 1 else ''}"
        if self.cached:
            text += f" ({self.cached} already loaded)"
        if self.problems:
            reason = next(iter(self.problems.values()))
            text += f"; {len(self.problems)} could not be loaded ({reason})"
        if self.cancelled:
            text += f"; stopped, {self.total - shown - len(self.problems)} not tried"
        return text


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_article_images(library: Library, article_id: int, *, fetch: Fetcher = fetch_image,
                        progress: ProgressCallback | None = None,
                        cancelled: Callable[[], bool] = lambda: False) -> LoadReport:
    """Fetch each image of the article not loaded yet (one request per address).

    Up to ``CONCURRENT_FETCHES`` requests run at once, in threads of their own;
    each image is stored here, in the caller's thread (the library's connection
    stays in the thread that opened it), as it arrives. Once ``cancelled()`` says
    so, no new request starts; those already under way finish and are kept.
    """
    sources = list(dict.fromkeys(image.src for image in article_images(library, article_id)))
    have = cached_sources(library, article_id)
    report = LoadReport(article_id, total=len(sources), cached=len(have & set(sources)))
    if sources:
        allow_images(library, article_id, now_iso())
    wanted = [src for src in sources if src not in have]
    if progress is not None and wanted:
        progress(0, len(wanted), f"Loading {_images(len(wanted))}…")

    def attempt(src: str) -> CachedImage | None:  # in a fetching thread
        return None if cancelled() else fetch(src)

    finished = 0
    pool = ThreadPoolExecutor(max_workers=max(1, min(CONCURRENT_FETCHES, len(wanted))),
                              thread_name_prefix="lectern-image")
    try:
        pending = {pool.submit(attempt, src): src for src in wanted}
        while pending:
            done, _running = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                src = pending.pop(future)
                try:
                    image = future.result()
                except ImageFetchError as exc:
                    report.problems[src] = str(exc)
                    save_problem(library, article_id, src, str(exc), now_iso())
                else:
                    if image is None:  # cancelled before its turn: not tried
                        report.cancelled = True
                        continue
                    save_loaded(library, article_id, image, now_iso())
                    report.loaded += 1
                finished += 1
                if progress is not None:
                    progress(finished, len(wanted), f"Loaded {finished} of {_images(len(wanted))}…")
    finally:  # on an error (the article deleted meanwhile), start nothing more
        pool.shutdown(wait=True, cancel_futures=True)
    if progress is not None:
        progress(len(wanted), len(wanted), "")
    return report


def _images(count: int) -> str:
    return f"{count} image{'s' if count != 1 else ''}"
