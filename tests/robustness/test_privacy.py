"""Reading is private and inert: importing, reading and previewing notes never touch
the network, and nothing active in a page survives cleaning.

A local server on 127.0.0.1 counts every request; the hostile page points every
kind of remote reference at it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from lectern_testing import run_cli
from loopback import QuietHandler, serving
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop.ui import actions

# Text that only active or hidden parts of the page hold: none may reach the reader.
ACTIVE_MARKERS = ("TRACKERSCRIPT", "FORMFIELD", "FORMBUTTON", "IFRAMEFALLBACK", "EVENTATTR",
                  "STYLESHEETRULE", "NOSCRIPTPIXEL", "alert(", "javascript:", "onload",
                  "onerror", "document.cookie", "<script", "<iframe", "<form")


class _Counter(QuietHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.requests.append(self.path)
        self.send_body(200, "image/gif", b"GIF89a")

    do_POST = do_GET


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    _Counter.requests = []
    with serving(_Counter) as base:
        yield base, _Counter.requests


def hostile_page(base: str) -> str:
    body = "".join(
        f"<p onclick=\"EVENTATTR()\">Paragraph {i} of the report on the harbour survey: the "
        "divers mapped the old wreck, counted the cannon and raised a bell that still "
        f"rings. <img src=\"{base}/img{i}.png\" onerror=\"alert('EVENTATTR')\" "
        f"srcset=\"{base}/a.png 2x\"> <a href=\"javascript:alert('x')\">a script link</a> "
        f"<a href=\"file:///etc/passwd\">a file link</a> <a href=\"{base}/page\">source</a></p>"
        for i in range(8)
    )
    return f"""<!doctype html><html lang="en"><head>
<title>Harbour survey finds the lost bell</title>
<link rel="stylesheet" href="{base}/style.css"><link rel="preload" href="{base}/font.woff">
<meta http-equiv="refresh" content="30;url={base}/refresh">
<script src="{base}/tracker.js"></script>
<script>var TRACKERSCRIPT = document.cookie; new Image().src = "{base}/beacon";</script>
<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}
.STYLESHEETRULE {{ color: red }}</style>
</head><body onload="EVENTATTR()">
<noscript><img src="{base}/NOSCRIPTPIXEL.gif"></noscript>
<article><h1>Harbour survey finds the lost bell</h1>{body}
<iframe src="{base}/frame.html">IFRAMEFALLBACK</iframe>
<form action="{base}/submit" method="post"><input name="FORMFIELD" value="FORMFIELD">
<button>FORMBUTTON</button></form>
<object data="{base}/object.swf"></object><video poster="{base}/poster.jpg"
src="{base}/video.mp4"></video><embed src="{base}/embed.swf">
<div style="background-image: url({base}/div.png)">The bell was cast in 1790.</div>
</article></body></html>"""


def _assert_inert(text: str) -> None:
    assert "harbour survey" in text.lower() and "raised a bell" in text
    for marker in ACTIVE_MARKERS:
        assert marker not in text, marker


def test_cli_import_touches_no_network_and_keeps_nothing_active(  # type: ignore[no-untyped-def]
        counting_server, tmp_path: Path) -> None:
    base, requests = counting_server
    page = tmp_path / "harbour.html"
    page.write_text(hostile_page(base), encoding="utf-8")
    home = tmp_path / "home"
    imported = run_cli("import", "--json", str(page), home=home)
    assert imported.returncode == 0, imported.stderr
    article_id = json.loads(imported.stdout)["id"]
    shown = json.loads(run_cli("show", str(article_id), "--json", home=home).stdout)
    _assert_inert(shown["text"])
    assert requests == []


def test_window_import_reader_and_notes_preview_touch_no_network(  # type: ignore[no-untyped-def]
        qtbot, window, counting_server, tmp_path: Path, monkeypatch) -> None:
    base, requests = counting_server
    page = tmp_path / "harbour.html"
    page.write_text(hostile_page(base), encoding="utf-8")
    with qtbot.waitSignal(window.imports_done, timeout=60_000) as blocker:
        actions.import_files(window, [str(page)])
    assert blocker.args[0].failed == []
    record = window.current_article
    assert record is not None
    _assert_inert(record.text)
    for block in record.blocks:
        _assert_inert_block(block.text)
    _assert_inert(window.reader.toPlainText())
    assert "<img" not in window.reader.toHtml()

    notes = window.notes_panel
    notes.editor.setPlainText(
        f"My notes. ![chart]({base}/notes-image.png) <img src=\"{base}/raw.png\"> "
        f"[link]({base}/notes-link) [bad](javascript:alert(1))")
    qtbot.waitUntil(lambda: "My notes." in notes.preview.toPlainText(), timeout=5000)
    window.reader.resize(900, 700)
    window.reader.viewport().repaint()
    notes.preview.viewport().repaint()
    qtbot.wait(300)  # give any (wrong) resource fetch time to reach the server
    assert requests == []

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    for link in ("javascript:alert(1)", "file:///etc/passwd", f"{base}/clicked"):
        window.reader.anchorClicked.emit(QUrl(link))
    assert opened == [f"{base}/clicked"]  # only http(s), and only when clicked
    assert requests == []  # the system browser, not Lectern, would fetch it


def _assert_inert_block(text: str) -> None:
    for marker in ACTIVE_MARKERS:
        assert marker not in text, marker


def test_the_counting_server_does_count(counting_server) -> None:  # type: ignore[no-untyped-def]
    """The zero counts above mean something: one real fetch is seen."""
    import urllib.request

    base, requests = counting_server
    with urllib.request.urlopen(f"{base}/probe", timeout=5) as response:
        assert response.status == 200
    assert requests == ["/probe"]
