"""Soak: 100,000 void Qt calls on the reader's document, as highlighting makes them
all day, without the interpreter's reference counts drifting (a PySide build that
drops a reference to None per void call aborts a long session with none_dealloc)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop.core.models import ArticleRecord, Block, BlockKind
from desktop.ui.reader_view import ReaderView, Span

CALLS = 100_000


def _record() -> ArticleRecord:
    blocks = [Block(BlockKind.HEADLINE, "Soak"), *(
        Block(BlockKind.PARAGRAPH, f"Paragraph {i}: the river froze from bank to bank. " * 4)
        for i in range(60))]
    return ArticleRecord(id=1, title="Soak", author="", site="", url="", published="",
                         language="en", word_count=0, content_hash="", source_name="",
                         source_kind="text", saved_at="", blocks=blocks)


@pytest.mark.slow
def test_reader_survives_100000_void_qt_calls_without_refcount_drift(qtbot) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_article(_record())
    doc = reader.document()
    length = doc.characterCount() - 2
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#fff3a3"))
    cursor = QTextCursor(doc)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = QTextCursor(doc)
    selection.format = fmt

    none_before = sys.getrefcount(None)
    fmt_before = sys.getrefcount(fmt)
    calls = 0
    i = 0
    while calls < CALLS:
        start = (i * 37) % length
        cursor.setPosition(start)  # void
        cursor.setPosition(min(start + 9, length), QTextCursor.MoveMode.KeepAnchor)  # void
        cursor.mergeCharFormat(fmt)  # void
        reader.setExtraSelections([selection] if i % 2 else [])  # void
        calls += 4
        i += 1
    none_after = sys.getrefcount(None)

    # The bug loses one reference per call (100,000 here); ordinary noise is a handful.
    assert abs(none_after - none_before) < 100, (none_before, none_after)
    assert sys.getrefcount(fmt) - fmt_before < 10
    reader.set_layer("soak", [Span(0, 4, fmt, "tip")])  # the reader still works after it
    assert len(reader.extraSelections()) == 1
