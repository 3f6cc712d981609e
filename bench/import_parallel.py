"""Bulk import on both cores: a batch of saved pages cleaned by two worker processes
against the same batch cleaned in turn (issue 13 item 6), in the same run.

The 52 dev pages of ../shared/data/extraction-dev (decompressed into a temporary
folder, taken twice with different names so a batch has 104 files: the second copy
is recognised as a duplicate only after it is cleaned, so it costs the same) are
imported with ``import_batch(..., cleaners=1)`` and ``cleaners=2`` into fresh
libraries, alternating, so the machine's noise hits both alike. Figures: seconds per
batch (median, min-max) for each, and the throughput ratio (target: > 1, ideally
near 2 on an idle two-core machine).

    .venv/bin/python bench/import_parallel.py [--json] [--quick] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PAGES = ROOT.parent / "shared" / "data" / "extraction-dev"


def files(folder: Path, copies: int) -> list[Path]:
    made = []
    for copy in range(copies):
        for page in sorted(PAGES.glob("*.html.gz")):
            target = folder / f"{copy}-{page.name[:-3]}"
            target.write_bytes(gzip.decompress(page.read_bytes()))
            made.append(target)
    return made


def one_import(items: list[Path], cleaners: int, work: Path) -> float:
    from desktop.core.operations.import_articles import import_batch
    from desktop.core.storage.library import Library

    database = work / f"library-{cleaners}-{time.monotonic_ns()}.sqlite3"
    library = Library.open(database)
    try:
        started = time.perf_counter()
        report = import_batch(library, list(items), cleaners=cleaners)
        took = time.perf_counter() - started
    finally:
        library.close()
    if report.failed:
        raise SystemExit(f"import failed: {report.failed[:3]}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="52 files, 2 runs")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not PAGES.is_dir():
        raise SystemExit(f"the dev pages are not at {PAGES}")
    runs = 2 if args.quick else args.runs
    work = Path(tempfile.mkdtemp(prefix="lectern-import-parallel-"))
    try:
        items = files(work, 1 if args.quick else 2)
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(runs):
            for cleaners in (1, 2):
                times[cleaners].append(one_import(items, cleaners, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    serial, parallel = statistics.median(times[1]), statistics.median(times[2])
    figures = [
        {"figure": f"import of {len(items)} saved pages, cleaned in turn (median, min-max)",
         "median": round(serial, 2), "low": round(min(times[1]), 2),
         "high": round(max(times[1]), 2), "unit": "s", "runs": runs},
        {"figure": f"import of {len(items)} saved pages, two cleaning processes "
                   "(median, min-max)",
         "median": round(parallel, 2), "low": round(min(times[2]), 2),
         "high": round(max(times[2]), 2), "unit": "s", "runs": runs,
         "baseline": "cleaned in turn", "ratio": round(serial / parallel, 2),
         "target": "> 1 (throughput, two cores)"},
    ]
    for figure in figures:
        print(json.dumps(figure) if args.json else
              f"{figure['figure']}: {figure['median']} {figure['unit']} "
              f"[{figure['low']}-{figure['high']}]"
              + (f"  ({figure['ratio']}x)" if "ratio" in figure else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
