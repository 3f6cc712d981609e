"""Large content stays smooth: an article with many highlights, a very long note.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/large_content.py [--profile]

Measures, in one run on one machine (ratios matter, the machine is shared):
- opening an article with 2,000 and 20,000 highlights: how long the GUI thread
  is busy in ``open_article`` and the longest stall of the event loop until the
  highlights are painted and listed;
- a 5 MB note: the longest event-loop stall while typing into it with the preview
  open (one keystroke every 50 ms, then a pause for the preview).
Figures go to bench/ROBUSTNESS.md.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ["harbour", "survey", "council", "bridge", "river", "report", "engineers", "cracks",
         "piers", "closure", "commuters", "journey", "business", "customers", "rents"]


def article(paragraphs: int) -> str:
    rng = random.Random(7)
    body = "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
        for _ in range(paragraphs))
    return f"Large Article\n\n{body}"


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()


def pump(app: object, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def main() -> int:
    profile = "--profile" in sys.argv
    os.environ["LECTERN_HOME"] = tempfile.mkdtemp(prefix="lectern-bench-")
    from desktop.core.annotations import AnnotationStore
    from desktop.core.importing import text_source
    from desktop.core.operations.import_articles import import_source
    from desktop.core.paths import app_paths
    from desktop.ui.app import create_window, make_application

    app = make_application()
    window = create_window(app_paths(), with_samples=False)
    window.resize(1400, 860)
    window.show()
    meter = StallMeter()
    results: list[str] = []
    for count in (2_000, 20_000):
        record = import_source(window.library,
            text_source(article(500), name=f"big{count}.txt")).article
        text = window.library.article(record.id).text
        store = AnnotationStore(window.library)
        rng = random.Random(count)
        window.library.conn.execute("PRAGMA synchronous = OFF")  # setting up only
        for i in range(count):
            start = rng.randrange(0, len(text) - 40)
            store.create(record.id, start, start + rng.randrange(5, 40),
                         note=f"note {i}" if i % 3 == 0 else "", tags=["t"] if i % 5 == 0 else [])
        window.library.conn.execute("PRAGMA synchronous = FULL")
        pump(app, 0.3)
        meter.reset()
        profiler = cProfile.Profile() if profile else None
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        window.open_article(record.id)
        busy = time.perf_counter() - t0
        pump(app, 2.0)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
        results.append(f"{count:>6} highlights: open_article {busy * 1000:8.0f} ms, longest "
                       f"stall until painted {meter.longest * 1000:8.0f} ms")
    # A 5 MB note, typed into with the preview open.
    note = ("A paragraph of notes with *emphasis*, a [link](https://example.org) and "
            "`code`, long enough to wrap a few times in the preview pane.\n\n") * 36_000
    window.library.save_note(window.current_article.id, note)
    window.open_article(window.current_article.id)
    pump(app, 3.0)
    editor = window.notes_panel.editor
    meter.reset()
    t0 = time.perf_counter()
    for _ in range(20):
        editor.insertPlainText("x")
        pump(app, 0.05)
    typing = meter.longest
    pump(app, 1.0)  # the pause: the preview renders
    settled = meter.longest
    results.append(f"5 MB note: longest stall while typing {typing * 1000:.0f} ms, including "
                   f"the preview after a pause {settled * 1000:.0f} ms "
                   f"(20 keys in {time.perf_counter() - t0:.1f} s)")
    print("\n".join(results))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
