"""The one way Lectern runs work off the GUI thread.

``TaskRunner.run(fn, on_success, on_failure)`` calls ``fn`` in a thread pool;
the callbacks run later on the GUI thread, delivered by a queued signal. ``fn``
must not touch widgets; it may report progress through the ``Progress`` it is
given. Work that needs the database opens its own ``Library`` in ``fn``:
SQLite connections stay in the thread that made them.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Progress:
    """Handed to a task: report progress, and see whether the user cancelled."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancelled = threading.Event()

    def report(self, done: int, total: int, message: str = "") -> None:
        self._emit(done, total, message)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from workers arrive there queued."""

    finished = Signal(object, object)  # (callback, result)
    progressed = Signal(object, int, int, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], relay: _Relay,
                 on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None],
                 progress: Progress) -> None:
        super().__init__()
        self.fn, self.relay, self.progress = fn, relay, progress
        self.on_success, self.on_failure = on_success, on_failure

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            exc.__lectern_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.finished.emit(self.on_failure, exc)
        else:
            self.relay.finished.emit(self.on_success, result)


def _ignore(_: Any) -> None:
    return None


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(lambda callback, result: callback(result))
        self._relay.progressed.connect(lambda callback, d, t, m: callback(d, t, m))

    def run(self, fn: Callable[[Progress], Any], on_success: Callable[[Any], None] = _ignore,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None) -> Progress:
        def emit(done: int, total: int, message: str) -> None:
            if on_progress is not None:
                self._relay.progressed.emit(on_progress, done, total, message)

        progress = Progress(emit)
        self.pool.start(_Job(fn, self._relay, on_success, on_failure or _print_failure, progress))
        return progress

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task has finished (shutdown and tests)."""
        return bool(self.pool.waitForDone(msecs))


def _print_failure(exc: BaseException) -> None:
    import sys

    sys.stderr.write(getattr(exc, "__lectern_traceback__", repr(exc)))
