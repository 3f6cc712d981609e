"""A new kind is one reader module: web archives (.mhtml/.mht), as browsers save
"a single file", read through the same registry as every other kind."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest
from lectern_testing import run_cli

from desktop.core.errors import ImportProblem
from desktop.core.importing import clean_source, read_source
from desktop.core.importing.kinds import is_article_file, kind_for
from desktop.core.models import Source

URL = "https://news.example.org/2024/harbour-ferry"
TITLE = "Harbour Board Saves the Old Ferry Terminal"
PARAGRAPHS = [
    "The harbour board voted on Tuesday to restore the old ferry terminal, which has "
    "stood empty for a decade while the town argued about what to build in its place.",
    "Engineers will repair the roof first, the board’s chair said, and the waiting "
    "room will open as a café and a small museum of the crossing by next summer.",
    "Residents who had campaigned for years to keep the building welcomed the vote "
    "and said the terminal was the last reminder of the ferry that once linked the islands.",
]
PAGE = (
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    f"<title>{TITLE}</title></head><body><nav><a href=\"/\">Home</a> · <a href=\"/news\">"
    "News</a></nav><article>"
    f"<h1>{TITLE}</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>© The Harbour Times</footer></body></html>"
)
BOUNDARY = "----MultipartBoundary--Xq1ZtX0jT8mV3rP7----"


def archive(encoding: str = "quoted-printable", page: str = PAGE) -> bytes:
    """An MHTML file as Chrome writes one: headers, the page, then its resources."""
    raw = page.encode("utf-8")
    body = (quopri.encodestring(raw).decode("ascii") if encoding == "quoted-printable"
            else base64.encodebytes(raw).decode("ascii"))
    return (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {URL}\r\n"
        f"Subject: {TITLE}\r\n"
        "Date: Tue, 5 Mar 2024 09:12:44 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        "\ttype=\"text/html\";\r\n"
        f"\tboundary=\"{BOUNDARY}\"\r\n\r\n\r\n"
        f"--{BOUNDARY}\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-8C1F@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        f"Content-Location: {URL}\r\n\r\n"
        f"{body}\r\n"
        f"--{BOUNDARY}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://news.example.org/logo.png\r\n\r\n"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode("ascii")


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_a_web_archive_reads_as_its_page(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ferry.mhtml"
    path.write_bytes(archive(encoding))
    source = read_source(path)
    assert source.kind == "mhtml"
    article, _encoding = clean_source(source)
    assert article.metadata.title == TITLE
    assert article.metadata.url == URL
    # Quoted-printable soft line breaks and escapes are gone: whole sentences remain.
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Home" not in article.text and "MultipartBoundary" not in article.text
    assert "=3D" not in article.text and "iVBOR" not in article.text


def test_both_suffixes_and_a_misnamed_archive_are_recognised(tmp_path: Path) -> None:
    assert kind_for(Path("page.MHT"), b"") == "mhtml"
    assert is_article_file(Path("saved.mht")) and is_article_file(Path("saved.mhtml"))
    misnamed = tmp_path / "saved-page.txt.download"
    misnamed.write_bytes(archive())
    assert read_source(misnamed).kind == "mhtml"
    assert kind_for(Path("notes"), b"From: me\r\nSubject: hello\r\n\r\nJust a letter.") == "text"


def test_an_archive_without_a_page_is_one_clear_message() -> None:
    data = archive().replace(b"Content-Type: text/html\r\n", b"Content-Type: text/css\r\n")
    with pytest.raises(ImportProblem, match=r"^this web archive \(MHTML\) holds no web page$"):
        clean_source(Source(data, "mhtml", "empty.mhtml"))


def test_lectern_import_takes_a_web_archive(tmp_path: Path) -> None:
    path = tmp_path / "ferry.mht"
    path.write_bytes(archive())
    home = tmp_path / "home"
    result = run_cli("import", str(path), "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert f'"title": "{TITLE}"' in result.stdout
    shown = run_cli("show", "1", "--json", home=home)
    assert f'"url": "{URL}"' in shown.stdout and '"source_kind": "mhtml"' in shown.stdout
