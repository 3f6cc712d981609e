"""Free-form Markdown notes on the open article, with a live preview, saved as you type."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.safe_text import InertTextBrowser, plain

if TYPE_CHECKING:
    from markdown import Markdown

    from desktop.core.storage.library import Library

AUTOSAVE_DELAY_MS = 600
PREVIEW_DELAY_MS = 150
# A long note previews the part around the cursor: Markdown for 5 MB took 2-4 s at
# every pause in typing. This much text renders in a few tens of milliseconds.
PREVIEW_CHARS = 20_000
LONG_NOTE_NOTICE = "<p><i>A long note: the preview shows the part around the cursor.</i></p>"

_converters = threading.local()  # python-markdown converters are not thread-safe


def _markdown() -> Markdown:
    """This thread's converter, built on first use: python-markdown costs ~50 ms to set
    up, which must not sit on the path to the first window."""
    converter: Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        from markdown import Markdown
        from markdown.extensions.extra import ExtraExtension
        from markdown.extensions.sane_lists import SaneListExtension

        converter = Markdown(extensions=[ExtraExtension(), SaneListExtension()],
                             output_format="html")
        _converters.markdown = converter
    return converter


def render_markdown(text: str) -> str:
    """The note as HTML that is only text and structure: raw HTML in the note, images
    and attributes are sanitised away (safe_text), so the preview loads nothing."""
    from desktop.ui.safe_text import sanitized_html

    converter = _markdown()
    converter.reset()
    return sanitized_html(converter.convert(text))


def preview_part(text: str, cursor: int, size: int = PREVIEW_CHARS) -> tuple[str, bool]:
    """The part of ``text`` the preview shows: all of it, or ``size`` characters around
    ``cursor`` cut at paragraph breaks. True when it is a part."""
    if len(text) <= size:
        return text, False
    start = max(0, min(cursor - size // 2, len(text) - size))
    end = start + size
    para = text.rfind("\n\n", 0, start + 1)
    start = para + 2 if para >= 0 and start - para < size // 4 else start
    para = text.find("\n\n", end)
    end = para if para >= 0 and para - end < size // 4 else end
    return text[start:end], True


def render_preview(text: str, cursor: int) -> str:
    part, cut = preview_part(text, cursor)
    if not part.strip():
        return ""
    return (LONG_NOTE_NOTICE if cut else "") + render_markdown(part)


class OrderedSaves:
    """Writes of notes from any thread, where an older text never overwrites a newer one.

    Each save is numbered on the GUI thread when its text is taken from the editor;
    a write whose number is older than one already written for that article is
    skipped. The lock makes a save on the GUI thread (closing, switching) wait for
    one in flight, which then finds itself overtaken and writes nothing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._written: dict[int, int] = {}
        self._numbers = itertools.count(1)

    def number(self) -> int:
        return next(self._numbers)

    def write(self, save: Callable[[int, str], None], article_id: int, text: str,
              number: int) -> bool:
        """Save unless a newer text of the article was saved already; True if written."""
        with self._lock:
            if number <= self._written.get(article_id, 0):
                return False
            save(article_id, text)
            self._written[article_id] = number
            return True


# Runs ``work`` on a library connection of a worker's own, then calls back.
LibraryRunner = Callable[[Callable[["Library", Any], Any], Callable[[Any], None],
                          Callable[[BaseException], None]], Any]


