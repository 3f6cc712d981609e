"""The connector server on a real socket: what it saves, and every refusal (which
stores nothing)."""

from __future__ import annotations

import http.client
import socket
import threading
from pathlib import Path

import pytest
from connector_testing import PARAGRAPHS, article_page, call, save_body, serving_library

from desktop.core.annotations import AnnotationStore
from desktop.core.connector import MAX_BODY_BYTES, connector_token
from desktop.core.storage.library import Library

TOKEN = "test-token-0123456789"
AUTH = {"X-Lectern-Token": TOKEN, "Content-Type": "application/json"}


def article_count(path: Path) -> int:
    library = Library.open(path)
    try:
        return len(library.article_ids())
    finally:
        library.close()


@pytest.fixture
def server(library: Library):  # type: ignore[no-untyped-def]
    with serving_library(library.path, TOKEN) as running:
        yield running


def test_status_answers_without_a_token(server) -> None:  # type: ignore[no-untyped-def]
    status, answer, _ = call(server.port, "GET", "/status")
    assert status == 200
    assert answer["app"] == "Lectern" and answer["version"]


def test_save_stores_the_page_under_its_address(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    status, answer, _ = call(server.port, "POST", "/save",
                             save_body("https://news.example/harbour?id=7#comments"),
                             headers=AUTH)
    assert status == 200, answer
    assert answer["duplicate"] is False
    record = library.article(answer["article_id"])
    assert record.url == "https://news.example/harbour?id=7"  # the fragment is not a page
    assert record.title == "A Plan to Widen the Old Channel"
    assert PARAGRAPHS[1] in record.text
    assert "Subscribe to our newsletter" not in record.text  # cleaned like any saved page
    kept = library.source(record.id)
    assert kept.kind == "html" and "east quay" in kept.data.decode("utf-8-sig")


def test_the_same_address_is_not_added_twice(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    first = call(server.port, "POST", "/save", save_body(), headers=AUTH)[1]
    # The page changed meanwhile (a new comment, an ad): the address still says it is the same.
    changed = save_body(html=article_page(paragraphs=[*PARAGRAPHS, "A late paragraph."]))
    status, second, _ = call(server.port, "POST", "/save", changed, headers=AUTH)
    assert status == 200
    assert second["duplicate"] is True and second["article_id"] == first["article_id"]
    assert "Already in Lectern" in second["message"]
    assert library.article_ids() == [first["article_id"]]


def test_a_selection_becomes_a_highlight(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    # As a browser gives it: the line break of the page's layout, straight apostrophes.
    selection = "the town's lifeline, and several\n spoke at the hearing"
    status, answer, _ = call(server.port, "POST", "/save", save_body(selection=selection),
                             headers=AUTH)
    assert status == 200, answer
    assert answer["highlight_id"] and answer["highlight_problem"] == ""
    highlights = AnnotationStore(library).for_article(answer["article_id"])
    assert [h.quote for h in highlights] == ["the town’s lifeline, and several spoke at the hearing"]
    # Saving the same passage of the same page again changes nothing.
    again = call(server.port, "POST", "/save", save_body(selection=selection), headers=AUTH)[1]
    assert again["duplicate"] is True and again["highlight_id"] == answer["highlight_id"]
    assert len(AnnotationStore(library).for_article(answer["article_id"])) == 1


def test_a_selection_that_cannot_be_placed_is_said_and_the_page_kept(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    status, answer, _ = call(server.port, "POST", "/save",
                             save_body(selection="Subscribe to our newsletter"), headers=AUTH)
    assert status == 200
    assert answer["highlight_id"] is None
    assert "not in the article" in answer["highlight_problem"]
    assert "not highlighted" in answer["message"]
    assert AnnotationStore(library).for_article(answer["article_id"]) == []
    assert library.article_ids() == [answer["article_id"]]


def test_a_repeated_passage_is_not_guessed(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    answer = call(server.port, "POST", "/save", save_body(selection="the channel"),
                  headers=AUTH)[1]
    assert answer["highlight_id"] is None and "more than once" in answer["highlight_problem"]


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401),
    ({"X-Lectern-Token": ""}, 401),
    ({"X-Lectern-Token": "wrong"}, 403),
    ({"X-Lectern-Token": TOKEN + "x"}, 403),
    ({"X-Lectern-Token": TOKEN[:-1]}, 403),
])
def test_without_the_right_token_nothing_is_stored(server, library: Library, headers: dict[str, str], status: int) -> None:  # type: ignore[no-untyped-def]
    answer = call(server.port, "POST", "/save", save_body(), headers=headers)
    assert answer[0] == status and answer[1]["ok"] is False
    assert "token" in answer[1]["error"].lower()
    assert article_count(library.path) == 0


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1",
                                  "localhost.evil.example:{port}", "127.0.0.2:{port}", "",
                                  "[::1]:{port}"])
