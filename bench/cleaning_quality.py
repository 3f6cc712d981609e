"""How well the article cleaners keep the article and drop the rest.

Run from the repository root:

    .venv/bin/python bench/cleaning_quality.py [--data DIR] [--pages]

Scores ``clean_html`` on each dev page's HTML and ``clean_pasted`` on the same page as
copied from a browser, against the human-marked ``articleBody``. What is scored is the
full cleaned text (``CleanedArticle.text``, headline included), because that is what a
reader sees and what notes point into; the headline costs a little precision, since the
truth leaves the title out. "keep everything" rows are the no-cleaning baselines. To
guard against tuning to these pages, every row is also given on the odd and even halves
of the set (pages sorted by name): a heuristic that only helps one half is over-fitted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make `desktop` importable

from _figures import Report  # noqa: E402
from lxml import html as lxml_html  # noqa: E402
from scoring import PageScore, Summary, score_page, summarize  # noqa: E402

from desktop.core.cleaning import CleaningError, clean_html, clean_pasted  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction-dev"


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    pasted: str
    truth: str
    url: str


def load_pages(folder: Path) -> list[Page]:
    pages = []
    for meta in sorted(folder.glob("*.json")):
        name = meta.name.removesuffix(".json")
        record = json.loads(meta.read_text(encoding="utf-8"))
        html = gzip.decompress((folder / f"{name}.html.gz").read_bytes())
        pages.append(
            Page(
                name=name,
                html=html.decode("utf-8", "replace"),
                pasted=(folder / f"{name}.txt").read_text(encoding="utf-8"),
                truth=record["articleBody"],
                url=record.get("url", ""),
            )
        )
    return pages


def all_visible_text(html: str) -> str:
    """The "keep everything" baseline for HTML: every text node but scripts and styles."""
    tree = lxml_html.fromstring(html)
    for el in tree.xpath("//script|//style|//noscript"):
        el.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


def _html(page: Page) -> str | None:
    try:
        return clean_html(page.html, page.url).text
    except CleaningError:
        return None


def _pasted(page: Page) -> str | None:
    try:
        return clean_pasted(page.pasted).text
    except CleaningError:
        return None


MODES: dict[str, Callable[[Page], str | None]] = {
    "html": _html,
    "pasted": _pasted,
    "html: keep everything": lambda p: all_visible_text(p.html),
    "pasted: keep everything": lambda p: p.pasted,
}


def _row(label: str, s: Summary, odd: Summary, even: Summary, seconds: float) -> str:
    return (
        f"{label:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
        f"   {odd.f1:6.3f} {even.f1:6.3f}   {s.empty:5d} {seconds:7.2f}"
    )


TARGETS = {"html": ">= 0.95", "pasted": ">= 0.90"}


def main(argv: list[str] | None = None) -> int:
    report = Report.from_argv(argv)
    if argv is None:
        Report.quick()  # accepted from `make bench --quick`; every page is scored anyway
    else:
        argv = [a for a in argv if a not in ("--json", "--quick")]
    with report.human_text_to_stderr():
        status, scored = score_modes(argv)
    for mode, target in TARGETS.items():
        if mode in scored:
            whole, odd, even = scored[mode]
            baseline = scored.get(f"{mode}: keep everything")
            report.figure(f"cleaning F1, {mode} (spread: odd/even halves of the dev pages)",
                          whole.f1, "F1", low=min(odd.f1, even.f1), high=max(odd.f1, even.f1),
                          runs=whole.pages, target=target,
                          baseline="keeping every line" if baseline else None,
                          ratio=whole.f1 / baseline[0].f1 if baseline else None)
    return status


def score_modes(argv: list[str] | None) -> tuple[int, dict[str, tuple[Summary, ...]]]:
    scored: dict[str, tuple[Summary, ...]] = {}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", action="store_true", help="also print every page's F1")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no dev set at {args.data}", file=sys.stderr)
        return 2, scored
    pages = load_pages(args.data)
    print(f"{len(pages)} pages from {args.data}; scoring the full cleaned text (headline included)")
    print(
        f"{'mode':<24} {'P':>6} {'R':>6} {'F1':>6}   {'F1odd':>6} {'F1even':>6}"
        f"   {'empty':>5} {'seconds':>7}"
    )
    for label, run in MODES.items():
        start = time.perf_counter()
        scores = [score_page(p.name, run(p), p.truth) for p in pages]
        seconds = time.perf_counter() - start
        odd, even = summarize(scores[0::2]), summarize(scores[1::2])
        print(_row(label, summarize(scores), odd, even, seconds))
        scored[label] = (summarize(scores), odd, even)
        if args.pages and "everything" not in label:
            _print_pages(scores)
    return 0, scored


def _print_pages(scores: list[PageScore]) -> None:
    for s in sorted(scores, key=lambda s: s.f1):
        p = "  -  " if s.precision is None else f"{s.precision:5.2f}"
        print(f"    {s.name[:12]}  P {p}  R {s.recall:5.2f}  F1 {s.f1:5.2f}")


if __name__ == "__main__":
    sys.exit(main())
