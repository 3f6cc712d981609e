"""Images in the library: stored at import, replaced on update, cached, forgotten."""

from __future__ import annotations

from pathlib import Path

from image_server import PNG, article_page

from desktop.core.images.fetch import ImageFetchError
from desktop.core.images.loading import load_article_images
from desktop.core.importing import Source
from desktop.core.models import CachedImage
from desktop.core.operations.import_articles import import_source
from desktop.core.operations.update_article import replace_content
from desktop.core.storage.images import (
    article_images,
    cached_images,
    forget_images,
    images_allowed,
    load_problems,
)
from desktop.core.storage.library import Library

BASE = "https://example.org"


def _import(library: Library, images: list[str]) -> int:
    page = article_page(BASE, images).encode()
    return import_source(library, Source(page, "html", "shore.html")).article.id


class FakeWeb:
    """Answers fetches from a dict; counts them."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, src: str) -> CachedImage:
        self.asked.append(src)
        if src.endswith("missing.png"):
            raise ImageFetchError("the server answered 404 Not Found")
        return CachedImage(src, "image/png", PNG)


def test_import_stores_placements_and_fetches_nothing(library: Library) -> None:
    article_id = _import(library, ["/img/a.png", "/img/b.png"])
    images = article_images(library, article_id)
    assert [(im.position, im.src) for im in images] == [(2, f"{BASE}/img/a.png"),
                                                       (3, f"{BASE}/img/b.png")]
    assert not images_allowed(library, article_id) and cached_images(library, article_id) == {}


def test_loading_fetches_each_image_once_and_keeps_failures_apart(library: Library) -> None:
    article_id = _import(library, ["/img/a.png", "/img/b.png", "/missing.png"])
    web = FakeWeb()
    report = load_article_images(library, article_id, fetch=web)
    assert (report.total, report.loaded, report.cached) == (3, 2, 0)
    assert report.problems == {f"{BASE}/missing.png": "the server answered 404 Not Found"}
    assert "Loaded 2 images; 1 could not be loaded (the server answered 404" in report.summary()
    assert images_allowed(library, article_id)
    assert set(cached_images(library, article_id)) == {f"{BASE}/img/a.png", f"{BASE}/img/b.png"}
    assert load_problems(library, article_id) == report.problems

    again = load_article_images(library, article_id, fetch=web)
    assert (again.loaded, again.cached) == (0, 2)
    assert web.asked.count(f"{BASE}/img/a.png") == 1  # the cache answers; the failure is retried
    assert web.asked.count(f"{BASE}/missing.png") == 2


def test_update_replaces_placements_and_keeps_what_was_loaded(library: Library) -> None:
    article_id = _import(library, ["/img/a.png", "/img/b.png"])
    load_article_images(library, article_id, fetch=FakeWeb())
    newer = article_page(BASE, ["/img/b.png", "/img/c.png", "/img/d.png"]).encode()
    replace_content(library, article_id, Source(newer, "html", "shore-v2.html"))
    assert [im.src for im in article_images(library, article_id)] == [
        f"{BASE}/img/b.png", f"{BASE}/img/c.png", f"{BASE}/img/d.png"]
    assert f"{BASE}/img/b.png" in cached_images(library, article_id)


def test_forgetting_and_deleting_remove_the_bytes(library: Library) -> None:
    first = _import(library, ["/img/a.png"])
    load_article_images(library, first, fetch=FakeWeb())
    assert forget_images(library, first) == 1
    assert cached_images(library, first) == {} and not images_allowed(library, first)
    assert len(article_images(library, first)) == 1  # the placeholder stays

    load_article_images(library, first, fetch=FakeWeb())
    library.delete_article(first)
    for table in ("article_images", "image_cache", "images_allowed"):
        assert library.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_backup_and_restore_keep_the_loaded_images(library: Library, tmp_path: Path) -> None:
    from desktop.core.export.backup import backup_library
    from desktop.core.export.restore import restore_library
    from desktop.core.storage.backups import make_backup

    article_id = _import(library, ["/img/a.png", "/missing.png"])
    load_article_images(library, article_id, fetch=FakeWeb())
    archive = tmp_path / "backup.lectern.zip"
    backup_library(library, archive)
    fresh = Library.open(tmp_path / "new" / "library.sqlite3")
    try:
        restore_library(fresh, archive)
        assert cached_images(fresh, article_id) == cached_images(library, article_id)
        assert images_allowed(fresh, article_id)
        assert load_problems(fresh, article_id) == load_problems(library, article_id)
        assert article_images(fresh, article_id) == article_images(library, article_id)
    finally:
        fresh.close()
    automatic = make_backup(library.conn, tmp_path / "auto")  # the copy made on close
    copy = Library.open(automatic)
    try:
        assert cached_images(copy, article_id)[f"{BASE}/img/a.png"].data == PNG
    finally:
        copy.close()


def test_what_remove_took_can_be_put_back(library: Library) -> None:
    from desktop.core.storage.images import loaded_state, restore_loaded_state

    article_id = _import(library, ["/img/a.png", "/missing.png"])
    load_article_images(library, article_id, fetch=FakeWeb())
    before = (cached_images(library, article_id), load_problems(library, article_id))
    state = loaded_state(library, article_id)
    forget_images(library, article_id)
    restore_loaded_state(library, article_id, state, "2026-01-01T00:00:00+00:00")
    assert (cached_images(library, article_id), load_problems(library, article_id)) == before
    assert images_allowed(library, article_id)
