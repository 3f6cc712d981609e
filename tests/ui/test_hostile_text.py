"""Text stays text: markup in a title, an article, a quote, a note, a tag or a colour's
meaning loads nothing (no file, no FIFO, no URL) wherever the window shows it.

A FIFO stands for every local resource: opening it for reading blocks (it froze
the window), and a watcher sees the open without blocking anybody. A local
server stands for every URL.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from image_server import image_server
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QToolTip, QTreeWidget

from desktop.core.annotations import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.ui.features.highlights.controller import HighlightsController
from desktop.ui.notes_panel import render_markdown
from desktop.ui.safe_text import sanitized_html

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")


class FifoWatch:
    """Notices when anyone opens ``path`` (a FIFO) for reading, and lets them go."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: no reader
                time.sleep(0.005)
                continue
            self.opened += 1
            os.close(fd)  # the reader sees end of file and goes on
            time.sleep(0.005)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def hostile_markup(fifo: Path, url: str) -> list[str]:
    """Every way rich text can name a resource."""
    return [
        f'<img src="{fifo}">', f'<img src="file://{fifo}">', f"<img src='{url}'>",
        f'<img src="qrc:{fifo}">', f'<p style="background-image: url({fifo})">bg</p>',
        f'<table background="{fifo}"><tr><td>t</td></tr></table>',
        f'<link rel="stylesheet" href="{fifo}">', f"<style>@import url({fifo});</style>",
        f'<span style="list-style-image: url({url})">l</span>',
        f'<ul style="list-style-image: url({fifo})"><li>x</li></ul>',
        f'<a href="file://{fifo}"><img src="{url}"></a>',
        f"![a picture]({fifo})", f"![remote]({url})", f'<object data="{fifo}"></object>',
    ]


@contextmanager
def traps(tmp_path: Path) -> Iterator[tuple[FifoWatch, object, str]]:
    watch = FifoWatch(tmp_path / "trap.fifo")
    try:
        with image_server() as server:
            payload = "\n\n".join(hostile_markup(watch.path, server.url("/img-trap.png")))
            yield watch, server, payload
    finally:
        watch.stop()


def _audit(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Every label, tooltip and item tooltip that would be read as markup with a resource."""
    bad: list[str] = []

    def risky(text: str) -> bool:
        return "<img" in text.lower() or "url(" in text.lower() or "<link" in text.lower()

    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and risky(widget.text()) and (
                widget.textFormat() != Qt.TextFormat.PlainText):
            bad.append(f"label {widget.objectName() or type(widget.parent()).__name__}")
        if risky(widget.toolTip()) and QtGui.Qt.mightBeRichText(widget.toolTip()):
            bad.append(f"tooltip of {type(widget).__name__}")
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                tip = widget.item(row).toolTip()
                if risky(tip) and QtGui.Qt.mightBeRichText(tip) and "&lt;" not in tip:
                    bad.append(f"item tooltip in {widget.objectName()}")
        if isinstance(widget, QTreeWidget):
            for top in range(widget.topLevelItemCount()):
                parent = widget.topLevelItem(top)
                for child in range(parent.childCount()):
                    tip = parent.child(child).toolTip(0)
                    if risky(tip) and QtGui.Qt.mightBeRichText(tip) and "&lt;" not in tip:
                        bad.append(f"tree tooltip in {widget.objectName()}")
    return bad


def test_hostile_text_everywhere_loads_nothing(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with traps(tmp_path) as (watch, server, payload):
        title = f'<img src="{watch.path}"> Title'
        text = f"{title}\n\n{payload}\n\nThe ordinary last paragraph of the article."
        outcome = import_source(window.library, text_source(text, name="hostile.txt"))
        article_id = outcome.article.id
        store = AnnotationStore(window.library)
        quote_start = window.library.article(article_id).text.index("<img")
        highlight = store.create(article_id, quote_start, quote_start + 40,
                                 note=payload, tags=[f'<img src="{watch.path}">', "x"])
        store.set_color_meaning("yellow", f'<img src="{watch.path}">')
        window.library.save_note(article_id, payload)
        window.library_changed.emit()
        window.open_article(article_id)
        controller = window.findChild(HighlightsController)
        assert controller is not None
        qtbot.wait(400)  # the preview renders after a pause
        window.notes_panel._render()
        dialog = controller.open_note_dialog(highlight.id)
        dialog.grab()
        window.grab()
        # The reader's own tooltip over the highlight: escaped text.
        window.reader.select_range(quote_start, quote_start + 5)
        rect = window.reader.cursorRect()
        window.reader.select_range(quote_start, quote_start)
        event = QHelpEvent(QEvent.Type.ToolTip, rect.center() + QPoint(2, 0),
                           window.reader.viewport().mapToGlobal(rect.center()))
        window.reader.viewportEvent(event)
        if QToolTip.isVisible():
            assert "&lt;img" in QToolTip.text() or "<img" not in QToolTip.text()
        qtbot.wait(300)
        dialog.reject()
        assert _audit(window) == []
        assert watch.opened == 0
        assert server.requests == []  # type: ignore[attr-defined]


def test_the_preview_is_sanitised_markdown(tmp_path: Path) -> None:
    with traps(tmp_path) as (watch, server, payload):
        html = render_markdown("# Heading\n\n*em* and [a link](https://example.org)\n\n"
                               + payload)
        assert "<h1>Heading</h1>" in html and "<em>em</em>" in html
        assert '<a href="https://example.org">' in html
        lowered = html.lower()
        for word in ("<img", "url(", "<link", "<style", "background", "src=", "<object",
                     "file:", "qrc:"):
            assert word not in lowered, word
        assert "[image: a picture]" in html
        assert watch.opened == 0 and server.requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("fragment", [
    '<IMG SRC="x">', "<img\nsrc=x>", '<a href="javascript:alert(1)">j</a>',
    '<a href=" file:///etc/passwd">f</a>', "<p onclick='x' style='color:red'>p</p>",
    "<svg><image href='x'/></svg>", "<<img src=x>>", "<scr<script>ipt>x</script>",
    '<div style="background:url(x)">d</div>', "<img/src=x>", "&lt;img src=x&gt;",
])
def test_the_sanitiser_keeps_no_way_to_load(fragment: str) -> None:
    out = sanitized_html(fragment).lower()
    tags = re.findall(r"<[^>]*>", out)  # what Qt would read as markup
    assert not any(re.search(r"\b(src|style|on\w+|background|data)\s*=", t) for t in tags)
    assert not any(t.startswith(("<img", "<svg", "<image", "<script")) for t in tags)
    assert not any("javascript:" in t or "file:" in t for t in tags)
