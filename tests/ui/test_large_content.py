"""Large content stays smooth: a long note previews the part around the cursor, off the
GUI thread; many highlights are painted from a sweep (tests/core/annotations/test_pieces.py)."""

from __future__ import annotations

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.ui.notes_panel import LONG_NOTE_NOTICE, PREVIEW_CHARS, preview_part

PARAGRAPH = "A paragraph of notes with *emphasis* and a [link](https://example.org).\n\n"


def test_a_long_note_previews_the_part_around_the_cursor() -> None:
    note = "".join(f"Paragraph {i}: {PARAGRAPH}" for i in range(70_000))  # ~5 MB
    cursor = note.index("Paragraph 50000:")
    part, cut = preview_part(note, cursor)
    assert cut and len(part) <= PREVIEW_CHARS * 1.25
    assert "Paragraph 50000:" in part and part.startswith("Paragraph ")
    short, cut = preview_part(PARAGRAPH * 3, 5)
    assert not cut and short == PARAGRAPH * 3


def test_typing_in_a_5_mb_note_renders_the_preview_off_the_gui_thread(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    record = import_source(window.library, text_source(
        "Notes Host\n\nAn article to hang a very long note on, with enough words in it.")).article
    note = "".join(f"Paragraph {i}: {PARAGRAPH}" for i in range(70_000))
    window.library.save_note(record.id, note)
    window.open_article(record.id)
    panel = window.notes_panel
    rendered: list[str] = []
    panel._runner = lambda fn, done, failed: (rendered.append("off"),  # type: ignore[func-returns-value]
                                               window.tasks.run(fn, done, failed))
    cursor = panel.editor.textCursor()
    cursor.setPosition(note.index("Paragraph 60000:"))
    panel.editor.setTextCursor(cursor)
    panel.editor.insertPlainText("typed ")
    qtbot.waitUntil(lambda: "Paragraph 60000" in panel.preview.toPlainText(), timeout=30_000)
    assert rendered  # the Markdown was rendered by the task runner
    assert "part around the cursor" in panel.preview.toPlainText()
    assert len(panel.preview.toPlainText()) < PREVIEW_CHARS * 1.5
    assert LONG_NOTE_NOTICE.startswith("<p>")
