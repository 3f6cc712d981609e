"""What finding an article's images costs at import, and what it finds.

    .venv/bin/python bench/image_pass.py [--data DIR] [--rounds N]

Cleans every dev page with the image pass on and off (alternating, median of the
rounds), checks the text is identical either way, and counts the images placed.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make `desktop` importable

from _figures import Report  # noqa: E402

from desktop.core.cleaning import CleaningError, clean_html  # noqa: E402
from desktop.core.cleaning import html as html_cleaner  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction-dev"


def clean_all(pages: list[str]) -> tuple[float, list[str], int]:
    """(ms per page, cleaned texts, images placed)."""
    texts: list[str] = []
    images = 0
    start = time.perf_counter()
    for page in pages:
        try:
            article = clean_html(page)
        except CleaningError:
            texts.append("")
            continue
        texts.append(article.text)
        images += len(article.images)
    return (time.perf_counter() - start) / len(pages) * 1000, texts, images


def main() -> int:
    report = Report.from_argv()
    quick = Report.quick()
    with report.human_text_to_stderr():
        status, on, off = measure(quick)
    if on:
        report.figure("HTML cleaning with the image pass, per page (min-max of rounds)", on,
                      "ms", baseline="the same cleaning without it",
                      ratio=statistics.median(on) / statistics.median(off))
    return status


def measure(quick: bool) -> tuple[int, list[float], list[float]]:
    """Exit status, and ms per page with and without the image pass, per round."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=2 if quick else 3)
    args = parser.parse_args()
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted(args.data.glob("*.html.gz"))]
    real = html_cleaner.find_images
    on: list[float] = []
    off: list[float] = []
    for _ in range(args.rounds):
        html_cleaner.find_images = real
        ms_on, texts_on, placed = clean_all(pages)
        html_cleaner.find_images = lambda *_args: []
        ms_off, texts_off, _none = clean_all(pages)
        on.append(ms_on)
        off.append(ms_off)
    html_cleaner.find_images = real
    same = sum(a == b for a, b in zip(texts_on, texts_off, strict=True))
    with_images = sum(1 for p in pages if "<img" in p.lower())
    print(f"{len(pages)} pages ({with_images} with <img>), {args.rounds} rounds")
    print(f"text identical with and without the image pass: {same}/{len(pages)} pages")
    print(f"images placed: {placed}")
    a, b = statistics.median(on), statistics.median(off)
    print(f"clean_html: {a:.1f} ms/page with images, {b:.1f} without "
          f"(+{a - b:.1f} ms, ratio {a / b:.2f})")
    return (0 if same == len(pages) else 1), on, off


if __name__ == "__main__":
    raise SystemExit(main())
