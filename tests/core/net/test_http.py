"""The download layer's answers to a network that fails: offline, slow, unknown site."""

from __future__ import annotations

import errno
import socket

import httpx
import pytest
from page_server import Reply, article_html, page_server

from desktop.core.importing.web_page import fetch_page
from desktop.core.net import http
from desktop.core.net.http import FetchProblem, fetch


def _failing_lookup(error: OSError):  # type: ignore[no-untyped-def]
    def lookup(*_args: object, **_kwargs: object) -> object:
        raise error
    return lookup


def test_offline_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo",
                        _failing_lookup(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")))
    with pytest.raises(FetchProblem) as caught:
        fetch_page("https://news.example.org/story")
    assert str(caught.value) == "could not look up news.example.org: you appear to be offline"
    assert not caught.value.lasting  # the queue tries again later


def test_no_network_route_says_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _failing_lookup(
        OSError(errno.ENETUNREACH, "Network is unreachable")))
    with pytest.raises(FetchProblem, match="you appear to be offline"):
        fetch_page("https://news.example.org/story")


def test_an_unknown_site_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _failing_lookup(
        socket.gaierror(socket.EAI_NONAME, "Name or service not known")))
    monkeypatch.setattr(http, "_offline", lambda: False)
    with pytest.raises(FetchProblem) as caught:
        fetch_page("https://no-such-site.example/story")
    assert str(caught.value) == "could not find no-such-site.example (no such site?)"
    assert caught.value.lasting


def test_a_server_that_does_not_answer_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    with page_server({"/slow": Reply(article_html("Late").encode(), delay=2.0)}) as server:
        client = httpx.Client(timeout=httpx.Timeout(0.3, connect=0.3))
        with client, pytest.raises(FetchProblem, match="did not answer in time"):
            fetch(server.url("/slow"), max_bytes=1000, client=client)


def test_the_download_stops_at_the_limit() -> None:
    sent = []

    def endless() -> object:
        for _ in range(10_000):  # 640 MB if it were all read
            sent.append(1)
            yield b"<p>" + b"a" * 65_530 + b"</p>"

    with page_server({"/endless": Reply(stream=endless)}) as server, \
            pytest.raises(FetchProblem, match=r"^the page is over 1 MB; Lectern imports articles of up to 1 MB"):
        fetch(server.url("/endless"), max_bytes=1024 * 1024)
    assert len(sent) < 200  # the server was not read to its end


def test_proxies_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # The local server plays the proxy: it is asked for the whole address, and the
    # site itself is never looked up or contacted.
    with page_server() as proxy:
        proxy.routes["http://news.example/story"] = Reply(article_html("Via the proxy").encode())
        monkeypatch.setenv("HTTP_PROXY", proxy.base)
        monkeypatch.setenv("NO_PROXY", "")
        monkeypatch.delenv("http_proxy", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        page = fetch_page("http://news.example/story")
    assert proxy.requests == ["http://news.example/story"]
    assert b"Via the proxy" in page.source.data
    assert page.url == "http://news.example/story"
