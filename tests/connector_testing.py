"""Helpers for the browser connector's tests: a made-up article page, a connector
on a free port of 127.0.0.1, and raw HTTP requests (any Host, any header)."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

from desktop.core.connector.server import ConnectorServer, SaveFunction, library_saver

PARAGRAPHS = [
    "The harbour commission met on Tuesday to weigh a plan that would widen the old "
    "channel for the first time since the ferries stopped running in the winter.",
    "Engineers told the commission that the silt had been building up for a decade, "
    "and that the smaller fishing boats already scrape the bottom at low tide.",
    "Residents of the east quay asked for the dredging to wait until autumn, when the "
    "birds that nest on the sandbanks have left for the south.",
    "The commission’s chair said the vote would come next month, after a survey of the "
    "channel and a second hearing on the cost of moving the spoil out to sea.",
    "Local fishermen have argued for years that the channel is the town’s lifeline, "
    "and several spoke at the hearing about nights spent waiting for the tide.",
]


def article_page(title: str = "A Plan to Widen the Old Channel",
                 paragraphs: list[str] | None = None, url: str = "") -> str:
    """A saved-page-like article: navigation, the article, a comment section."""
    body = "".join(f"<p>{escape(p)}</p>" for p in (paragraphs or PARAGRAPHS))
    canonical = f'<link rel="canonical" href="{escape(url)}">' if url else ""
    return (f"<!doctype html><html><head><meta charset='windows-1252'><title>{escape(title)}"
            f"</title>{canonical}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a>"
            f"</nav><article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>Subscribe to our newsletter</footer></body></html>")


@contextmanager
def serving(save: SaveFunction, token: str) -> Iterator[ConnectorServer]:
    """A connector on a free port, answering in a thread until the block ends."""
    server = ConnectorServer(0, token, save)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def serving_library(library_path: Path, token: str) -> Iterator[ConnectorServer]:
    with serving(library_saver(library_path), token) as server:
        yield server


def call(port: int, method: str, path: str, body: Any = None, *,
         headers: dict[str, str] | None = None, host: str | None = None
         ) -> tuple[int, dict[str, Any], dict[str, str]]:
    """One request; (status, JSON answer or {}, headers with lower-case names)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    data = body if isinstance(body, bytes | None) else json.dumps(body).encode("utf-8")
    sent = {"Host": host if host is not None else f"127.0.0.1:{port}", **(headers or {})}
    try:
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        raw = response.read()
        answer = json.loads(raw) if raw else {}
        return response.status, answer, {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def save_body(url: str = "https://news.example/harbour?id=7", **extra: Any) -> dict[str, Any]:
    return {"url": url, "html": article_page(), "title": "The harbour", **extra}
