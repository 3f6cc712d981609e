"""What Lectern's safety costs: the cleaning worker, the health check, backups, the lock.

Run: ``.venv/bin/python bench/robustness.py [--quick] [--json]``. Prints one figure per
line (``--quick``: without the 4 MB page; ``--json``: the convention of bench/_figures.py); compare
ratios within a run (the machine is shared and noisy). Results: bench/ROBUSTNESS.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _figures import Report

from desktop.core.importing import Source, text_source
from desktop.core.importing.clean_worker import clean_in_worker
from desktop.core.importing.in_process import clean_in_process
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage import backups, health
from desktop.core.storage.library import Library
from desktop.core.storage.lock import acquire
from desktop.core.storage.opening import open_library_safely

PARAGRAPH = ("<p>The survey team mapped the harbour floor metre by metre, and on the third "
             "day the divers found the bell that had been lost for two centuries.</p>")


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page(paragraphs: int) -> bytes:
    chrome = "<nav>" + "<a href=/x>Section</a>" * 40 + "</nav><script>var a = 1;</script>"
    body = PARAGRAPH * paragraphs
    return (f"<!doctype html><html lang=en><head><title>Harbour</title></head><body>{chrome}"
            f"<article><h1>Harbour survey</h1>{body}</article></body></html>").encode()


def bench_worker(report: Report, quick: bool) -> None:
    print("## cleaning: in process vs time-limited worker process")
    pages = [("small page 20 KB", page(100)), ("page 1.1 MB", page(6000))]
    if not quick:
        pages.append(("page 4 MB", page(22000)))
    for label, data in pages:
        repeat = 3 if len(data) < 2_000_000 else 1
        inside = median_seconds(lambda d=data: clean_in_process(Source(d, "html", "b")), repeat)
        worker = median_seconds(lambda d=data: clean_in_worker(d, "html", "b"), repeat)
        print(f"{label:18s} in process {inside * 1000:7.0f} ms   worker {worker * 1000:7.0f} ms"
              f"   worker/in-process {worker / inside:5.2f}x")
        report.figure(f"cleaning a {label.removeprefix('page ').removeprefix('small page ')} "
                      f"page in the time-limited worker (median of {repeat})", worker * 1000,
                      "ms", runs=repeat, baseline="cleaning in process", ratio=worker / inside)
    tiny = b"A short note\n\nIt has one sentence of text in it."
    overhead = median_seconds(lambda: clean_in_worker(tiny, "text", "b"), 5)
    inside = median_seconds(lambda: clean_in_process(Source(tiny, "text", "b")), 5)
    print(f"tiny text: worker {overhead * 1000:.0f} ms (process start, imports, round trip) vs "
          f"in process {inside * 1000:.1f} ms")
    report.figure("worker round trip for a tiny text (process start, imports; median of 5)",
                  overhead * 1000, "ms", runs=5)


def bench_library(folder: Path, report: Report) -> None:
    print("## opening, checking and backing up a library")
    paths = app_paths(folder / "home")
    library, _ = open_library_safely(paths)
    blob = os.urandom(200_000)
    for i in range(250):  # ~50 MB of sources, like a library of a few hundred pages
        source = text_source(f"Article {i}\n\n" + ("Words of an article body. " * 200) + str(i))
        outcome = import_source(library, source)
        with library.transaction() as conn:
            conn.execute("UPDATE sources SET data = ? WHERE article_id = ?",
                         (blob + str(i).encode(), outcome.article.id))
    library.close()
    size = paths.library.stat().st_size
    print(f"library size: {size / 1048576:.0f} MB, 250 articles")

    plain = median_seconds(lambda: Library.open(paths.library).close())
    check = median_seconds(lambda: health.check(paths.library))

    def safe_open_no_backup() -> None:
        lib, _report = open_library_safely(paths)
        lib.close()

    safe = median_seconds(safe_open_no_backup)
    conn = Library.open(paths.library).conn
    backup = median_seconds(lambda: backups.make_backup(conn, folder / "bk", keep=2), 3)
    newest = backups.list_backups(folder / "bk")[0]
    verify = median_seconds(lambda: backups.verify(newest), 3)
    conn.close()
    lock = median_seconds(lambda: acquire(folder / "x.sqlite3").release(), 20)
    print(f"Library.open (no checks)        {plain * 1000:7.1f} ms")
    print(f"health check (quick_check)      {check * 1000:7.1f} ms")
    print(f"open_library_safely (no backup) {safe * 1000:7.1f} ms   ({safe / plain:.1f}x plain)")
    print(f"backup incl. integrity_check    {backup * 1000:7.1f} ms   (once a day at most)")
    print(f"  of which integrity_check      {verify * 1000:7.1f} ms")
    print(f"lock acquire + release          {lock * 1000:7.3f} ms")
    report.figure("opening a 50 MB library with its safety checks (no backup due; median of 5)",
                  safe * 1000, "ms", runs=5, baseline="Library.open without checks",
                  ratio=safe / plain)
    report.figure("daily backup of a 50 MB library, integrity check included (median of 3)",
                  backup * 1000, "ms", runs=3)


def main() -> int:
    report = Report.from_argv()
    quick = Report.quick()
    with report.human_text_to_stderr():
        bench_worker(report, quick)
        with tempfile.TemporaryDirectory() as tmp:
            bench_library(Path(tmp), report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
