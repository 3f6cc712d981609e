"""A local web server for the image tests: counts every request, serves made-up PNGs.

Nothing is copied from elsewhere: the PNG bytes are written here with zlib. Routes:
``/img…`` a picture, ``/missing.png`` 404, ``/page.png`` HTML sent as a
page, ``/huge.png`` a picture over the 8 MB limit, ``/bomb.png`` a small file claiming
40000 x 40000 pixels, ``/broken.png`` a damaged PNG, ``/to-file.png`` a redirect to
``file:``, ``/moved.png`` a redirect to a picture, ``/loop.png`` a redirect loop, ``/nolength.png`` 2 MB sent without a
length, ``/slow…`` answers after 1.5 s. ``peak`` says how many requests were answered at once (a reply still being
sent may overlap the client's next request).
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from loopback import QuietHandler, serving

from desktop.core.images.fetch import MAX_IMAGE_BYTES


def make_png(width: int = 240, height: int = 120, rgb: tuple[int, int, int] = (70, 110, 160)
             ) -> bytes:
    """A ``width`` x ``height`` PNG: a band of ``rgb`` fading to white, left to right."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"".join(bytes(c + (255 - c) * x // max(width - 1, 1) for c in rgb)
                   for x in range(width))
    pixels = b"".join(b"\x00" + row for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))


PNG = make_png()


def bomb_png(width: int = 40_000, height: int = 40_000) -> bytes:
    """A few KB claiming ``width`` x ``height`` pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress((b"\x00" + b"\x00" * 3 * width) * 50, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
            + chunk(b"IEND", b""))


@dataclass
class ImageServer:
    base: str
    requests: list[str] = field(default_factory=list)
    active: int = 0  # requests being answered now
    peak: int = 0  # the most answered at once
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def count(self, path: str) -> int:
        return self.requests.count(path)


def _handler(server: ImageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            server.requests.append(self.path)
            with server.lock:
                server.active += 1
                server.peak = max(server.peak, server.active)
            try:
                self._answer()
            finally:
                with server.lock:
                    server.active -= 1

        def _answer(self) -> None:
            if self.path.startswith("/img"):
                self.send_body(200, "image/png", PNG)
            elif self.path == "/page.png":
                self.send_body(200, "text/html; charset=utf-8", b"<html><body>Sign in</body></html>")
            elif self.path == "/huge.png":
                self.send_body(200, "image/png", PNG + b"\x00" * MAX_IMAGE_BYTES)
            elif self.path == "/bomb.png":
                self.send_body(200, "image/png", bomb_png())
            elif self.path == "/broken.png":  # a PNG signature, then garbage
                self.send_body(200, "image/png", PNG[:8] + b"\x00garbage" * 10)
            elif self.path == "/to-file.png":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path in ("/loop.png", "/moved.png"):
                self.send_response(302)
                self.send_header("Location", "/loop.png" if self.path == "/loop.png"
                                 else "/img/moved.png")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/nolength.png":  # sent until the connection closes
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                with suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(PNG + b"\x00" * (2 * 1024 * 1024))
            elif self.path.startswith("/slow"):
                time.sleep(1.5)
                self.send_body(200, "image/png", PNG)
            else:
                self.send_body(404, "text/html", b"<h1>Not Found</h1>")

    return Handler


@contextmanager
def image_server() -> Iterator[ImageServer]:
    state = ImageServer("")
    with serving(_handler(state)) as base:
        state.base = base
        yield state


def article_page(base: str, images: list[str]) -> str:
    """A saved page whose paragraphs alternate with images from ``base``."""
    paragraphs = []
    for i, path in enumerate(images):
        paragraphs.append(
            f"<p>Paragraph {i} of the field report: the survey team walked the north shore at "
            f"low tide, logged every mooring ring and photographed the old sea wall.</p>"
            f'<figure><img src="{base}{path}" alt="Figure {i} of the shore"></figure>')
    paragraphs.append("<p>The last paragraph says what the team will do next spring, when the "
                      "water is low again and the light is good.</p>")
    return (f"<!doctype html><html lang='en'><head><title>Shore survey</title></head><body>"
            f"<article><h1>Shore survey</h1>{''.join(paragraphs)}</article></body></html>")
