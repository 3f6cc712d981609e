"""The one way work runs off the GUI thread: results, failures and progress come back
on the GUI thread, and whatever the callbacks hold is released there too."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from PySide6.QtCore import Qt

from desktop.ui.tasks import Progress, TaskRunner


class Receiver:
    """Stands in for a widget: records where it is used and where it dies."""

    died_in: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def success(self, result: object) -> None:
        self.calls.append((threading.current_thread().name, result))

    def failure(self, exc: BaseException) -> None:
        self.calls.append((threading.current_thread().name, exc))

    def progress(self, done: int, total: int, message: str) -> None:
        self.calls.append((threading.current_thread().name, (done, total, message)))

    def __del__(self) -> None:
        Receiver.died_in.append(threading.current_thread().name)


def work(progress: Progress) -> str:
    for step in range(3):
        progress.report(step, 3, f"step {step}")
    return threading.current_thread().name


def test_results_and_progress_arrive_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    receiver = Receiver()
    runner.run(work, receiver.success, receiver.failure, receiver.progress)
    qtbot.waitUntil(lambda: any(isinstance(r, str) and r != "MainThread" for _t, r in receiver.calls),
                    timeout=10000)
    assert {thread for thread, _r in receiver.calls} == {"MainThread"}
    assert [r for _t, r in receiver.calls][:3] == [(0, 3, "step 0"), (1, 3, "step 1"), (2, 3, "step 2")]
    assert receiver.calls[-1][1] != "MainThread"  # the work itself ran in the pool
    runner.wait()


def test_a_failure_arrives_with_its_traceback(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    receiver = Receiver()

    def broken(_progress: Progress) -> None:
        raise ValueError("bad page")

    runner.run(broken, receiver.success, receiver.failure)
    qtbot.waitUntil(lambda: bool(receiver.calls), timeout=10000)
    thread, exc = receiver.calls[0]
    assert thread == "MainThread" and isinstance(exc, ValueError)
    assert "bad page" in exc.__lectern_traceback__  # type: ignore[attr-defined]
    runner.wait()


def test_callbacks_are_released_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    # A widget's wrapper released in a pool thread can deadlock PySide; the pool
    # thread must never hold the last reference to what the callbacks use.
    Receiver.died_in.clear()
    runner = TaskRunner()
    receiver = Receiver()
    calls = receiver.calls  # watch the results without keeping the receiver alive
    runner.run(work, receiver.success, receiver.failure, receiver.progress)
    del receiver
    qtbot.waitUntil(lambda: len(calls) == 4, timeout=10000)
    assert runner.wait()
    qtbot.wait(50)
    assert Receiver.died_in == ["MainThread"]


class Work:
    """A task that, like a closure over a dialog, holds something that must die on
    the GUI thread."""

    def __init__(self, receiver: Receiver) -> None:
        self.receiver = receiver

    def __call__(self, progress: Progress) -> Receiver:
        if self.receiver.calls:
            raise ValueError("a failure carries its frames, and they hold the receiver too")
        return Receiver()  # a result is released by the GUI thread as well


def test_the_work_and_its_outcome_are_released_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Whichever thread lets go last, the pool thread must not: the GUI thread may
    # take the outcome and drop everything while the pool thread is still returning.
    Receiver.died_in.clear()
    runner = TaskRunner(max_threads=2)
    outcomes: list[object] = []
    # The worst case, forced: each pool thread stalls right after it signals, so
    # the GUI thread delivers the outcome and lets go of it first.
    stall = runner._relay.finished.connect(lambda *_: time.sleep(0.02),
                                           Qt.ConnectionType.DirectConnection)
    for round_ in range(40):
        receiver = Receiver()
        if round_ % 2:
            receiver.calls.append(("MainThread", "fail this one"))
        runner.run(Work(receiver), lambda r: outcomes.append(type(r)),
                   lambda e: outcomes.append(type(e)))
        del receiver
    qtbot.waitUntil(lambda: len(outcomes) == 40, timeout=20000)
    assert runner.wait()
    runner._relay.finished.disconnect(stall)
    qtbot.wait(50)
    assert outcomes.count(Receiver) == 20 and outcomes.count(ValueError) == 20
    assert len(Receiver.died_in) == 60  # 40 given to the work, 20 results
    assert set(Receiver.died_in) == {"MainThread"}


def test_work_that_outlives_its_window_is_dropped_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    # A window closed while its import runs: the outcome must not reach callbacks
    # whose widgets are gone (they would raise in whatever test or window comes next).
    from PySide6.QtCore import QObject

    window = QObject()
    runner = TaskRunner(window)
    release = threading.Event()
    receiver = Receiver()

    def slow(progress: Progress) -> str:
        release.wait(10)
        progress.report(1, 1, "done")
        return "finished"

    runner.run(slow, receiver.success, receiver.failure, receiver.progress)
    window.deleteLater()
    qtbot.waitUntil(lambda: not _alive(runner), timeout=5000)
    release.set()
    assert runner.wait()
    qtbot.wait(100)
    assert receiver.calls == []


def _alive(obj: object) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))
