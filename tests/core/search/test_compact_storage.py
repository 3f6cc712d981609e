"""The text kept once and sources compressed, with nothing lost on the way back."""

from __future__ import annotations

import json

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.compaction import compress_sources, uncompressed_sources
from desktop.core.storage.library import Library


def test_blocks_are_stored_as_lengths_and_read_back_whole(library: Library) -> None:
    body = "Première ligne — café.\n\nSecond paragraph with 日本語 and emoji 🙂."
    record = import_source(library, text_source(f"A title\n\n{body}", name="a")).article
    raw = library.conn.execute("SELECT blocks_json FROM articles WHERE id = ?",
                               (record.id,)).fetchone()[0]
    assert all(isinstance(length, int) for _kind, length in json.loads(raw))
    again = library.article(record.id)
    assert again.blocks == record.blocks and "日本語" in again.text


def test_sources_are_compressed_and_old_ones_can_be_compressed_later(
        library: Library) -> None:
    page = ("<html><body>" + "<p>The same words again and again.</p>" * 200
            + "</body></html>").encode()
    record = import_source(library, text_source("Title\n\nBody text here.", name="t")).article
    library.conn.execute("UPDATE sources SET data = ?, compressed = 0 WHERE article_id = ?",
                         (page, record.id))  # as a source stored before migration 0011
    assert uncompressed_sources(library.conn) == 1
    assert library.source(record.id).data == page
    assert compress_sources(library) == 1
    stored = library.conn.execute("SELECT length(data) FROM sources WHERE article_id = ?",
                                  (record.id,)).fetchone()[0]
    assert stored < len(page) / 10
    assert library.source(record.id).data == page
    assert uncompressed_sources(library.conn) == 0
