"""Loading an article's images: a few requests at once, each address once, and a
stop that starts nothing new."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from image_server import PNG, ImageServer, article_page, image_server

from desktop.core.images.fetch import fetch_image
from desktop.core.images.loading import CONCURRENT_FETCHES, load_article_images
from desktop.core.importing import Source
from desktop.core.models import CachedImage
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.images import cached_images
from desktop.core.storage.library import Library


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with image_server() as running:
        yield running


def _import(library: Library, base: str, images: list[str]) -> int:
    page = article_page(base, images).encode()
    return import_source(library, Source(page, "html", "shore.html")).article.id


def test_several_images_are_fetched_at_once_each_address_once(
        library: Library, server: ImageServer) -> None:
    slow = [f"/slow-{n}.png" for n in range(CONCURRENT_FETCHES + 2)]
    article_id = _import(library, server.base, [*slow, slow[0]])  # one address twice
    seen: list[tuple[int, int, str]] = []
    lock, active, peak = threading.Lock(), [0], [0]

    def fetch(src: str) -> CachedImage:  # the real fetch, counted while under way
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            return fetch_image(src)
        finally:
            with lock:
                active[0] -= 1

    report = load_article_images(library, article_id, fetch=fetch,
                                 progress=lambda *a: seen.append(a))
    assert (report.total, report.loaded, report.problems) == (len(slow), len(slow), {})
    assert sorted(server.requests) == sorted(slow)
    assert peak[0] == CONCURRENT_FETCHES  # never more than that at once
    assert server.peak >= 2  # and they did reach the server together
    assert set(cached_images(library, article_id)) == {server.url(p) for p in slow}
    assert seen[0][:2] == (0, len(slow)) and seen[-1][:2] == (len(slow), len(slow))
    assert [done for done, _total, message in seen if message.startswith("Loaded")] == list(
        range(1, len(slow) + 1))


def test_a_stop_lets_the_requests_under_way_finish_and_starts_no_more(library: Library) -> None:
    names = [f"/img/{n}.png" for n in range(CONCURRENT_FETCHES + 3)]
    article_id = _import(library, "https://example.org", names)
    started, release, stop = threading.Semaphore(0), threading.Event(), threading.Event()
    asked: list[str] = []

    def fetch(src: str) -> CachedImage:
        asked.append(src)
        started.release()
        release.wait(10)
        return CachedImage(src, "image/png", PNG)

    def stop_when_all_threads_are_busy() -> None:
        for _ in range(CONCURRENT_FETCHES):
            started.acquire(timeout=10)
        stop.set()
        release.set()

    threading.Thread(target=stop_when_all_threads_are_busy, daemon=True).start()
    report = load_article_images(library, article_id, fetch=fetch, cancelled=stop.is_set)
    assert len(asked) == CONCURRENT_FETCHES and report.loaded == CONCURRENT_FETCHES
    assert report.cancelled
    assert report.summary() == "Loaded 4 images; stopped, 3 not tried"
    assert len(cached_images(library, article_id)) == CONCURRENT_FETCHES
