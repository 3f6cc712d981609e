"""Loading an article's images when the user asks: fetch what is not cached yet,
keep each one as it arrives, remember why any failed, allow the article to show them.

Runs off the GUI thread on a ``Library`` of its own. Each image is stored in its
own transaction, so a failure (or a cancel) halfway keeps the images already had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.images.fetch import ImageFetchError, fetch_image
from desktop.core.images.model import CachedImage
from desktop.core.images.store import (
    allow_images,
    article_images,
    cached_sources,
    save_loaded,
    save_problem,
)

if TYPE_CHECKING:
    from desktop.core.library import Library

Fetcher = Callable[[str], CachedImage]
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
    """Fetch each image of the article not loaded yet (one request per address)."""
    sources = list(dict.fromkeys(image.src for image in article_images(library, article_id)))
    have = cached_sources(library, article_id)
    report = LoadReport(article_id, total=len(sources), cached=len(have & set(sources)))
    if sources:
        allow_images(library, article_id, now_iso())
    wanted = [src for src in sources if src not in have]
    for done, src in enumerate(wanted):
        if cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, len(wanted), f"Loading image {done + 1} of {len(wanted)}…")
        try:
            image = fetch(src)
        except ImageFetchError as exc:
            report.problems[src] = str(exc)
            save_problem(library, article_id, src, str(exc), now_iso())
            continue
        save_loaded(library, article_id, image, now_iso())
        report.loaded += 1
    if progress is not None:
        progress(len(wanted), len(wanted), "")
    return report
