"""The window lends its library to a command run meanwhile, and takes it back.

A ``lectern import`` (or annotate, export, ...) run while the window is open
asks for the library (desktop/cli/turns.py). The window gives up its lock at
once, keeps reading and writing through its own connection (SQLite keeps the
two writers apart), polls for the lock to come back and, once it has it, shows
what the command changed: the library list and the open article again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.single_instance import InstanceServer

RECLAIM_MS = 300


class Lender(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._timer = QTimer(self, interval=RECLAIM_MS)
        self._timer.timeout.connect(self._reclaim)

    def lend(self) -> bool:
        """Called when a command asks; False if this window cannot lend (read-only)."""
        library = self.window.library
        lock = getattr(library, "lock", None)
        if library.readonly or lock is None or not (lock.held or lock.lent):
            return False
        lock.lend()
        self._timer.start()
        return True

    def _reclaim(self) -> None:
        lock = getattr(self.window.library, "lock", None)
        if lock is None:
            self._timer.stop()
            return
        if not lock.reclaim():
            return
        self._timer.stop()
        self._show_changes()

    def _show_changes(self) -> None:
        window = self.window
        window.library_changed.emit()
        current = window.current_article
        if current is not None:
            bar = window.reader.verticalScrollBar()
            position = bar.value()
            window.open_article(current.id)
            bar.setValue(position)


def serve_commands(window: MainWindow) -> InstanceServer:
    """The window's socket: later launches hand it files and links, commands run
    meanwhile borrow the library. ``close()`` it when the window closes."""
    from desktop.ui.single_instance import InstanceServer

    return InstanceServer(window.library.path, window, lend=Lender(window).lend)
