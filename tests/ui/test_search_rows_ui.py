"""The window saves a highlight with one small write; its search row follows off the GUI thread."""

from __future__ import annotations

from typing import Any

from desktop.core.annotations import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.search import search
from desktop.core.storage import connect
from desktop.core.storage.search_rows import pending
from desktop.ui.features.search.search_rows import SearchRowRefresher

TEXT = ("Harbour Survey Notes\n\nThe survey team mapped the harbour floor metre by metre and "
        "found the bell that had been lost for two centuries.")


def test_a_highlight_saved_in_the_window_is_found_soon_after(qtbot: Any, window: Any) -> None:
    article = import_source(window.library, text_source(TEXT)).article.id
    assert window.findChild(SearchRowRefresher) is not None
    AnnotationStore(window.library).create(article, 22, 28, note="tangerine")
    assert pending(window.library.conn)  # the save on the GUI thread did not rebuild it

    reader = connect(window.library.path, readonly=True)  # as the list's search worker reads
    try:
        qtbot.waitUntil(lambda: [h.id for h in search(reader, "tangerine")] == [article],
                        timeout=20000)
    finally:
        reader.close()
    assert not pending(window.library.conn)
