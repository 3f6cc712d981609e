"""The article in the middle: reading typography over the cleaned text.

Everything else in Lectern speaks in offsets into the cleaned text (what
``lectern show --text`` prints). The document here also holds a line that is not
in that text (byline · site · date), so this view maps between text offsets
and document positions, and features decorate the text through named *layers*
(extra selections) without ever changing the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from desktop.core.models import ArticleRecord, BlockKind, block_spans

if TYPE_CHECKING:  # imported when first needed: nothing more on the startup path
    from PySide6.QtCore import QMimeData

    from desktop.ui.reader_images import ReaderImage

READING_COLUMN_CHARS = 70  # 65-75 characters a line reads best
DEFAULT_TEXT_SIZE, MIN_TEXT_SIZE, MAX_TEXT_SIZE = 13, 8, 32


@dataclass(frozen=True)
class Span:
    """A decoration of text offsets [start, end) in one layer."""

    start: int
    end: int
    format: QTextCharFormat
    tooltip: str = ""


# Layer depths: what the app marks (entities, search hits) lies under what the
# reader marked themselves (highlights), whichever feature set its layer first.
APP_MARKS, USER_MARKS = 0, 10
PAINT_ALL_SPANS = 2_000  # more spans than this: only those near the view are painted
UNLAID_CHARS = 20_000  # what three screens hold, at most, when the layout cannot say yet
WORDS_PER_MINUTE = 230  # a typical adult's silent reading speed for prose


def hand_copied_text_to_qt() -> None:
    """Before Python shuts down: the text copied from the reader, held by the clipboard
    in a QMimeData made in Python, is put back as Qt's own. Qt frees the clipboard's
    data only as the process ends, after Python has finalised, and freeing one made
    in Python then crashed Lectern at exit after any copy."""
    from PySide6.QtGui import QGuiApplication
    from shiboken6 import Shiboken

    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and Shiboken.createdByPython(data):
        clipboard.setText(data.text())


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


def _meta_line(record: ArticleRecord) -> str:
    parts = (record.author, record.site, record.published,
             f"{reading_minutes(record.word_count)} min read")
    return "  ·  ".join(x for x in parts if x)


class ReaderView(QTextBrowser):
    """Shows one article; offsets in and out are cleaned-text offsets."""

    selection_range_changed = Signal(int, int)  # text offsets, start == end: none
    article_shown = Signal(int)
    text_size_changed = Signal(int)  # points
    progress_changed = Signal(int)  # percent of the article scrolled past
    image_link_clicked = Signal(str)  # a placeholder's link (reader_images.LOAD_LINK)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.anchorClicked.connect(self._open_link)
        self.selectionChanged.connect(self._emit_selection)
        self.record: ArticleRecord | None = None
        self.text = ""
        self._text_starts: list[int] = []  # per article block: its start in the text
        self._doc_starts: list[int] = []  # ... and in the document
        self._layers: dict[str, list[Span]] = {}
        self._layer_order: list[str] = []
        self._layer_depth: dict[str, int] = {}
        self._indexes: dict[str, tuple[list[int], list[int], int]] = {}
        # The text offsets painted when only the part near the view is (else None).
        self._painted_window: tuple[int, int] | None = None
        # Gives the images to show between an article's blocks (the images feature);
        # the reader never fetches one itself.
        self.image_source: Callable[[ArticleRecord], list[ReaderImage]] | None = None
        self.body_font = QFont(
            ["Georgia", "Charter", "Noto Serif", "DejaVu Serif", "serif"], DEFAULT_TEXT_SIZE
        )
        self.body_font.setStyleHint(QFont.StyleHint.Serif)
        self.document().setDocumentMargin(24)
        self.verticalScrollBar().valueChanged.connect(self.emit_progress)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.show_placeholder()

    def enable_keyboard_reading(self) -> None:
        """Let the keyboard move a caret through the text and select with it.

        Called once the window is complete, not in ``__init__``: the first use of
        PySide's ``Qt`` namespace costs ~22 ms, which the first paint must not pay.
        """
        from PySide6.QtCore import Qt

        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )

    # -- content -----------------------------------------------------------

    def show_placeholder(self, message: str = "Import an article to start reading.") -> None:
        self.record = None
        self.text = ""
        self._text_starts, self._doc_starts = [], []
        self._layers.clear()
        self._indexes.clear()
        self._painted_window = None
        self.setExtraSelections([])
        self.document().clear()
        cursor = QTextCursor(self.document())
        fmt = QTextCharFormat()
        fmt.setFont(self.body_font)
        fmt.setForeground(self.palette().placeholderText())
        cursor.insertText(message, fmt)

    def show_article(self, record: ArticleRecord, *, announce: bool = True) -> None:
        doc = QTextDocument(self)
        doc.setDocumentMargin(24)
        doc.setDefaultFont(self.body_font)
        cursor = QTextCursor(doc)
        spans = block_spans(record.blocks)
        self._text_starts, self._doc_starts = [], []
        images = self._images_by_position(record)
        if images:
            from desktop.ui.reader_images import insert_image
        first = fresh = True  # fresh: the cursor is in an empty block (start, after an image)
        for index, (block, (start, _end)) in enumerate(zip(record.blocks, spans, strict=True)):
            block_format, char_format = self._formats(block.kind)
            if not fresh:
                cursor.insertBlock(block_format, char_format)
            else:
                cursor.setBlockFormat(block_format)
                cursor.setBlockCharFormat(char_format)
            self._text_starts.append(start)
            self._doc_starts.append(cursor.position())
            cursor.insertText(block.text, char_format)
            if first and block.kind is BlockKind.HEADLINE:
                meta_block, meta_char = self._formats(BlockKind.BYLINE)
                meta_char.setForeground(self.palette().placeholderText())
                cursor.insertBlock(meta_block, meta_char)
                cursor.insertText(_meta_line(record), meta_char)
            first = fresh = False
            for item in images.get(index + 1, []):
                insert_image(cursor, doc, item, self._image_width(), self.body_font,
                             self.palette())
                fresh = True
        # The previous document is our child, so setDocument deletes it.
        self.setDocument(doc)
        doc.documentLayout().documentSizeChanged.connect(self._scrolled)  # laid out further
        self.record = record
        self.text = record.text
        self._layers.clear()
        self._indexes.clear()
        self._painted_window = None
        self.setExtraSelections([])
        self.verticalScrollBar().setValue(0)
        self._fit_column()
        if announce:
            self.article_shown.emit(record.id)

    def _images_by_position(self, record: ArticleRecord) -> dict[int, list[ReaderImage]]:
        """The images to show, by the number of blocks before them (past the end: last)."""
        if self.image_source is None:
            return {}
        by_position: dict[int, list[ReaderImage]] = {}
        for item in self.image_source(record):
            position = min(max(item.position, 1), len(record.blocks))
            by_position.setdefault(position, []).append(item)
        return by_position

    def _image_width(self) -> float:
        """The reading column's width (pictures also shrink with a narrower window)."""
        return QFontMetricsF(self.body_font).averageCharWidth() * READING_COLUMN_CHARS

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # The pictures the reader was given are document resources, found before
        # this is asked. Anything else a document names (a web or file address) is
        # answered with an empty picture here (None would make Qt read the name as
        # a file), so rendering never touches the network or the disk.
        from desktop.ui.safe_text import inert_resource

        return inert_resource(kind)

    def _formats(self, kind: BlockKind) -> tuple[QTextBlockFormat, QTextCharFormat]:
        block = QTextBlockFormat()
        char = QTextCharFormat()
        char.setFont(self.body_font)
        block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(12)
        size = self.body_font.pointSizeF()
        if kind is BlockKind.HEADLINE:
            char.setFontPointSize(size * 1.9)
            char.setFontWeight(QFont.Weight.Bold)
            block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            block.setBottomMargin(6)
        elif kind is BlockKind.SUBHEADING:
            char.setFontPointSize(size * 1.3)
            char.setFontWeight(QFont.Weight.DemiBold)
            block.setTopMargin(14)
        elif kind in (BlockKind.BYLINE, BlockKind.DATELINE):
            char.setFontPointSize(size * 0.85)
            char.setFontItalic(kind is BlockKind.DATELINE)
            block.setBottomMargin(18)
        elif kind is BlockKind.QUOTE:
            char.setFontItalic(True)
            block.setLeftMargin(28)
            block.setRightMargin(16)
        elif kind is BlockKind.LIST_ITEM:
            block.setLeftMargin(28)
            block.setTextIndent(-14)
            block.setBottomMargin(4)
        return block, char

    def list_item_marker(self) -> str:
        return "•"

    def rerender(self) -> None:
        """Lay the article out again (new text size or theme), keeping layers and scroll."""
        if self.record is None:
            return
        layers = dict(self._layers)
        position = self.verticalScrollBar().value()
        self.show_article(self.record, announce=False)
        self._layers = layers
        self._indexes.clear()
        self._apply_layers()
        self.verticalScrollBar().setValue(position)

    def set_text_size(self, points: int) -> None:
        self.body_font.setPointSize(max(MIN_TEXT_SIZE, min(MAX_TEXT_SIZE, points)))
        self.rerender()

    def zoom(self, step: int) -> None:
        """Step the text size up or down; 0 goes back to the default."""
        size = DEFAULT_TEXT_SIZE if step == 0 else self.body_font.pointSize() + step
        self.set_text_size(size)
        self.text_size_changed.emit(self.body_font.pointSize())

    # -- offsets -------------------------------------------------------------

    def text_to_doc(self, offset: int) -> int:
        """Document position of a text offset (offsets between blocks clamp to a block end)."""
        if not self._text_starts:
            return 0
        i = max(0, bisect.bisect_right(self._text_starts, offset) - 1)
        block_len = self._block_length(i)
        return self._doc_starts[i] + min(max(offset - self._text_starts[i], 0), block_len)

    def doc_to_text(self, position: int) -> int:
        if not self._doc_starts:
            return 0
        i = max(0, bisect.bisect_right(self._doc_starts, position) - 1)
        block_len = self._block_length(i)
        return self._text_starts[i] + min(max(position - self._doc_starts[i], 0), block_len)

    def _block_length(self, index: int) -> int:
        if self.record is None:
            return 0
        return len(self.record.blocks[index].text)

    def selected_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.doc_to_text(cursor.selectionStart())
        end = self.doc_to_text(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.text_to_doc(start))
        cursor.setPosition(self.text_to_doc(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def scroll_to(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.text_to_doc(offset))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def offset_at(self, point: QPoint) -> int:
        """Text offset under a viewport point."""
        return self.doc_to_text(self.cursorForPosition(point).position())

    def emit_progress(self) -> None:
        bar = self.verticalScrollBar()
        if self.record is None:
            return
        span = bar.maximum() - bar.minimum()
        self.progress_changed.emit(100 if span <= 0 else round(100 * bar.value() / span))

    def createMimeDataFromSelection(self) -> QMimeData:
        # Copy gives the article's own text: what lies between its blocks (the
        # byline line, image placeholders) stays out, and blocks are separated as
        # in the cleaned text. A selection inside such a line copies that line.
        chosen = self.selected_range()
        if self.record is None or chosen is None:
            return super().createMimeDataFromSelection()
        from PySide6.QtCore import QMimeData

        data = QMimeData()  # made here: see hand_copied_text_to_qt
        data.setText(self.text[chosen[0] : chosen[1]])
        return data

    def _emit_selection(self) -> None:
        chosen = self.selected_range()
        self.selection_range_changed.emit(*(chosen or (0, 0)))

    # -- layers --------------------------------------------------------------

    def set_layer(self, name: str, spans: list[Span], depth: int = APP_MARKS) -> None:
        """Replace one layer's decorations. Deeper layers paint over shallower ones;
        at one depth, layers added later paint over earlier ones."""
        if name not in self._layer_order:
            self._layer_order.append(name)
            self._layer_depth[name] = depth
            self._layer_order.sort(key=lambda layer: self._layer_depth[layer])  # stable
        self._layers[name] = spans
        self._indexes.pop(name, None)
        self._apply_layers()

    def clear_layer(self, name: str) -> None:
        self.set_layer(name, [])

    def layer(self, name: str) -> list[Span]:
        return list(self._layers.get(name, []))

    def _apply_layers(self) -> None:
        """Paint the layers as extra selections. Up to ``PAINT_ALL_SPANS`` spans are
        all painted; beyond that (20,000 highlights took ~1 s to turn into
        selections, and Qt checks every selection at every paint) only the spans near
        the visible part are, again as the reader scrolls or resizes."""
        total = sum(len(spans) for spans in self._layers.values())
        window = None if total <= PAINT_ALL_SPANS else self._visible_text_range()
        self._painted_window = window
        selections: list[QTextEdit.ExtraSelection] = []
        doc = self.document()
        for name in self._layer_order:
            for span in self._spans_between(name, window):
                for start, end in self._doc_ranges(span.start, span.end):
                    selection = QTextEdit.ExtraSelection()
                    cursor = QTextCursor(doc)
                    cursor.setPosition(start)
                    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                    selection.cursor = cursor
                    selection.format = span.format
                    selections.append(selection)
        self.setExtraSelections(selections)

    def _spans_between(self, name: str, window: tuple[int, int] | None) -> list[Span]:
        """A layer's spans that overlap text offsets ``window`` (all when None), in the
        layer's own order (later ones paint over earlier ones)."""
        spans = self._layers.get(name, [])
        if window is None:
            return spans
        starts, order, longest = self._layer_index(name)
        low, high = window
        first = bisect.bisect_left(starts, low - longest)
        last = bisect.bisect_left(starts, high)
        chosen = sorted(i for i in order[first:last] if spans[i].end > low)
        return [spans[i] for i in chosen]

    def _layer_index(self, name: str) -> tuple[list[int], list[int], int]:
        """(starts sorted, span numbers in that order, longest span) of a layer, kept
        until the layer changes."""
        index = self._indexes.get(name)
        if index is None:
            spans = self._layers.get(name, [])
            starts = [s.start for s in spans]
            if starts == sorted(starts):  # as layers usually come: in reading order
                order = list(range(len(spans)))
            else:
                order = sorted(range(len(spans)), key=starts.__getitem__)
                starts = [starts[i] for i in order]
            index = (starts, order, max((s.end - s.start for s in spans), default=0))
            self._indexes[name] = index
        return index

    def _visible_text_range(self) -> tuple[int, int]:
        """Text offsets from a screen above the visible part to a screen below it."""
        from PySide6.QtCore import QPointF, Qt

        layout = self.document().documentLayout()
        top = self.verticalScrollBar().value()
        height = max(self.viewport().height(), 200)
        fuzzy = Qt.HitTestAccuracy.FuzzyHit
        first = max(0, layout.hitTest(QPointF(0, max(0, top - height)), fuzzy))
        last = layout.hitTest(QPointF(self.viewport().width(), top + 2 * height), fuzzy)
        if last <= first:  # not laid out that far yet: a generous guess, redone once it is
            last = first + UNLAID_CHARS
        return self.doc_to_text(first), self.doc_to_text(last) + 1

    def _scrolled(self) -> None:
        """Paint the spans now near the visible part, when only those are painted."""
        if self._painted_window is None:
            return
        low, high = self._visible_text_range()
        if (low, high) != self._painted_window:
            self._apply_layers()

    def _doc_ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document ranges of text offsets [start, end): one per article block it
        touches, so what lies between blocks (byline, images) is never painted."""
        first, last = self.text_to_doc(start), self.text_to_doc(end)
        if not self._text_starts:
            return [(first, last)]
        i = max(0, bisect.bisect_right(self._text_starts, start) - 1)
        j = max(0, bisect.bisect_right(self._text_starts, max(end - 1, start)) - 1)
        if i == j:
            return [(first, last)]
        ranges = [(first, self._doc_starts[i] + self._block_length(i))]
        ranges += [(self._doc_starts[k], self._doc_starts[k] + self._block_length(k))
                   for k in range(i + 1, j)]
        ranges.append((self._doc_starts[j], last))
        return ranges

    def spans_at(self, offset: int) -> list[tuple[str, Span]]:
        return [
            (name, span)
            for name in self._layer_order
            for span in self._spans_between(name, (offset, offset + 1))
            if span.start <= offset
        ]

    def viewportEvent(self, event: QEvent) -> bool:
        # Tooltips for the spans under the pointer. Overriding this rather than
        # filtering viewport() events keeps viewport() off the startup path: the
        # first call costs PySide ~16 ms of type setup.
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tips = [s.tooltip for _n, s in self.spans_at(self.offset_at(event.pos())) if s.tooltip]
            if not tips and (own := self._format_tooltip(event.pos())):
                tips = [own]  # a picture's alt text, a placeholder's link
            if tips:
                # Notes, tags and alt texts are the reader's or the page's: text only.
                from desktop.ui.safe_text import escaped

                QToolTip.showText(event.globalPos(), escaped("\n".join(tips)), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _format_tooltip(self, pos: QPoint) -> str:
        """The tooltip the document itself gives what is under ``pos`` (viewport)."""
        from PySide6.QtCore import QPointF

        point = QPointF(pos.x() + self.horizontalScrollBar().value(),
                        pos.y() + self.verticalScrollBar().value())
        return self.document().documentLayout().formatAt(point).toCharFormat().toolTip()

    # -- layout and links ----------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_column()
        super().resizeEvent(event)
        self._scrolled()

    def _fit_column(self) -> None:
        """Centre a column of about 70 characters of the body font."""
        column = QFontMetricsF(self.body_font).averageCharWidth() * READING_COLUMN_CHARS + 48
        side = max(0, int((self.width() - column) / 2))
        self.setViewportMargins(side, 0, side, 0)

    def _open_link(self, url: QUrl) -> None:
        # Only web links leave the app, and only when clicked; javascript: and
        # file: links stay inert.
        if url.scheme() == "lectern-image":
            self.image_link_clicked.emit(url.toString())
            return
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
