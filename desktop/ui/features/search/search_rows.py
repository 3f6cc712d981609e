"""The search rows of what the reader wrote, rebuilt off the GUI thread.

The window saves a highlight, a note or a tag on its GUI thread with one small
durable write; rebuilding the article's search row (its text and all its
highlights, tokenised again: 0.3-1.2 s for an article with 20,000 highlights) is
left pending on that connection (``storage.search_rows``) and done here, by a
worker on its own connection, within half a second. A search started in that
half second may miss the newest words; the library opened next time finishes
anything left.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.core.storage.search_rows import pending, refresh_later, refresh_pending

if TYPE_CHECKING:
    from desktop.core.storage.library import Library
    from desktop.ui.host import FeatureHost
    from desktop.ui.tasks import Progress

CHECK_MS = 500


class SearchRowRefresher(QObject):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.as_parent())
        self.setObjectName("searchRowRefresher")
        self.host = host
        self.busy = False
        if not host.library.readonly:
            refresh_later(host.library.conn)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        host.closing.connect(self.timer.stop)  # what is left, the next open finishes

    def refresh(self) -> None:
        library = self.host.library
        try:
            if self.busy or library.readonly or not pending(library.conn):
                return
        except sqlite3.ProgrammingError:  # the library was closed before the window
            self.timer.stop()
            return
        self.busy = True
        self.host.run_on_library(_rebuild, self._finished, self._failed)

    def _finished(self, _count: int) -> None:
        self.busy = False

    def _failed(self, error: BaseException) -> None:
        self.busy = False  # tried again at the next check; the next open finishes it
        self.host.say(f"Search index not brought up to date yet: {error}")


def _rebuild(library: Library, _progress: Progress) -> int:
    # Opening the worker's connection already rebuilt what was pending (a library
    # opened writable finishes what another connection left); this is for the rest.
    return refresh_pending(library.conn)
