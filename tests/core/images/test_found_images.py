"""Images are found at import and placed between blocks; the text never changes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from image_server import article_page

from desktop.core.cleaning import clean_html, clean_markdown, clean_pasted
from desktop.core.cleaning import html as html_cleaner
from desktop.core.cleaning.image_sources import MAX_INLINE_IMAGE_CHARS, image_src, is_tracking_pixel

BASE = "https://example.org"


def test_html_images_sit_between_the_right_blocks() -> None:
    article = clean_html(article_page(BASE, ["/img/a.png", "/img/b.png"]))
    assert [(im.position, im.src, im.alt) for im in article.images] == [
        (2, f"{BASE}/img/a.png", "Figure 0 of the shore"),
        (3, f"{BASE}/img/b.png", "Figure 1 of the shore"),
    ]
    assert article.blocks[1].text.startswith("Paragraph 0")
    assert article.blocks[2].text.startswith("Paragraph 1")
    assert "Figure" not in article.text and "img" not in article.text


def _page(body: str, head: str = "") -> str:
    words = ("The committee met on Tuesday to read the harbour report aloud, and every "
             "member had a question about the budget for the new sea wall.")
    return (f"<html><head><title>Harbour report</title>{head}</head><body><article>"
            f"<h1>Harbour report</h1><p>{words}</p>{body}<p>{words} Then they voted.</p>"
            "</article></body></html>")


def test_relative_images_resolve_against_the_page_url_and_unsafe_ones_are_dropped() -> None:
    page = _page('<img src="/pics/wall.jpg" alt="The wall" title="Photo: J. Doe">'
                 '<img src="javascript:alert(1)" alt="script"><img src="file:///etc/passwd">'
                 '<img src="https://t.example.com/pixel.gif" width="1" height="1">',
                 head='<link rel="canonical" href="https://news.example.com/2026/harbour">')
    article = clean_html(page)
    assert [(im.src, im.alt, im.caption) for im in article.images] == [
        ("https://news.example.com/pics/wall.jpg", "The wall", "Photo: J. Doe")]


def test_with_no_page_url_a_relative_image_cannot_be_loaded_so_it_is_not_kept() -> None:
    assert clean_html(_page('<img src="/pics/wall.jpg" alt="The wall">')).images == []


def test_image_addresses_policy() -> None:
    assert image_src("pic.png", "https://a.org/x/page.html") == "https://a.org/x/pic.png"
    assert image_src("//cdn.org/p.png", "https://a.org/") == "https://cdn.org/p.png"
    assert image_src("https://a.org/p\n.png") == "https://a.org/p.png"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://a.org/p.png", "p.png", "",
                "data:text/html,<script>", "http:///nohost.png"):
        assert image_src(bad) is None, bad
    small = "data:image/png;base64," + "A" * 100
    assert image_src(small) == small
    assert image_src("data:image/png;base64," + "A" * MAX_INLINE_IMAGE_CHARS) is None
    assert is_tracking_pixel("1", "1") and is_tracking_pixel("2px", None)
    assert not is_tracking_pixel("640", "480") and not is_tracking_pixel(None, "auto")


def test_markdown_images_are_placed_and_the_text_is_what_it_was() -> None:
    source = ("---\ntitle: Field notes\nurl: https://blog.example.net/notes/field\n---\n"
              "The first paragraph is about the long walk out to the lighthouse.\n\n"
              "![The lighthouse at dusk](images/light.jpg \"Taken in May\")\n\n"
              "The second paragraph is about the keeper and his ![icon](https://x.org/i.png) "
              "logbook.\n\n```\n![not an image](in-code.png)\n```\n\n"
              "![](javascript:alert(1))\n")
    article = clean_markdown(source)
    assert [(im.position, im.src, im.alt, im.caption) for im in article.images] == [
        (2, "https://blog.example.net/notes/images/light.jpg", "The lighthouse at dusk",
         "Taken in May"),
        (3, "https://x.org/i.png", "icon", ""),
    ]
    assert article.blocks[2].text == "The second paragraph is about the keeper and his logbook."


def test_pasted_text_has_no_images() -> None:
    article = clean_pasted("A title\n\nSome text with ![an image](https://x.org/a.png) in it, "
                           "long enough to be an article of its own for the cleaner.")
    assert article.images == []


def test_a_page_that_defeats_the_image_pass_keeps_its_text(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    page = _page('<img src="https://example.org/a.png" alt="A">')
    expected = clean_html(page).text

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RecursionError("too deep")

    monkeypatch.setattr("desktop.core.cleaning.html_images.place_images", broken)
    article = clean_html(page)
    assert article.text == expected and article.images == []


def test_shared_pages_keep_their_exact_text_and_get_their_images(shared_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    """Every dev page cleans to the same text whether or not images are looked for."""
    folder = shared_dir / "data" / "extraction-dev"
    pages = sorted(folder.glob("*.json"))
    assert len(pages) >= 50
    with_images: dict[str, tuple[str, int]] = {}
    for meta in pages:
        html = gzip.decompress(meta.with_name(meta.stem + ".html.gz").read_bytes())
        url = json.loads(meta.read_text(encoding="utf-8"))["url"]
        article = clean_html(html.decode("utf-8", "replace"), url)
        with_images[meta.stem] = (article.text, len(article.images))
        assert all(1 <= im.position <= len(article.blocks) for im in article.images)
        positions = [im.position for im in article.images]
        assert positions == sorted(positions)
    monkeypatch.setattr(html_cleaner, "find_images", lambda *_args: [])
    for meta in pages:
        html = gzip.decompress(meta.with_name(meta.stem + ".html.gz").read_bytes())
        url = json.loads(meta.read_text(encoding="utf-8"))["url"]
        assert clean_html(html.decode("utf-8", "replace"), url).text == with_images[meta.stem][0]
    assert sum(count for _text, count in with_images.values()) >= 30  # most pages have some