class NotesPanel(QWidget):
    """Editor above preview. Features may add sections above both (``add_section``)."""

    saved = Signal(int)  # article id, after its notes are committed to disk

    def __init__(self, save: Callable[[int, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.article_id: int | None = None
        self._dirty = False
        # Autosaves run off the GUI thread when a runner is set (a 5 MB note took
        # 0.9-2.2 s to save); closing and switching articles save at once, in order.
        self.saves = OrderedSaves()
        self._library_runner: LibraryRunner | None = None
        self._edits = 0  # counts changes in the editor: a save is current if none since
        self._in_flight: object | None = None  # the background save of this article
        self._again = False  # edits arrived while it ran: save again when it is done
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("notesEditor")
        self.editor.setPlaceholderText("Notes on this article, in Markdown. Saved as you type.")
        self.editor.setFont(QFont(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"], 10))
        self.editor.textChanged.connect(self._changed)
        self.preview: QTextBrowser = InertTextBrowser()
        self.preview.setObjectName("notesPreview")
        self.preview.setOpenLinks(False)
        self.status = plain(QLabel(""))
        self.status.setObjectName("notesStatus")
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._autosave)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render)
        # Renders a preview off the GUI thread (the window's TaskRunner.run); without
        # one (a panel on its own, in tests) the preview renders here.
        self._runner: Callable[..., Any] | None = None
        self._preview_generation = 0
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("notesSplitter")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Notes")
        heading.setObjectName("panelHeading")
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(heading)
        editor_layout.addWidget(self.editor)
        editor_layout.addWidget(self.status)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_heading = QLabel("Preview")
        preview_heading.setObjectName("panelHeading")
        preview_layout.addWidget(preview_heading)
        preview_layout.addWidget(self.preview)
        self.splitter.addWidget(editor_box)
        self.splitter.addWidget(preview_box)
        self._layout.addWidget(self.splitter)
        self.set_article(None, "")

    def add_section(self, widget: QWidget) -> None:
        """Put a feature's widget (e.g. the highlights list) above the free-form notes."""
        self.splitter.insertWidget(0, widget)

    def set_article(self, article_id: int | None, markdown_text: str) -> None:
        self.flush()  # at once: the next article's notes are about to replace these
        self._in_flight, self._again = None, False
        self.article_id = article_id
        self.editor.blockSignals(True)
        self.editor.setPlainText(markdown_text)
        self.editor.blockSignals(False)
        self.editor.setEnabled(article_id is not None)
        self._dirty = False
        self.status.setText("")
        self.preview.clear()
        if markdown_text.strip():
            self._preview_timer.start(0)  # after the window has painted

    def _changed(self) -> None:
        self._edits += 1
        self._dirty = True
        self.status.setText("Editing…")
        self._preview_timer.start()
        self._timer.start()

    def set_runner(self, run: Callable[..., Any]) -> None:
        self._runner = run

    def save_in_background(self, library_path: Path) -> None:
        """Autosave off the GUI thread, in a worker of the panel's own (a save never
        waits behind an import), on a connection to ``library_path`` of its own."""
        from desktop.ui.tasks import TaskRunner, on_library

        runner = TaskRunner(self, max_threads=1)
        self._library_runner = lambda work, done, failed: runner.run(
            on_library(library_path, work), done, failed)

    def _around_cursor(self) -> tuple[str, int, bool]:
        """(text, cursor in it, is a part): the whole note, or for a long one twice the
        preview's size around the cursor, taken from the document without copying
        all of it (a 5 MB note's toPlainText costs ~26 ms at every pause)."""
        doc = self.editor.document()
        cursor = self.editor.textCursor().position()
        length = doc.characterCount() - 1
        if length <= 2 * PREVIEW_CHARS:
            return self.editor.toPlainText(), cursor, False
        start = max(0, min(cursor - PREVIEW_CHARS, length - 2 * PREVIEW_CHARS))
        window = QTextCursor(doc)
        window.setPosition(start)
        window.setPosition(start + 2 * PREVIEW_CHARS, QTextCursor.MoveMode.KeepAnchor)
        return window.selectedText().replace("\u2029", "\n"), cursor - start, True

    def _render(self) -> None:
        text, cursor, _part = self._around_cursor()
        self._preview_generation += 1
        generation = self._preview_generation
        if self._runner is None or len(text) < 4_000:  # short: at once, no thread
            self.preview.setHtml(render_preview(text, cursor))
            return

        def shown(html: str) -> None:
            if generation == self._preview_generation:  # not overtaken by newer typing
                self.preview.setHtml(html)

        self._runner(lambda _progress: render_preview(text, cursor), shown,
                     lambda _exc: None)

    def _autosave(self) -> None:
        if self._library_runner is None:
            self.flush()
            return
        if not self._dirty or self.article_id is None:
            return
        if self._in_flight is not None:  # one at a time: the newest text goes next
            self._again = True
            return
        self._in_flight = object()
        self.status.setText("Saving…")
        self._start_save(self.article_id, self.editor.toPlainText(), self._in_flight)

    def _start_save(self, article_id: int, text: str, flight: object) -> None:
        assert self._library_runner is not None
        number, edits, saves = self.saves.number(), self._edits, self.saves
        self._library_runner(
            lambda library, _progress: saves.write(library.save_note, article_id, text, number),
            lambda written: self._saved_in_background(article_id, edits, flight, written),
            lambda exc: self._not_saved(exc, flight))

    def _saved_in_background(self, article_id: int, edits: int, flight: object,
                             written: bool) -> None:
        if flight is self._in_flight:
            self._in_flight = None
            if article_id == self.article_id and edits == self._edits:
                self._dirty = False
                self.status.setText("Saved")
            elif self._again:  # the autosave came due while this one ran
                self._again = False
                self._timer.start()
        if written:
            self.saved.emit(article_id)

    def _not_saved(self, exc: BaseException, flight: object) -> None:
        if flight is not self._in_flight:
            return  # an older article's save: flushed at once when it was left
        self._in_flight = None
        self.status.setText(f"Not saved: {exc}")  # the text stays in the editor
        self._timer.start(AUTOSAVE_DELAY_MS * 5)

    def flush(self) -> None:
        """Save now if there are unsaved edits; the status says Saved only once on disk.
        A background save still running is waited for, and cannot overwrite this one."""
        self._timer.stop()
        if not self._dirty or self.article_id is None:
            return
        try:
            self.saves.write(self._save, self.article_id, self.editor.toPlainText(),
                             self.saves.number())
        except Exception as exc:  # keep the text in the editor, say why
            self.status.setText(f"Not saved: {exc}")
            self._timer.start(AUTOSAVE_DELAY_MS * 5)
            return
        self._dirty = False
        self.status.setText("Saved")
        self.saved.emit(self.article_id)
