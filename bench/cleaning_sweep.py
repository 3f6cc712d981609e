"""Cross-validation of the cleaners' tuned constants on the dev set.

Run from the repository root:

    .venv/bin/python bench/cleaning_sweep.py [--json]

Every constant below was tuned on the dev set. For each, a few values are tried and
scored on the odd and the even halves of the pages (sorted by name). The value a
half would pick is then scored on the other half: if the shipped value is not about
as good on both halves, it fits these pages rather than pages in general.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make `desktop` importable

from _figures import Report  # noqa: E402
from cleaning_quality import DEFAULT_DATA, MODES, Page, load_pages  # noqa: E402
from scoring import score_page, summarize  # noqa: E402

from desktop.core.cleaning import html, pasted_lines, pasted_region  # noqa: E402

# (mode, module, constant, values tried); the shipped value is always among them.
SWEEP: list[tuple[str, ModuleType, str, list[float]]] = [
    ("pasted", pasted_region, "LINE_COST", [5, 10, 15, 20]),
    ("pasted", pasted_region, "RAIL_COST", [10, 20, 40]),
    ("pasted", pasted_region, "DATE_COST", [20, 40, 60]),
    ("pasted", pasted_region, "EARLY_SHARE", [0.1, 0.2, 0.4]),
    ("pasted", pasted_region, "SENTENCE_DIVISOR", [1, 2, 3]),
    ("pasted", pasted_region, "MIN_ROWS", [2, 3, 5]),
    ("pasted", pasted_lines, "PROSE_WORDS", [15, 20, 25]),
    ("pasted", pasted_lines, "SENTENCE_WORDS", [6, 8, 10]),
    ("html", html, "MIN_PRECISE_SHARE", [0.0, 0.1, 0.25, 0.5]),
    ("html", html, "SAME_TITLE_SHARE", [0.4, 0.6, 0.8, 1.01]),
]


@contextmanager
def patched(module: ModuleType, name: str, value: float) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, type(old)(value))
    try:
        yield
    finally:
        setattr(module, name, old)


def halves(run: Callable[[Page], str | None], pages: list[Page]) -> tuple[float, float]:
    scores = [score_page(p.name, run(p), p.truth) for p in pages]
    return summarize(scores[0::2]).f1, summarize(scores[1::2]).f1


def main() -> int:
    report = Report.from_argv()
    with report.human_text_to_stderr():
        worst = sweep(load_pages(DEFAULT_DATA))
    # The one figure for the table: how far the shipped value of any constant falls
    # short, on one half, of the value the other half would have picked (0: never).
    report.figure("cleaning constants: shipped value's largest F1 shortfall on a held-out half",
                  worst, "F1", runs=len(SWEEP), target="<= 0.01 (shipped values not overfit)")
    return 0


def sweep(pages: list[Page]) -> float:
    """Prints the sweep; returns the shipped values' largest shortfall on a held-out half."""
    worst = 0.0
    print(f"{'constant':<34} {'value':>6} {'F1odd':>6} {'F1even':>6}")
    for mode, module, name, values in SWEEP:
        shipped = getattr(module, name)
        results = {}
        for value in values:
            with patched(module, name, value):
                results[value] = halves(MODES[mode], pages)
            odd, even = results[value]
            mark = "  <- shipped" if value == shipped else ""
            label = f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
            print(f"{label:<34} {value:>6} {odd:6.3f} {even:6.3f}{mark}")
        # Ties go to the shipped value: a flat half has no preference to report.
        by_odd = max(values, key=lambda v: (results[v][0], v == shipped))
        by_even = max(values, key=lambda v: (results[v][1], v == shipped))
        print(
            f"    tuned on odd -> {by_odd}: even {results[by_odd][1]:.3f};"
            f" tuned on even -> {by_even}: odd {results[by_even][0]:.3f}"
        )
        # How much better the shipped value is on a half than the value the other
        # half would have chosen: negative means the other half's pick was better.
        worst = max(worst, results[by_odd][1] - results[shipped][1],
                    results[by_even][0] - results[shipped][0])
    return worst


if __name__ == "__main__":
    sys.exit(main())
