"""The one way Lectern runs work off the GUI thread.

``TaskRunner.run(fn, on_success, on_failure)`` calls ``fn`` in a thread pool;
the callbacks run later on the GUI thread, delivered by a queued signal. ``fn``
must not touch widgets (read what it needs from them before ``run``); it may
report progress through the ``Progress`` it is given. Work that needs the
database opens its own ``Library`` in ``fn``: SQLite connections stay in the
thread that made them.

The rule that keeps PySide safe here: a pool thread never holds the last
reference to anything the GUI thread handed it. A PySide wrapper released in a
pool thread deletes or disconnects its Qt object there, under Qt's locks while
waiting for the GIL, and the GUI thread holding the GIL then waits for those
locks (a hang seen in the suite), or Qt destroys a widget off its thread (an
abort). So each job lives in a table owned by the GUI thread; the pool thread
looks it up, stores the outcome in it, lets go of it, and only then signals
the job's number, which is all that crosses threads.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from shiboken6 import isValid

from desktop.core.storage.library import Library
from desktop.ui.garbage import collect_on_gui_thread

T = TypeVar("T")


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


def on_library(path: Path, work: Callable[[Library, Progress], T]) -> Callable[[Progress], T]:
    """A task that opens the library at ``path`` for ``work`` and closes it after:
    SQLite connections stay in the thread that made them."""

    def task(progress: Progress) -> T:
        library = Library.open(path)
        try:
            return work(library, progress)
        finally:
            library.close()

    return task


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from pool threads arrive there queued.

    One for the whole process, never deleted: a pool thread that is still
    running when its window closes emits on an object that is still there.
    """

    finished = Signal(int)  # job number: its outcome is in the job table
    progressed = Signal(int, int, int, str)  # (job, done, total, message)


def _ignore(_: Any) -> None:
    return None


@dataclass
class _Job:
    owner: TaskRunner
    fn: Callable[[Progress], Any]
    progress: Progress
    on_success: Callable[[Any], None]
    on_failure: Callable[[BaseException], None]
    on_progress: Callable[[int, int, str], None] | None
    succeeded: bool = False
    outcome: Any = None


# Owned by the GUI thread: only it adds and removes jobs. Pool threads look a job
# up by number while the GUI thread still holds it, so they never hold the last reference.
_jobs: dict[int, _Job] = {}
_numbers = itertools.count(1)
_relay: _Relay | None = None


def _deliver(number: int) -> None:
    job = _jobs.pop(number)
    if not isValid(job.owner):  # its window is gone: nobody is waiting for this
        return
    if job.succeeded:
        job.on_success(job.outcome)
    else:
        job.on_failure(job.outcome)


def _report(number: int, done: int, total: int, message: str) -> None:
    job = _jobs.get(number)
    if job is not None and job.on_progress is not None and isValid(job.owner):
        job.on_progress(done, total, message)


def _shared_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_deliver)
        _relay.progressed.connect(_report)
    return _relay


def _run_job(number: int, relay: _Relay) -> None:
    """In a pool thread: run the job, keep its outcome in the table, signal its number."""
    job = _jobs[number]
    fn, progress = job.fn, job.progress
    try:
        job.outcome, job.succeeded = fn(progress), True
    except BaseException as exc:  # delivered to the GUI thread, never lost
        exc.__lectern_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
        job.outcome = exc
    del job, fn, progress  # the table holds them now, until the GUI thread is done
    relay.finished.emit(number)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        # Before any pool thread exists: Python's collector must never run in one.
        collect_on_gui_thread(QCoreApplication.instance())
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="lectern-task")
        self._running: set[Future[None]] = set()
        self._relay = _shared_relay()

    def run(self, fn: Callable[[Progress], Any], on_success: Callable[[Any], None] = _ignore,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None) -> Progress:
        number = next(_numbers)
        relay = self._relay

        def emit(done: int, total: int, message: str) -> None:
            relay.progressed.emit(number, done, total, message)

        progress = Progress(emit)
        _jobs[number] = _Job(self, fn, progress, on_success, on_failure or _print_failure,
                             on_progress)
        future = self._pool.submit(_run_job, number, relay)
        self._running.add(future)
        future.add_done_callback(self._running.discard)
        return progress

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task has finished (shutdown and tests)."""
        _done, still_running = wait(list(self._running), timeout=msecs / 1000)
        return not still_running


def _print_failure(exc: BaseException) -> None:
    import sys

    sys.stderr.write(getattr(exc, "__lectern_traceback__", repr(exc)))
