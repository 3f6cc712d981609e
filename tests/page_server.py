"""A local web server for the URL, fetch and feed tests: pages, bad answers, feeds.

Everything it serves is written here (articles are made-up text). Routes are a
dict of path -> ``Reply`` that a test may change while the server runs; a path
not in it is a 404. The server counts every request, and the most requests it
answered at once, overall and per ``Host`` header (127.0.0.1 and localhost reach
the same server as two sites), for the politeness tests.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from loopback import QuietHandler, serving


@dataclass
class Reply:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (else: until the connection closes)
    etag: str = ""  # answer 304 to a request that sends it back
    last_modified: str = ""  # likewise, by If-Modified-Since
    stream: Callable[[], Iterator[bytes]] | None = None  # a body made while sent
    fail_first: int = 0  # answer 503 to this many requests first (a passing failure)


@dataclass
class PageServer:
    base: str
    routes: dict[str, Reply] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    request_headers: list[dict[str, str]] = field(default_factory=list)
    active: Counter[str] = field(default_factory=Counter)  # by host, now
    peak: Counter[str] = field(default_factory=Counter)  # by host, the most at once
    peak_all: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def count(self, path: str) -> int:
        return sum(1 for p in self.requests if p.split("?")[0] == path.split("?")[0])


def article_html(title: str, paragraphs: int = 6, *, charset_meta: str = "utf-8",
                 extra: str = "") -> str:
    """A page with a headline and ``paragraphs`` paragraphs of made-up field notes."""
    body = "".join(
        f"<p>{title}, note {n}: the survey team walked the north shore at low tide, logged "
        f"every mooring ring and photographed the old sea wall before the storm season. "
        f"The harbour master kept a diary of each visit {extra}.</p>"
        for n in range(paragraphs))
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return (f"<!doctype html><html lang='en'><head>{meta}<title>{title}</title></head>"
            f"<body><nav>Home | About</nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Share on Facebook</footer></body></html>")


def _handler(server: PageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(QuietHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").split(":")[0]
            with server.lock:
                server.requests.append(self.path)
                server.request_headers.append(dict(self.headers.items()))
                server.active[host] += 1
                server.peak[host] = max(server.peak[host], server.active[host])
                server.peak_all = max(server.peak_all, sum(server.active.values()))
            try:
                self._answer()
            finally:
                with server.lock:
                    server.active[host] -= 1

        def _answer(self) -> None:
            reply = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
            if reply is None:
                reply = Reply(b"<h1>Not Found</h1>", status=404)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.fail_first:
                with server.lock:
                    reply.fail_first -= 1
                self._send(Reply(b"busy", status=503))
                return
            if (reply.etag and self.headers.get("If-None-Match") == reply.etag) or (
                    reply.last_modified
                    and self.headers.get("If-Modified-Since") == reply.last_modified):
                self._send(Reply(status=304, etag=reply.etag))
                return
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            try:
                self.send_response(reply.status)
                if reply.status != 304:
                    self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.last_modified:
                    self.send_header("Last-Modified", reply.last_modified)
                if reply.stream is not None or not reply.length:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for chunk in (reply.stream() if reply.stream else iter([reply.body])):
                        self.wfile.write(chunk)
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if reply.body:
                    self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up: fine
                self.close_connection = True

    return Handler


@contextmanager
def page_server(routes: dict[str, Reply] | None = None) -> Iterator[PageServer]:
    state = PageServer("", dict(routes or {}))
    with serving(_handler(state)) as base:
        state.base = base
        state.port = int(base.rsplit(":", 1)[1])
        yield state
