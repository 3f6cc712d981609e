"""Importing pages from their addresses against importing the same pages from disk.

    .venv/bin/python bench/url_import.py [--pages 100] [--delay 0.2] [--rounds 3] [--quick] [--json]

The 52 dev pages of ../shared/data/extraction-dev, varied to ``--pages`` distinct
pages (each copy's paragraphs are marked, so none is a duplicate), are imported into a
fresh library twice per round, in turns: from files on disk (read, clean, store:
``lectern import FILES``) and from a local server that answers each page after
``--delay`` seconds (``lectern import URLS``: fetch, clean, store). The target
(issue 11): the URL import runs at no less than 0.8x the speed of the disk import,
in the same run. One more pass fetches at two requests per site (the download
queue's politeness) to show why an explicit import asks for more.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the loopback server

from loopback import QuietHandler, serving  # noqa: E402

from desktop.core.net import polite  # noqa: E402
from desktop.core.operations import import_urls as url_import  # noqa: E402
from desktop.core.operations.import_articles import import_path  # noqa: E402
from desktop.core.storage.library import Library  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "extraction-dev"


def varied_pages(count: int) -> list[bytes]:
    originals = [gzip.decompress(p.read_bytes()) for p in sorted(DEV.glob("*.html.gz"))]
    if not originals:
        raise SystemExit(f"no dev pages in {DEV}")
    pages = []
    for n in range(count):
        page = originals[n % len(originals)]
        if n >= len(originals):  # a copy, its paragraphs marked: a new article, not a duplicate
            page = page.replace(b"</p>", f" (copy {n})</p>".encode())
            # ...and without the original's address (canonical link, og:url), which
            # would make it a duplicate of the original when imported from disk.
            page = page.replace(b"canonical", b"x-canonical").replace(b"og:url", b"x-og-url")
        pages.append(page)
    return pages


def slow_pages(pages: list[bytes], delay: float) -> type[QuietHandler]:
    class Handler(QuietHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            time.sleep(delay)
            self.send_body(200, "text/html", pages[int(self.path.strip("/").split(".")[0])])

    return Handler


def from_disk(folder: Path, files: list[Path]) -> tuple[float, int]:
    library = Library.open(folder / f"disk-{time.monotonic_ns()}.sqlite3")
    started = time.perf_counter()
    stored = 0
    for path in files:
        stored += not import_path(library, path).duplicate
    elapsed = time.perf_counter() - started
    library.close()
    return elapsed, stored


def from_urls(folder: Path, urls: list[str]) -> tuple[float, int]:
    library = Library.open(folder / f"urls-{time.monotonic_ns()}.sqlite3")
    started = time.perf_counter()
    outcomes = list(url_import.import_urls(library, urls))
    elapsed = time.perf_counter() - started
    library.close()
    problems = [o.problem for o in outcomes if o.problem]
    stored = sum(1 for o in outcomes if o.article_id is not None and not o.duplicate)
    if problems:
        print(f"  {len(problems)} failed, e.g. {problems[0]}", file=sys.stderr)
    return elapsed, stored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one round, no two-per-site pass")
    parser.add_argument("--json", action="store_true", help="figures as JSON lines on stdout")
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    pages = varied_pages(args.pages)
    with serving(slow_pages(pages, args.delay)) as base:
        urls = [f"{base}/{n}.html" for n in range(len(pages))]
        disk_times: list[float] = []
        url_times: list[float] = []
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = []
            for n, page in enumerate(pages):
                files.append(folder / f"{n}.html")
                files[-1].write_bytes(page)
            from_disk(folder, files[:5])  # warm up: imports, caches
            for round_number in range(rounds):
                if round_number % 2:  # in turns, each side first every other round
                    url, stored_url = from_urls(folder, urls)
                    disk, stored_disk = from_disk(folder, files)
                else:
                    disk, stored_disk = from_disk(folder, files)
                    url, stored_url = from_urls(folder, urls)
                disk_times.append(disk)
                url_times.append(url)
                print(f"  round: disk {disk:.2f} s ({stored_disk} stored), "
                      f"urls {url:.2f} s ({stored_url} stored)", file=sys.stderr)
            polite_time = None
            if not args.quick:
                polite.EXPLICIT_PER_HOST = polite.QUEUE_PER_HOST
                url_import.EXPLICIT_PER_HOST = polite.QUEUE_PER_HOST
                polite_time, _ = from_urls(folder, urls)
    ratios = [d / u for d, u in zip(disk_times, url_times, strict=True)]
    figures = [
        {"figure": f"import {len(pages)} pages from disk (median, min/max)",
         "median": round(statistics.median(disk_times), 3), "low": round(min(disk_times), 3),
         "high": round(max(disk_times), 3), "unit": "s", "runs": rounds},
        {"figure": f"import {len(pages)} pages by URL, {args.delay:g} s a page "
                   f"(median, min/max)",
         "median": round(statistics.median(url_times), 3), "low": round(min(url_times), 3),
         "high": round(max(url_times), 3), "unit": "s", "runs": rounds,
         "baseline": "import from disk, same run", "ratio": round(statistics.median(ratios), 3),
         "target": ">= 0.8x the disk speed"},
    ]
    if polite_time is not None:
        figures.append({"figure": f"import {len(pages)} pages by URL at two requests per site",
                        "median": round(polite_time, 3), "low": round(polite_time, 3),
                        "high": round(polite_time, 3), "unit": "s", "runs": 1})
    if args.json:
        for figure in figures:
            print(json.dumps(figure))
        return 0
    print(f"{len(pages)} pages ({sum(map(len, pages)) / 1e6:.1f} MB), server answers each after "
          f"{args.delay:g} s; {rounds} rounds in turns")
    print(f"from disk:     median {statistics.median(disk_times):.2f} s "
          f"({min(disk_times):.2f}-{max(disk_times):.2f})")
    print(f"by URL:        median {statistics.median(url_times):.2f} s "
          f"({min(url_times):.2f}-{max(url_times):.2f}), up to {polite.EXPLICIT_WORKERS} at once")
    print(f"speed, URL / disk: median {statistics.median(ratios):.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)}); target >= 0.8x")
    if polite_time is not None:
        print(f"by URL at two requests per site: {polite_time:.2f} s "
              f"({statistics.median(disk_times) / polite_time:.2f}x the disk speed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
