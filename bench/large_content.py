"""Large content stays smooth: an article with 20,000 highlights, a 5 MB note.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/large_content.py [--json] [--quick]
        [--runs 3] [--shot PATH]

Measures, in one run on one machine (ratios matter, the machine is shared):
- opening an article with 2,000 and 20,000 highlights: the longest stall of the GUI
  thread's event loop (a 5 ms timer's longest gap) from ``open_article`` until every
  highlight is listed and painted, against the same article with none (baseline);
- typing into a 5 MB note with the preview open: keys are posted to the editor one
  every 80 ms, with a pause of 0.9 s after every ten (the preview renders, the note
  autosaves); each key's delay from being posted to reaching the editor, and the
  longest stall, against a short note (baseline).
Figures and the write-up: bench/ROBUSTNESS.md ("Large content").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ["harbour", "survey", "council", "bridge", "river", "report", "engineers", "cracks",
         "piers", "closure", "commuters", "journey", "business", "customers", "rents"]


def article(paragraphs: int, seed: int = 7) -> str:
    """An article of random words (another seed, another article: imports dedupe)."""
    rng = random.Random(seed)
    body = "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
        for _ in range(paragraphs))
    return f"Large Article {seed}\n\n{body}"


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


def seed_highlights(library: object, article_id: int, count: int, seed: int = 1) -> None:
    """``count`` highlights on an article, written in one transaction (setting up only:
    one transaction each, as the window writes them, takes minutes at 20,000)."""
    import uuid

    from desktop.core.annotations.store import _COLUMNS, AnnotationStore, text_digest
    from desktop.core.storage.library import Library, now_iso

    assert isinstance(library, Library)
    text = library.article(article_id).text
    digest, stamp = text_digest(text), now_iso()
    rng = random.Random(seed)
    rows, tags = [], []
    for i in range(count):
        start = rng.randrange(0, len(text) - 40)
        selector = AnnotationStore._selector(text, start, start + rng.randrange(5, 40))
        ident = uuid.uuid4().hex
        rows.append((ident, article_id, selector.exact, selector.prefix, selector.suffix,
                     selector.start, selector.end, ("yellow", "green", "blue")[i % 3],
                     f"note {i}" if i % 3 == 0 else "", "anchored", stamp, stamp, "", digest))
        if i % 5 == 0:
            tags.append((ident, "t", 0))
    with library.transaction() as conn:
        # The search index refreshes an article's row at every highlight written: set
        # aside its triggers for the bulk insert, then refresh the row once.
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                " AND tbl_name IN ('annotations', 'annotation_tags')"
                                " AND name LIKE '%insert'").fetchall()
        for name, _sql in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.executemany(f"INSERT INTO annotations ({_COLUMNS}, text_sha256)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT INTO annotation_tags (annotation_id, tag, position)"
                         " VALUES (?,?,?)", tags)
        for _name, sql in triggers:
            conn.execute(sql)
        conn.execute("INSERT INTO search_refresh VALUES (?)", (article_id,))


def pump(_app: object, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def pump_until(done: Callable[[], bool], limit: float = 60.0) -> float:
    """Run the event loop until ``done()`` (checked every 10 ms); seconds it took."""
    from PySide6.QtCore import QEventLoop, QTimer

    t0 = time.perf_counter()
    loop = QEventLoop()
    check = QTimer(interval=10)
    def check_done() -> None:
        if done() or time.perf_counter() - t0 > limit:
            loop.quit()

    check.timeout.connect(check_done)
    check.start()
    loop.exec()
    check.stop()
    return time.perf_counter() - t0


def open_stall(window: object, article_id: int, count: int, meter: StallMeter) -> float:
    """Longest event-loop stall (s) from opening the article until its ``count``
    highlights are listed in the panel and painted in the reader."""
    from desktop.ui.features.highlights.controller import HighlightsController

    controller = window.findChild(HighlightsController)  # type: ignore[attr-defined]
    pump(None, 0.3)
    meter.reset()
    window.open_article(article_id)  # type: ignore[attr-defined]
    panel, reader = controller.panel, window.reader  # type: ignore[attr-defined]
    took = pump_until(lambda: controller.loading is None and panel.list.count() == count
                      and (count == 0 or bool(reader.extraSelections())))
    print(f"{count} highlights: listed and painted after {took:.2f} s", file=sys.stderr)
    pump(None, 0.3)  # painted, and the first scroll-free frames after it
    return meter.longest


def typing_delays(window: object, meter: StallMeter, keys: int) -> tuple[float, float]:
    """(longest key delay, longest stall) in seconds while typing ``keys`` keys."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    editor = window.notes_panel.editor  # type: ignore[attr-defined]
    posted: list[float] = []
    delays: list[float] = []

    class Taken(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.KeyPress and len(delays) < len(posted):
                delays.append(time.perf_counter() - posted[len(delays)])
            return False

    taken = Taken()
    editor.installEventFilter(taken)
    editor.setFocus()
    meter.reset()
    for i in range(keys):
        posted.append(time.perf_counter())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(editor, QKeyEvent(kind, Qt.Key.Key_X,
                                                     Qt.KeyboardModifier.NoModifier, "x"))
        pump(None, 0.9 if i % 10 == 9 else 0.08)
    panel = window.notes_panel  # type: ignore[attr-defined]
    took = pump_until(lambda: panel.status.text() == "Saved", 30.0)
    print(f"typed {keys} keys, saved {took:.2f} s after", file=sys.stderr)
    editor.removeEventFilter(taken)
    return max(delays), meter.longest


def figure(name: str, values: list[float], baseline: str, base: float,
           target: str) -> dict[str, object]:
    med = statistics.median(values)
    return {"figure": name, "median": round(med * 1000, 1),
            "low": round(min(values) * 1000, 1), "high": round(max(values) * 1000, 1),
            "unit": "ms", "runs": len(values), "baseline": f"{baseline} ({base * 1000:.0f} ms)",
            "ratio": round(med / base, 2) if base > 0 else None, "target": target}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="one run of each")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shot", type=Path, default=None,
                        help="save a screenshot of the 20,000-highlight article here")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    os.environ["LECTERN_HOME"] = tempfile.mkdtemp(prefix="lectern-bench-")
    from desktop.core.importing import text_source
    from desktop.core.operations.import_articles import import_source
    from desktop.core.paths import app_paths
    from desktop.ui.app import create_window, make_application

    app = make_application()  # noqa: F841 (kept alive for the run)
    window = create_window(app_paths(), with_samples=False)
    window.resize(1400, 860)
    window.show()
    meter = StallMeter()
    ids = {}
    for count in (0, 2_000, 20_000):
        ids[count] = import_source(window.library, text_source(
            article(500, seed=count), name=f"big{count}.txt")).article.id
        seed_highlights(window.library, ids[count], count, seed=count)
    stalls: dict[int, list[float]] = {0: [], 2_000: [], 20_000: []}
    for count in stalls:  # a first opening each: what the window does once per article
        open_stall(window, ids[count], count, meter)  # (recognising entities...) settles
    pump(None, 3.0)
    for _ in range(runs):
        for count in stalls:
            stalls[count].append(open_stall(window, ids[count], count, meter))
    if args.shot:
        from desktop.ui.features.highlights.controller import HighlightsController

        open_stall(window, ids[20_000], 20_000, meter)
        controller = window.findChild(HighlightsController)
        assert controller is not None
        controller.show_highlight(controller.annotations[40].id)  # selected, in the editor
        pump(None, 1.0)
        window.grab().save(str(args.shot))
    # Typing: a short note, then a 5 MB one, on the article with no highlights.
    paragraph = ("A paragraph of notes with *emphasis*, a [link](https://example.org) and "
                 "`code`, long enough to wrap a few times in the preview pane.\n\n")
    typing: dict[str, list[tuple[float, float]]] = {"short": [], "5 MB": []}
    for label, note in (("short", paragraph * 10), ("5 MB", paragraph * 36_000)):
        window.library.save_note(ids[0], note)
        for _ in range(runs):
            window.open_article(ids[0])
            pump(None, 1.5)
            typing[label].append(typing_delays(window, meter, 30))
    window.close()
    base = statistics.median(stalls[0])
    out = [
        figure(f"open an article with {count:,} highlights: longest GUI stall until listed "
               "and painted (min/max of runs)", stalls[count], "same article, no highlights",
               base, "< 100 ms")
        for count in (2_000, 20_000)]
    short_keys = statistics.median(k for k, _ in typing["short"])
    short_stall = statistics.median(s for _, s in typing["short"])
    out.append(figure("typing in a 5 MB note: longest delay of a key (min/max of runs)",
                      [k for k, _ in typing["5 MB"]], "a short note", short_keys, "<= 50 ms"))
    out.append(figure("typing in a 5 MB note: longest GUI stall incl. preview and autosave "
                      "(min/max of runs)", [s for _, s in typing["5 MB"]], "a short note",
                      short_stall, "< 100 ms"))
    for row in out:
        if args.json:
            print(json.dumps(row))
        else:
            print(f"{row['figure']}: median {row['median']} ms ({row['low']}-{row['high']}), "
                  f"baseline {row['baseline']}, target {row['target']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
