"""When the search row of an article is rebuilt after the reader writes (migration 0014)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.annotations import AnnotationStore
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.search import search
from desktop.core.storage.library import Library
from desktop.core.storage.search_rows import pending, refresh_later, refresh_pending

TEXT = ("Harbour Survey Notes\n\nThe survey team mapped the harbour floor metre by metre and "
        "found the bell that had been lost for two centuries.")


def _article(library: Library) -> int:
    return import_source(library, text_source(TEXT)).article.id


def test_a_command_finds_what_it_just_wrote(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "library.sqlite3")
    try:
        article = _article(library)
        AnnotationStore(library).create(article, 22, 28, note="marmalade")
        assert not pending(library.conn)
        assert [r.id for r in search(library.conn, "marmalade")] == [article]
    finally:
        library.close()


def test_a_deferred_save_is_small_and_the_rebuild_comes_after(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "library.sqlite3")
    try:
        article = _article(library)
        refresh_later(library.conn)  # as the window's connection does
        store = AnnotationStore(library)
        store.create(article, 22, 28, note="xylophone")
        assert pending(library.conn)
        assert search(library.conn, "xylophone") == []  # not rebuilt inside the save
        assert refresh_pending(library.conn) == 1
        assert not pending(library.conn)
        assert [r.id for r in search(library.conn, "xylophone")] == [article]
        store.delete(store.for_article(article)[0].id)
        refresh_pending(library.conn)
        assert search(library.conn, "xylophone") == []  # the old words left the index too
    finally:
        library.close()


def test_rows_left_pending_are_rebuilt_when_the_library_opens_again(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    library = Library.open(path)
    article = _article(library)
    refresh_later(library.conn)
    AnnotationStore(library).create(article, 22, 28, note="quince")
    library.close()  # a window that stopped before its worker rebuilt the row
    again = Library.open(path)
    try:
        assert not pending(again.conn)
        assert [r.id for r in search(again.conn, "quince")] == [article]
    finally:
        again.close()
