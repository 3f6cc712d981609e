"""Search and the CLI at 1,000, 10,000 and 100,000 articles, and the library's size.

Generated libraries (bench/_big_library.py) under $LECTERN_BENCH_DATA, built once.
Figures, all in the same run:
- core search (desktop.core.search.search, 20 results with snippets) over 40 words
  from very common to rare and 20 two-word / prefix / excluding queries: median and
  p95 per size; target median <= 20 ms, p95 <= 100 ms at 100,000;
- `lectern search WORD --json` as a user runs it (a fresh process each time), sizes
  alternating: median per size, ratio 100,000 / 1,000 (target <= 1.5x);
- `lectern show ID` and `lectern list --json` the same way (baseline: 1.0 s, 2.4 s);
- bytes per article at 100,000 (file less entity analyses / articles) against its text
  (target <= 2.5x).

    .venv/bin/python bench/search_scale.py [--json] [--quick] [--runs 7]

--quick (what `make bench` runs) measures the same sizes with 3 runs of each command.
The first run builds the libraries (about 15 minutes for 100,000 on two cores) and
migrates them to the current schema.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _big_library import library_home, query_words, vocabulary  # noqa: E402


def _repaired(home: Path) -> None:
    """Add the tables of migrations 0008-0009 (and 0011's index) to a library generated
    on a branch that did not have them yet (its version number says 13 all the same, so
    no migration would ever add them, and the window's feeds feature failed on opening)."""
    import sqlite3

    migrations = ROOT / "desktop" / "core" / "storage" / "migrations"
    conn = sqlite3.connect(home / "library.sqlite3")
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'feeds'").fetchone() is None:
            conn.executescript("BEGIN;" + (migrations / "0008_feeds.sql").read_text()
                               + (migrations / "0009_moving_in.sql").read_text() + "COMMIT;")
        # Likewise the list's covering index of 0011, missing from some of them.
        conn.execute("CREATE INDEX IF NOT EXISTS articles_row_state "
                     "ON articles(id, archived, favourite, progress)")
        conn.commit()
    finally:
        conn.close()


def prepared(size: int) -> Path:
    """The library of ``size`` at the current schema, compacted once, closed cleanly."""
    home = library_home(size)
    _repaired(home)
    stamp = home / "compacted"
    if not stamp.exists():
        _cli(home, "compact")  # migrates on open, compresses sources kept raw, vacuums
        stamp.write_text("yes")
    return home


def queries() -> list[str]:
    words = vocabulary()
    single = query_words(40)
    mixed = []
    for i in range(5):
        rare, common = words[5000 + i * 97], words[20 + i]
        mixed += [f"{rare} {common}", f'"{common} {words[40 + i]}"', f"{rare[:4]}*",
                  f"{rare} -{common}"]
    return single + mixed


def core_latencies(home: Path) -> list[float]:
    from desktop.core.search import search
    from desktop.core.storage import connect

    conn = connect(home / "library.sqlite3", readonly=True)
    asked = queries()
    for query in asked:  # warm the page cache as a running window would have it
        search(conn, query)
    times = []
    for query in asked:
        started = time.perf_counter()
        search(conn, query)
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def _cli(home: Path, *args: str) -> float:
    env = {**os.environ, "LECTERN_HOME": str(home)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"lectern {' '.join(args)} failed: {done.stderr.strip()}")
    return took


def cli_times(homes: dict[int, Path], args: list[str], runs: int) -> dict[int, list[float]]:
    found: dict[int, list[float]] = {size: [] for size in homes}
    for _ in range(runs):
        for size, home in homes.items():  # alternating: noise hits both alike
            found[size].append(_cli(home, *args) * 1000)
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def size_ratio(home: Path) -> tuple[float, float]:
    """Bytes per article, and their ratio to the text: the file less the entity
    analyses (the issue's measure is text, index and source; how many articles the
    entity backlog has analysed depends on how long windows stayed open on it)."""
    import sqlite3

    path = home / "library.sqlite3"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    articles, text_bytes = conn.execute(
        "SELECT count(*), sum(length(CAST(text AS BLOB))) FROM articles").fetchone()
    entities = conn.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat "
                            "WHERE name LIKE 'entity%'").fetchone()[0]
    conn.close()
    per_article = (path.stat().st_size - entities) / articles
    return per_article, per_article / (text_bytes / articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.quick:
        args.runs = min(args.runs, 3)
    large = 100_000
    sizes = [1_000, 10_000, 100_000]
    homes = {size: prepared(size) for size in sizes}
    figures = []
    for size in sizes:
        times = core_latencies(homes[size])
        figures.append({"figure": f"core search at {size:,} articles (median, p5-p95)",
                        "median": round(statistics.median(times), 2),
                        "low": round(percentile(times, 0.05), 2),
                        "high": round(percentile(times, 0.95), 2), "unit": "ms",
                        "runs": len(times), "target": "median <= 20, p95 <= 100"})
    word = query_words(10)[5]
    small = {1_000: homes[1_000], large: homes[large]}
    for label, cli_args, target in (
            ("lectern search", ["search", word, "--json", "--limit", "20"], "<= 1.5x"),
            ("lectern show", ["show", "500"], "<= 1.5x"),
            ("lectern list --json", ["list", "--json"], "")):
        found = cli_times(small, cli_args, args.runs)
        base = statistics.median(found[1_000])
        median = statistics.median(found[large])
        figure = {"figure": f"{label} at {large:,} articles (median, min-max)",
                  "median": round(median), "low": round(min(found[large])),
                  "high": round(max(found[large])), "unit": "ms", "runs": args.runs,
                  "baseline": f"{label} at 1,000 articles: {base:.0f} ms",
                  "ratio": round(median / base, 2)}
        if target:
            figure["target"] = target
        figures.append(figure)
    per_article, ratio = size_ratio(homes[large])
    figures.append({"figure": f"library bytes per article at {large:,} (file less entity "
                              "analyses / articles)",
                    "median": round(per_article), "low": round(per_article),
                    "high": round(per_article), "unit": "bytes", "runs": 1,
                    "baseline": "its text", "ratio": round(ratio, 2), "target": "<= 2.5x"})
    for figure in figures:
        if args.json:
            print(json.dumps(figure))
        else:
            extra = f"  ({figure['baseline']}, {figure['ratio']}x)" if "ratio" in figure else ""
            print(f"{figure['figure']}: {figure['median']} {figure['unit']} "
                  f"[{figure['low']}-{figure['high']}]{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
