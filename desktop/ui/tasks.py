"""The one way Lectern runs work off the GUI thread.

``TaskRunner.run(fn, on_success, on_failure)`` calls ``fn`` in a thread pool;
the callbacks run later on the GUI thread, delivered by a queued signal. ``fn``
must not touch widgets; it may report progress through the ``Progress`` it is
given. Work that needs the database opens its own ``Library`` in ``fn``:
SQLite connections stay in the thread that made them.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal


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
    """Lives on the GUI thread; signals emitted from workers arrive there queued.

    They carry a job number, never a callback: the callbacks (which hold widgets)
    stay with the TaskRunner on the GUI thread. The pool is Python's, not Qt's:
    a QRunnable's Python wrapper is deleted by Qt in its pool thread, and PySide
    can deadlock there (it waits for the GIL holding a lock the GUI thread, which
    has the GIL, then needs: seen in the test suite). Python threads own only
    Python objects, so nothing of Qt's is ever destroyed off the GUI thread.
    """

    finished = Signal(int, bool, object)  # (job, succeeded, result or exception)
    progressed = Signal(int, int, int, str)  # (job, done, total, message)


def _run_job(number: int, fn: Callable[[Progress], Any], relay: _Relay,
             progress: Progress) -> None:
    """In a pool thread: run ``fn`` and send the outcome to the GUI thread."""
    try:
        result = fn(progress)
    except BaseException as exc:  # delivered to the GUI thread, never lost
        exc.__lectern_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
        relay.finished.emit(number, False, exc)
    else:
        relay.finished.emit(number, True, result)


def _ignore(_: Any) -> None:
    return None


@dataclass
class _Callbacks:
    fn: Callable[[Progress], Any]
    on_success: Callable[[Any], None]
    on_failure: Callable[[BaseException], None]
    on_progress: Callable[[int, int, str], None] | None


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="lectern-task")
        self._running: set[Future[None]] = set()
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.progressed.connect(self._progressed)
        self._jobs: dict[int, _Callbacks] = {}
        self._numbers = itertools.count(1)

    def run(self, fn: Callable[[Progress], Any], on_success: Callable[[Any], None] = _ignore,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None) -> Progress:
        number = next(self._numbers)
        self._jobs[number] = _Callbacks(fn, on_success, on_failure or _print_failure, on_progress)
        relay = self._relay

        def emit(done: int, total: int, message: str) -> None:
            relay.progressed.emit(number, done, total, message)

        progress = Progress(emit)
        future = self._pool.submit(_run_job, number, fn, relay, progress)
        self._running.add(future)
        future.add_done_callback(self._running.discard)
        return progress

    def _finished(self, number: int, succeeded: bool, result: Any) -> None:
        callbacks = self._jobs.pop(number)
        if succeeded:
            callbacks.on_success(result)
        else:
            callbacks.on_failure(result)

    def _progressed(self, number: int, done: int, total: int, message: str) -> None:
        callbacks = self._jobs.get(number)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(done, total, message)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task has finished (shutdown and tests)."""
        _done, still_running = wait(list(self._running), timeout=msecs / 1000)
        return not still_running


def _print_failure(exc: BaseException) -> None:
    import sys

    sys.stderr.write(getattr(exc, "__lectern_traceback__", repr(exc)))
