"""``lectern import URL``: a page from its address, kept to read offline; bad addresses refused."""

from __future__ import annotations

import gzip
import json
import socket
import zipfile
from io import BytesIO
from pathlib import Path

from lectern_testing import run_cli
from page_server import Reply, article_html, page_server

from desktop.core.importing.limits import MAX_SOURCE


def _zip_bytes() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.html", article_html("Zipped"))
    return buffer.getvalue()


def _listed(home: Path) -> list[dict[str, object]]:
    result = run_cli("list", "--json", home=home)
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_page_imports_from_its_address_and_reads_offline(tmp_path: Path) -> None:
    home = tmp_path / "home"
    page = article_html("Harbour walls at low tide").encode()
    with page_server({"/story": Reply(page),
                      "/old": Reply(status=301, headers={"Location": "/story?utm_source=x"})}
                     ) as server:
        result = run_cli("import", server.url("/old") + "#top", "--json", home=home)
        assert result.returncode == 0, result.stderr
        imported = json.loads(result.stdout)
        assert imported["title"] == "Harbour walls at low tide"
        # The address after the redirect, without its tracking parameter or fragment.
        assert imported["url"] == server.url("/story")
        again = run_cli("import", server.url("/story") + "?utm_campaign=spring", "--json",
                        home=home)
        assert json.loads(again.stdout)["duplicate"] is True
        assert server.count("/story") == 1  # a known address is not downloaded again
        assert server.request_headers[0]["User-Agent"].startswith("Mozilla/5.0 (compatible; Lectern/")
    # The server is gone: the article still reads, from the bytes kept as its source.
    listed = _listed(home)
    assert [a["url"] for a in listed] == [server.url("/story")]
    shown = json.loads(run_cli("show", str(imported["id"]), "--json", home=home).stdout)
    assert "mooring ring" in shown["text"]
    assert shown["source_kind"] == "html"


def test_urls_and_files_mix_in_one_import(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = tmp_path / "saved.html"
    saved.write_text(article_html("A saved page"), encoding="utf-8")
    with page_server({"/a": Reply(article_html("First from the web").encode()),
                      "/b": Reply(article_html("Second from the web").encode())}) as server:
        result = run_cli("import", server.url("/a"), str(saved), server.url("/b"), "--json",
                         home=home)
    assert result.returncode == 0, result.stderr
    titles = sorted(json.loads(line)["title"] for line in result.stdout.splitlines())
    assert titles == ["A saved page", "First from the web", "Second from the web"]


def test_the_charset_comes_from_the_header_or_the_page(tmp_path: Path) -> None:
    home = tmp_path / "home"
    text = "Café society: naïve façades of the old town, déjà vu"
    by_header = article_html(text, charset_meta="").encode("cp1252")
    by_meta = article_html(text, charset_meta="windows-1252").encode("cp1252")
    with page_server({
        "/header": Reply(by_header, content_type="text/html; charset=windows-1252"),
        "/meta": Reply(by_meta, content_type="text/html"),
    }) as server:
        result = run_cli("import", server.url("/header"), server.url("/meta"), "--json",
                         home=home)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [text, text] or \
        sorted(json.loads(line)["title"] for line in result.stdout.splitlines()) == [text, text]


def test_every_bad_address_gets_one_line_and_nothing_is_stored(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]
    zipped = _zip_bytes()

    def over_limit() -> object:
        chunk = b"<p>" + b"x" * (1024 * 1024) + b"</p>"
        for _ in range(MAX_SOURCE.value // len(chunk) + 2):
            yield chunk

    routes = {
        "/missing": Reply(b"<h1>Not Found</h1>", status=404),
        "/broken": Reply(b"<h1>Oops</h1>", status=500),
        "/unavailable": Reply(b"", status=503),
        "/photo.png": Reply(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png"),
        "/bundle.zip": Reply(zipped, content_type="application/zip"),
        "/sneaky": Reply(zipped, content_type="text/html"),  # the bytes tell the truth
        "/huge": Reply(content_type="text/html", stream=over_limit),
        "/claims-huge": Reply(b"<p>small</p>", headers={"Content-Length":
                                                         str(MAX_SOURCE.value + 1)}),
        "/loop": Reply(status=302, headers={"Location": "/loop"}),
        "/to-file": Reply(status=302, headers={"Location": "file:///etc/passwd"}),
    }
    with page_server(routes) as server:
        addresses = {path: server.url(path) for path in routes if path != "/claims-huge"}
        addresses["unreachable"] = f"http://127.0.0.1:{dead_port}/story"
        for scheme in ("file:///etc/passwd", "ftp://127.0.0.1/a.html", "javascript:alert(1)",
                       "data:text/html,<p>hi</p>"):
            addresses[scheme] = scheme
        result = run_cli("import", *addresses.values(), home=home)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("lectern: ") and ": " in line[9:]]
    by_address = {address: [line for line in errors if address in line]
                  for address in addresses.values()}
    for key, found in by_address.items():
        assert len(found) == 1, (key, result.stderr)
    said = {key: by_address[address][0] for key, address in addresses.items()}
    assert "404" in said["/missing"]
    assert "500" in said["/broken"] and "503" in said["/unavailable"]
    assert "an image" in said["/photo.png"]
    assert "archive" in said["/bundle.zip"]
    assert "ZIP" in said["/sneaky"]
    assert "32 MB" in said["/huge"]
    assert "redirected more than" in said["/loop"]
    assert "not a web page" in said["/to-file"]
    assert "refused the connection" in said["unreachable"]
    for scheme in ("file:", "ftp:", "javascript:", "data:"):
        assert f"not {scheme}" in next(v for k, v in said.items() if k.startswith(scheme))
    assert "unexpected" not in result.stderr
    assert "Traceback" not in result.stderr
    assert _listed(home) == []


def test_one_bad_address_alone_exits_1(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with page_server() as server:
        result = run_cli("import", server.url("/nothing-here"), home=home)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist (404 Not Found)" in result.stderr


def test_a_gzipped_page_is_stored_as_its_page(tmp_path: Path) -> None:
    home = tmp_path / "home"
    page = article_html("Packed for the wire").encode()
    with page_server({"/gz": Reply(gzip.compress(page),
                                   headers={"Content-Encoding": "gzip"})}) as server:
        result = run_cli("import", server.url("/gz"), "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Packed for the wire"
