"""The fetch policy: one request per image, and a clear one-line reason for each failure."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from image_server import PNG, ImageServer, image_server

from desktop.core.images.fetch import ImageFetchError, fetch_image, sniff


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with image_server() as running:
        yield running


def test_a_picture_is_fetched_once_with_its_type(server: ImageServer) -> None:
    image = fetch_image(server.url("/img/one.png"))
    assert (image.content_type, image.data) == ("image/png", PNG)
    assert server.requests == ["/img/one.png"]


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing.png", "the server answered 404 Not Found"),
    ("/page.png", "the server sent text/html, not an image"),
    ("/huge.png", "the image is 8.0 MB; Lectern loads images of up to 8 MB"),
])
def test_failures_say_why_in_one_line(server: ImageServer, path: str, reason: str) -> None:
    with pytest.raises(ImageFetchError) as caught:
        fetch_image(server.url(path))
    assert str(caught.value) == reason
    assert server.count(path) == 1


def test_a_server_that_does_not_answer_in_time_is_given_up(server: ImageServer) -> None:
    with pytest.raises(ImageFetchError, match=r"did not answer within 0\.5 seconds"):
        fetch_image(server.url("/slow.png"), timeout=0.5)


def test_a_body_over_the_limit_without_a_length_is_cut_off(server: ImageServer) -> None:
    with pytest.raises(ImageFetchError, match="the image is over 1 MB; Lectern loads images "
                                              "of up to 1 MB"):
        fetch_image(server.url("/nolength.png"), max_bytes=1024 * 1024)


def test_nothing_listens_offline() -> None:
    with pytest.raises(ImageFetchError, match=r"refused the connection|could not reach"):
        fetch_image("http://127.0.0.1:9/none.png", timeout=2)


def test_only_web_addresses_are_fetched() -> None:
    for src in ("file:///etc/passwd", "ftp://example.org/a.png", "javascript:alert(1)"):
        with pytest.raises(ImageFetchError, match="only web"):
            fetch_image(src)


def test_inline_images_are_decoded_not_fetched() -> None:
    image = fetch_image("data:image/png;base64," + base64.b64encode(PNG).decode())
    assert image.data == PNG and image.content_type == "image/png"
    with pytest.raises(ImageFetchError, match="not a picture"):
        fetch_image("data:image/png;base64," + base64.b64encode(b"<html>").decode())
    with pytest.raises(ImageFetchError, match="SVG"):
        fetch_image("data:image/svg+xml,<svg onload='alert(1)'/>")


def test_the_bytes_must_be_a_picture() -> None:
    assert sniff(PNG) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0JFIF") == "image/jpeg"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff(b"<svg></svg>") is None and sniff(b"") is None


def test_redirects_to_a_picture_are_followed_and_loops_are_not(server: ImageServer) -> None:
    assert fetch_image(server.url("/moved.png")).data == PNG
    assert server.requests == ["/moved.png", "/img/moved.png"]
    with pytest.raises(ImageFetchError, match="the server redirected too many times"):
        fetch_image(server.url("/loop.png"))
    assert server.count("/loop.png") <= 6  # the first request and at most 5 redirects
