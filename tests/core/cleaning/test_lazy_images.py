"""Lazy-loaded pictures are found at import; the article's text never changes."""

from __future__ import annotations

import pytest

from desktop.core.cleaning import clean_html
from desktop.core.cleaning import html as html_cleaner
from desktop.core.cleaning.lazy_images import best_source, preferred_candidate, reveal_lazy_images

BASE = "https://example.org/news/harbour"
WORDS = ("The committee met on Tuesday to read the harbour report aloud, and every member "
         "had a question about the budget for the new sea wall.")
BLANK = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def _page(*images: str) -> str:
    figures = "".join(f"<figure>{image}<figcaption>Picture {n}</figcaption></figure><p>{WORDS}</p>"
                      for n, image in enumerate(images))
    return (f"<html><head><title>Harbour report</title></head><body><article>"
            f"<h1>Harbour report</h1><p>{WORDS}</p>{figures}<p>{WORDS} Then they voted.</p>"
            "</article></body></html>")


def test_lazy_pictures_are_found_with_their_real_addresses() -> None:
    page = _page(
        f'<img src="{BLANK}" data-src="https://cdn.example.org/photo?id=7&amp;w=900" alt="Wall">',
        '<img class="lazyload" data-srcset="/p/quay-480.jpg 480w, /p/quay-1600.jpg 1600w, '
        '/p/quay-1280.jpg 1280w" alt="Quay">',
        '<img src="https://img.example.org/i/8c1f2e" alt="No extension">',
        '<img srcset="https://res.example.org/w_480,c_fill/boat.jpg 1x, '
        'https://res.example.org/w_960,c_fill/boat.jpg 2x" alt="Boat">',
    )
    article = clean_html(page, url=BASE)
    assert [(image.src, image.alt) for image in article.images] == [
        ("https://cdn.example.org/photo?id=7&w=900", "Wall"),
        ("https://example.org/p/quay-1280.jpg", "Quay"),
        ("https://img.example.org/i/8c1f2e", "No extension"),
        ("https://res.example.org/w_960,c_fill/boat.jpg", "Boat"),
    ]
    assert all("lectern-image" not in image.src for image in article.images)


def test_the_text_is_the_same_with_and_without_the_lazy_pictures(
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(f'<img src="{BLANK}" data-src="https://cdn.example.org/a.jpg" alt="A">',
                 '<img data-srcset="/b.jpg 800w" alt="B">')
    with_images = clean_html(page, url=BASE)
    monkeypatch.setattr(html_cleaner, "find_images", lambda *_args: [])
    without = clean_html(page, url=BASE)
    assert len(with_images.images) == 2 and without.images == []
    assert with_images.text == without.text and with_images.blocks == without.blocks


def test_what_a_lazy_loader_would_show_comes_first() -> None:
    assert best_source({"src": "/spinner-loading.gif", "data-original": "/real.jpg"}) == "/real.jpg"
    assert best_source({"src": "/q_lqip/a.jpg", "data-src": "/q_lossy/a.jpg"}) == "/q_lossy/a.jpg"
    assert best_source({"src": "/a.jpg", "srcset": "/a-2000.jpg 2000w"}) == "/a.jpg"
    assert best_source({"src": "/missing-image.svg", "data-src": "/x.svg"}) == ""
    assert best_source({"src": BLANK}) == ""
    assert best_source({"alt": "nothing at all"}) == ""


def test_the_srcset_picture_fits_a_reading_column() -> None:
    assert preferred_candidate("/s.jpg 320w, /l.jpg 2400w, /m.jpg 1280w") == "/m.jpg"
    assert preferred_candidate("/s.jpg 320w, /m.jpg 650w") == "/m.jpg"  # the widest there is
    assert preferred_candidate("/a.jpg, /b.jpg 2x, /c.jpg 3x") == "/b.jpg"
    assert preferred_candidate("/only.jpg") == "/only.jpg"
    assert preferred_candidate(f"{BLANK} 1x, /icon.svg 2x") == ""
    assert preferred_candidate("") == ""


def test_tags_without_a_better_address_are_left_as_they_are() -> None:
    untouched = f'<p>x</p><img src="{BLANK}" alt="pixel"><img alt="empty">'
    assert reveal_lazy_images(untouched) == untouched


def test_a_lazy_tracking_pixel_is_no_picture() -> None:
    page = _page('<img data-srcset="https://t.example.net/pixel?u=42 1x" width="1" height="1">',
                 '<img data-src="https://cdn.example.org/a.jpg" alt="A">')
    assert [image.src for image in clean_html(page, url=BASE).images] == [
        "https://cdn.example.org/a.jpg"]


def test_a_page_of_endless_images_is_rewritten_only_up_to_the_limit() -> None:
    tag = '<img data-src="https://cdn.example.org/a.jpg">'
    rewritten = reveal_lazy_images(tag * 12, limit=10)
    assert rewritten.count("lectern-image") == 10 and rewritten.endswith(tag * 2)
