"""Garbage collection on the GUI thread only.

Python's automatic collector runs in whichever thread allocates when a threshold is
crossed, often a pool thread busy cleaning a page. Widgets end up in reference
cycles (a lambda connected to a signal that holds its window), and a collection in
a pool thread makes PySide destroy or disconnect Qt objects off the GUI thread,
and on the GUI thread it can start inside any Qt call that allocates (the test
suite saw a deadlock, an abort, and a segfault in a collection on the GUI thread
while a pool thread parsed a page). So while the application runs, automatic collection is
off (from the moment the first task runner exists, before any pool thread) and a
timer collects on the GUI thread, generation by generation, whenever
Python's own thresholds say a collection is due. Spyder, pyqtgraph and
GitFourchette do the same for the same reason.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class GuiThreadCollector:
    """A plain object with a timer: nothing here needs to be a QObject. A full
    collection costs about 20 ms in a window on the sample library."""

    def __init__(self, parent: QObject | None, check_ms: int = CHECK_MS) -> None:
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(parent)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(check_ms)

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose threshold is crossed; return it (or None)."""
        counts = gc.get_count()
        due = None
        for generation in range(3):
            if counts[generation] <= self.thresholds[generation]:
                break
            due = generation
        if due is not None:
            gc.collect(due)
        return due


_installed: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QObject | None) -> GuiThreadCollector:
    """Install the collector once per process, its timer owned by ``app``. The task
    runner does it before it starts any thread (desktop/ui/tasks.py)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    return _installed


def installed_collector() -> GuiThreadCollector | None:
    return _installed
