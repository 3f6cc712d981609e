"""Moving in: a generated Pocket export of 6,000 links with 500 highlights is
imported into a fresh library (core), then again (nothing new), and through the
window's File ▸ Import (desktop/ui/tasks.py) while a timer on the GUI thread
measures how long the event loop ever waits (the window's responsiveness).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/app_export_import.py [--runs N]
     [--quick] [--json]
Targets: import under 30 s; the GUI thread never stalls 100 ms or more.
The export is built once under $LECTERN_BENCH_DATA (default ~/.cache/lectern-bench).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = 6000
HIGHLIGHTS = 500
TARGET_SECONDS = 30.0
STALL_TARGET_MS = 100.0
WORDS = ("river", "ice", "town", "market", "bridge", "ferry", "winter", "spring", "thunder",
         "carts", "children", "piers", "keeper", "light", "coast", "harbour", "storm",
         "village", "chart", "compass", "archive")


def data_folder() -> Path:
    folder = Path(os.environ.get("LECTERN_BENCH_DATA", Path.home() / ".cache/lectern-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_export(path: Path) -> Path:
    """Pocket's 2025 export: three CSV parts and one annotations part, in a ZIP."""
    if path.exists():
        return path
    rng = random.Random(12)
    rows = []
    for n in range(ROWS):
        tags = "|".join(rng.sample(WORDS, rng.randint(0, 3)))
        title = " ".join(rng.choices(WORDS, k=6)).capitalize()
        status = "archive" if n % 3 else "unread"
        rows.append(f'"{title}",https://example.org/{n // 100}/article-{n}?utm_source=x,'
                    f"{1500000000 + n * 3600},{tags},{status}")
    annotated = rng.sample(range(ROWS), 160)
    notes = []
    for i in range(HIGHLIGHTS):
        n = annotated[i % len(annotated)]
        notes.append((n, {"quote": f"Quote {i}: " + " ".join(rng.choices(WORDS, k=12)),
                          "created_at": 1600000000 + i}))
    by_url: dict[int, list[dict[str, object]]] = {}
    for n, mark in notes:
        by_url.setdefault(n, []).append(mark)
    annotations = [{"url": f"https://example.org/{n // 100}/article-{n}?utm_source=x",
                    "title": f"Article {n}", "highlights": marks} for n, marks in by_url.items()]
    header = "title,url,time_added,tags,status\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in range(3):
            chunk = rows[part * 2000:(part + 1) * 2000]
            archive.writestr(f"part_{part:06d}.csv", header + "\n".join(chunk) + "\n")
        archive.writestr("annotations/part_000000.json", json.dumps(annotations))
    path.write_bytes(buffer.getvalue())
    return path


def core_runs(export: Path, runs: int) -> tuple[list[float], list[float], dict[str, int]]:
    from desktop.core.operations.move_in.files import move_in
    from desktop.core.storage.library import Library

    first: list[float] = []
    again: list[float] = []
    counts: dict[str, int] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            library = Library.open(Path(folder) / "library.sqlite3")
            try:
                began = time.perf_counter()
                summary = move_in(library, export)
                first.append(time.perf_counter() - began)
                assert summary is not None
                counts = {"items": summary.items, "highlights": summary.highlights}
                began = time.perf_counter()
                repeat = move_in(library, export)
                again.append(time.perf_counter() - began)
                assert repeat is not None and repeat.items == 0 and repeat.highlights == 0
            finally:
                library.close()
    return first, again, counts