def test_a_foreign_host_is_refused_even_with_the_token(server, library: Library, host: str) -> None:  # type: ignore[no-untyped-def]
    host = host.format(port=server.port)
    status, answer, _headers = call(server.port, "POST", "/save", save_body(), headers=AUTH,
                                   host=host)
    assert status == 403 and "127.0.0.1 or localhost" in answer["error"]
    assert call(server.port, "GET", "/status", host=host)[0] == 403
    assert article_count(library.path) == 0


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}",
                                  "127.0.0.1", "localhost"])
def test_local_hosts_are_answered(server, host: str) -> None:  # type: ignore[no-untyped-def]
    assert call(server.port, "GET", "/status", host=host.format(port=server.port))[0] == 200


@pytest.mark.parametrize(("body", "status", "says"), [
    (b"{not json", 400, "not JSON"),
    (b"\xff\xfe\x00", 400, "not JSON"),
    (b"[1, 2]", 400, "JSON object"),
    ({"html": "<p>x</p>"}, 400, "'url'"),
    ({"url": "https://a.example/", "html": ""}, 400, "'html'"),
    ({"url": "https://a.example/", "html": 7}, 400, "'html'"),
    ({"url": "file:///etc/passwd", "html": "<p>x</p>"}, 400, "only http and https"),
    ({"url": "javascript:alert(1)", "html": "<p>x</p>"}, 400, "only http and https"),
    ({"url": "data:text/html,hi", "html": "<p>x</p>"}, 400, "only http and https"),
    ({"url": "ftp://a.example/x", "html": "<p>x</p>"}, 400, "only http and https"),
    ({"url": "https:///nohost", "html": "<p>x</p>"}, 400, "only http and https"),
    ({"url": "https://a.example/", "html": "<p>x</p>", "selection": ["a"]}, 400, "string"),
])
def test_a_malformed_request_is_refused_and_stores_nothing(server, library: Library, body: object, status: int, says: str) -> None:  # type: ignore[no-untyped-def]
    answer = call(server.port, "POST", "/save", body, headers=AUTH)
    assert answer[0] == status and says in answer[1]["error"]
    assert article_count(library.path) == 0


