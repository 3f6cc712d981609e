"""Python's collector runs on the GUI thread only: a worker thread that allocates a
lot never frees the window's garbage (PySide must destroy Qt objects on their thread)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from typing import ClassVar

from lectern_testing import REPO

from desktop.ui.app import make_application
from desktop.ui.garbage import collect_on_gui_thread, installed_collector
from desktop.ui.tasks import TaskRunner


class InACycle:
    """Stands in for a widget caught in a reference cycle."""

    died_in: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        InACycle.died_in.append(threading.current_thread().name)


def _allocate_in_a_worker() -> None:
    def churn() -> None:
        # Objects that stay alive count towards a collection (freed ones do not):
        # this is far past every threshold, as parsing a page is.
        kept: list[list[object]] = [[] for _ in range(200_000)]
        assert kept

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()


def test_garbage_is_collected_on_the_gui_thread_not_in_workers(qtbot) -> None:  # type: ignore[no-untyped-def]
    TaskRunner()  # the one way the window starts threads installs the collector
    collector = installed_collector()
    assert collector is not None and collect_on_gui_thread(make_application()) is collector
    assert not gc.isenabled()
    InACycle.died_in.clear()
    InACycle()  # garbage at once, freed only by a collection
    _allocate_in_a_worker()
    assert InACycle.died_in == []  # the worker's allocations collected nothing
    # Allocations that last make a collection due; the timer makes it, here.
    kept: list[list[object]] = [[] for _ in range(2 * collector.thresholds[0])]
    qtbot.waitUntil(lambda: InACycle.died_in == ["MainThread"], timeout=5000)
    assert kept


def test_a_collection_is_made_only_when_python_would_make_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = collect_on_gui_thread(make_application())
    gc.collect()
    assert collector.collect_due() is None  # nothing allocated since: nothing due
    keep: list[list[object]] = [[] for _ in range(collector.thresholds[0] + 10)]
    assert collector.collect_due() == 0 and gc.get_count()[0] < collector.thresholds[0]
    assert len(keep) > 0


def test_the_first_task_runner_turns_automatic_collection_off() -> None:
    # In a fresh interpreter: nothing else has installed the collector yet.
    script = ("import gc\n"
              "from PySide6.QtWidgets import QApplication\n"
              "app = QApplication([])\n"
              "from desktop.ui.tasks import TaskRunner\n"
              "before = gc.isenabled()\n"
              "TaskRunner()\n"
              "print(before, gc.isenabled())\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                         timeout=60)
    assert out.stdout.split() == ["True", "False"], out.stderr