def window_run(export: Path) -> tuple[float, list[float], int]:
    """(seconds, gaps between timer ticks in ms, progress reports seen)."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["LECTERN_HOME"] = home
        from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

        from desktop.core.paths import app_paths
        from desktop.ui import actions
        from desktop.ui.app import create_window, make_application

        app = make_application()
        window = create_window(app_paths(), with_samples=False)
        window.show()
        settle = QEventLoop()  # the window finishes opening (library, features) first
        QTimer.singleShot(1500, settle.quit)
        settle.exec()
        clock = QElapsedTimer()
        gaps: list[float] = []
        last = [0.0]
        progress_seen = [0]

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            gaps.append(now - last[0])
            if os.environ.get("BENCH_VERBOSE") and now - last[0] > 50:
                print(f"  stall {now - last[0]:.0f} ms ending at {now:.0f} ms", file=sys.stderr)
            last[0] = now

        timer = QTimer(interval=10)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        window.imports_done.connect(lambda _report: loop.quit())
        original = window.tasks.run

        def counting_run(fn, on_success=None, on_failure=None, on_progress=None):  # type: ignore[no-untyped-def]
            def progressed(done: int, total: int, message: str) -> None:
                progress_seen[0] += 1
                if on_progress is not None:
                    on_progress(done, total, message)
            return original(fn, on_success or (lambda _r: None), on_failure,
                            None if os.environ.get("BENCH_NO_PROGRESS") else progressed)

        window.tasks.run = counting_run  # type: ignore[method-assign]
        clock.start()
        timer.start()
        began = time.perf_counter()
        actions.import_files(window, [str(export)])
        loop.exec()
        seconds = time.perf_counter() - began
        timer.stop()
        window.tasks.wait()
        window.close()
        window.library.close()
        app.processEvents()
        return seconds, gaps[1:], progress_seen[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one core run")
    parser.add_argument("--json", action="store_true", help="figures as JSON lines")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    export = build_export(data_folder() / f"pocket-{ROWS}-{HIGHLIGHTS}.zip")
    runs = 1 if args.quick else args.runs
    first, again, counts = core_runs(export, runs)
    seconds, gaps, reports = window_run(export)
    gaps.sort()
    worst = gaps[-1] if gaps else 0.0
    p99 = gaps[int(len(gaps) * 0.99) - 1] if gaps else 0.0
    figures = [
        {"figure": f"Pocket export of {ROWS:,} links, {HIGHLIGHTS} highlights: import "
                   "(core, median; low/high min/max)", "median": statistics.median(first),
         "low": min(first), "high": max(first), "unit": "s", "runs": runs,
         "target": f"< {TARGET_SECONDS:.0f} s"},
        {"figure": "the same export again: nothing new (core, median; low/high min/max)",
         "median": statistics.median(again), "low": min(again), "high": max(again),
         "unit": "s", "runs": runs},
        {"figure": "the same import through File > Import (window, task runner)",
         "median": seconds, "low": seconds, "high": seconds, "unit": "s", "runs": 1,
         "target": f"< {TARGET_SECONDS:.0f} s"},
        {"figure": "GUI thread: gaps between 10 ms timer ticks during that import "
                   "(median; low/high p99/max)", "median": statistics.median(gaps) if gaps
         else 0.0, "low": p99, "high": worst, "unit": "ms", "runs": len(gaps),
         "target": f"max < {STALL_TARGET_MS:.0f} ms"},
    ]
    if args.json:
        for figure in figures:
            print(json.dumps(figure))
    else:
        print(f"export: {export} ({export.stat().st_size:,} bytes); imported "
              f"{counts['items']:,} items, {counts['highlights']} highlights")
        print(f"core import: median {statistics.median(first):.2f} s over {runs} run(s) "
              f"(min {min(first):.2f}, max {max(first):.2f}); target < {TARGET_SECONDS:.0f} s")
        print(f"again, nothing new: median {statistics.median(again):.2f} s")
        print(f"window import: {seconds:.2f} s, {reports} progress reports; timer ticks "
              f"{len(gaps)}: median gap {statistics.median(gaps):.1f} ms, p99 {p99:.1f} ms, "
              f"max {worst:.1f} ms (target max < {STALL_TARGET_MS:.0f} ms)")
    ok = statistics.median(first) < TARGET_SECONDS and worst < STALL_TARGET_MS
    # With --json the table shows each figure against its target; the exit status
    # is kept for failures to measure, so `make bench` does not call this one failed.
    return 0 if ok or args.json else 1


if __name__ == "__main__":
    raise SystemExit(main())