def test_a_page_with_no_article_is_refused_clearly(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    body = {"url": "https://a.example/empty", "html": "<html><body><nav>Home</nav></body></html>"}
    status, answer, _ = call(server.port, "POST", "/save", body, headers=AUTH)
    assert status == 422 and answer["error"].startswith("Lectern could not read this page")
    assert article_count(library.path) == 0


def raw_request(port: int, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """Headers written by hand (a lying Content-Length, none at all); the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1") + b"\r\n\r\n" + body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return int(received.split(b" ", 2)[1]), received


def test_an_announced_body_over_the_limit_is_refused_before_it_is_read(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    # Only the headers are sent: the answer comes without waiting for 40 MB.
    head = (f"POST /save HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"X-Lectern-Token: {TOKEN}\r\nContent-Length: {MAX_BODY_BYTES + 1}")
    status, raw = raw_request(server.port, head)
    assert status == 413 and b"too large" in raw
    assert article_count(library.path) == 0


def test_a_body_without_a_length_is_refused(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    head = (f"POST /save HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"X-Lectern-Token: {TOKEN}\r\nTransfer-Encoding: chunked")
    assert raw_request(server.port, head)[0] == 411
    assert article_count(library.path) == 0


def test_a_page_over_the_size_limit_is_refused(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    big = article_page() + "<!--" + "x" * (32 * 1024 * 1024) + "-->"
    status, answer, _ = call(server.port, "POST", "/save",
                             {"url": "https://a.example/big", "html": big}, headers=AUTH)
    assert status == 413 and "too large" in answer["error"]
    assert article_count(library.path) == 0


def test_a_body_shorter_than_announced_is_refused(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    head = (f"POST /save HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"X-Lectern-Token: {TOKEN}\r\nContent-Length: 5000\r\nConnection: close")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head.encode() + b"\r\n\r\n" + b'{"url": "https://a.example/"')
        sock.shutdown(socket.SHUT_WR)  # the client gives up half way
        received = sock.recv(65536)
    assert b" 400 " in received.split(b"\r\n")[0]
    assert article_count(library.path) == 0


def preflight(port: int, origin: str, path: str = "/save", private: bool = False
              ) -> tuple[int, dict[str, str]]:
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "content-type,x-lectern-token"}
    if private:
        headers["Access-Control-Request-Private-Network"] = "true"
    status, _, answer = call(port, "OPTIONS", path, headers=headers)
    return status, answer


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnopabcdefghijklmnop",
                                    "moz-extension://2f5e6a1c-9a9b-4c55-8f43-4a0d9d4b1e77",
                                    "https://news.example", "http://127.0.0.1:8000"])
def test_the_browser_side_gets_its_preflight_answered(server, origin: str) -> None:  # type: ignore[no-untyped-def]
    status, headers = preflight(server.port, origin, private=True)
    assert status == 204
    assert headers["access-control-allow-origin"] == origin  # echoed, never "*"
    assert "x-lectern-token" in headers["access-control-allow-headers"].lower()
    assert headers["access-control-allow-private-network"] == "true"
    assert "access-control-allow-credentials" not in headers
    assert "POST" in headers["access-control-allow-methods"]


def test_private_network_is_allowed_only_when_asked(server) -> None:  # type: ignore[no-untyped-def]
    status, headers = preflight(server.port, "https://news.example")
    assert status == 204 and "access-control-allow-private-network" not in headers


@pytest.mark.parametrize("origin", ["null", "file://", "https://evil.example/path",
                                    "chrome-extension://", "ws://a.example"])
def test_other_origins_get_no_cors(server, library: Library, origin: str) -> None:  # type: ignore[no-untyped-def]
    status, headers = preflight(server.port, origin, private=True)
    assert status == 403 and "access-control-allow-origin" not in headers
    assert "access-control-allow-private-network" not in headers
    # Even with the token, a request from such an origin stores nothing.
    answer = call(server.port, "POST", "/save", save_body(),
                  headers={**AUTH, "Origin": origin})
    assert answer[0] == 403 and article_count(library.path) == 0


def test_web_pages_are_not_told_lectern_is_there(server) -> None:  # type: ignore[no-untyped-def]
    """/status is for the extension: a page's script cannot read it (no CORS for it)."""
    assert preflight(server.port, "https://news.example", path="/status")[0] == 403
    status, _, headers = call(server.port, "GET", "/status",
                              headers={"Origin": "https://news.example"})
    assert status == 200 and "access-control-allow-origin" not in headers
    extension = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    headers = call(server.port, "GET", "/status", headers={"Origin": extension})[2]
    assert headers["access-control-allow-origin"] == extension


def test_a_page_origin_can_read_the_answer_to_its_save(server) -> None:  # type: ignore[no-untyped-def]
    origin = "https://news.example"
    status, _answer, headers = call(server.port, "POST", "/save", save_body(),
                                   headers={**AUTH, "Origin": origin})
    assert status == 200 and headers["access-control-allow-origin"] == origin
    # A refusal is readable too, so the bookmarklet can say why.
    status, _, headers = call(server.port, "POST", "/save", save_body(),
                              headers={"Origin": origin})
    assert status == 401 and headers["access-control-allow-origin"] == origin


def test_unknown_paths_and_methods(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert call(server.port, "GET", "/save")[0] == 404
    assert call(server.port, "POST", "/status", save_body(), headers=AUTH)[0] == 404
    status, answer, _ = call(server.port, "PUT", "/save", save_body(), headers=AUTH)
    assert status == 501 and answer["ok"] is False
    assert article_count(library.path) == 0


def test_saves_at_once_each_arrive_once(server, library: Library) -> None:  # type: ignore[no-untyped-def]
    results: list[int] = []

    def save(n: int) -> None:
        paragraphs = [f"Dispatch {n}: " + p for p in PARAGRAPHS]
        body = {"url": f"https://news.example/{n % 3}",
                "html": article_page(title=f"Dispatch {n % 3}", paragraphs=paragraphs)}
        results.append(call(server.port, "POST", "/save", body, headers=AUTH)[0])

    threads = [threading.Thread(target=save, args=(n,)) for n in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [200] * 9
    assert article_count(library.path) == 3  # three addresses


def test_the_token_belongs_to_the_library(library: Library) -> None:
    token = connector_token(library)
    assert len(token) >= 40 and connector_token(library) == token
    path = library.path
    library.close()
    reopened = Library.open(path)
    try:
        assert connector_token(reopened) == token
    finally:
        reopened.close()


def test_a_busy_port_is_one_clear_error(server) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.connector.server import ConnectorServer, PortBusy

    with pytest.raises(PortBusy, match=f"port {server.port} .* in use"):
        ConnectorServer(server.port, TOKEN, server.save)


def test_the_server_listens_on_loopback_only(server) -> None:  # type: ignore[no-untyped-def]
    assert server.server_address[0] == "127.0.0.1"
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    connection.request("GET", "/status")
    assert connection.getresponse().status == 200
    connection.close()
