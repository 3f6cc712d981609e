"""How a benchmark reports its figures to `make bench` (bench/run_all.py).

Run alone, a script prints for people. With ``--json`` it prints, besides its
usual text (moved to stderr), one JSON object per figure on stdout:

    {"figure": "…", "median": 12.3, "low": 10.1, "high": 15.2, "unit": "ms",
     "runs": 20, "baseline": "…", "ratio": 1.21, "target": "<= 1.5x"}

``low``/``high`` are the spread; the figure's name says which (min-max, p10-p90,
halves). ``baseline``, ``ratio`` and ``target`` are optional. A script needs only
``report = Report.from_argv()`` and ``report.figure(...)``; ``--quick`` is for
scripts to read (fewer rounds) when run_all passes it on.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO


class Report:
    def __init__(self, as_json: bool, out: TextIO | None = None) -> None:
        self.as_json = as_json
        self._out = out or sys.stdout

    @classmethod
    def from_argv(cls, argv: Sequence[str] | None = None) -> Report:
        """Takes ``--json`` (and leaves ``--quick`` for the script) out of sys.argv,
        so scripts with their own argparse need no change to accept it."""
        args = sys.argv if argv is None else argv
        as_json = "--json" in args
        if argv is None:
            sys.argv = [a for a in sys.argv if a != "--json"]
        return cls(as_json)

    @staticmethod
    def quick(argv: Sequence[str] | None = None) -> bool:
        args = sys.argv if argv is None else argv
        quick = "--quick" in args
        if argv is None:
            sys.argv = [a for a in sys.argv if a != "--quick"]
        return quick

    @contextlib.contextmanager
    def human_text_to_stderr(self) -> Iterator[None]:
        """With --json, what the script prints for people goes to stderr."""
        if not self.as_json:
            yield
            return
        with contextlib.redirect_stdout(sys.stderr):
            yield

    def figure(self, figure: str, values: Sequence[float] | float, unit: str, *,
               low: float | None = None, high: float | None = None, runs: int | None = None,
               baseline: str | None = None, ratio: float | None = None,
               target: str | None = None) -> dict[str, Any]:
        """One figure: a list of values gives the median and min/max, or pass the
        median with its spread. Printed as a JSON line with --json."""
        if isinstance(values, int | float):
            median = float(values)
        else:
            median = statistics.median(values)
            low = min(values) if low is None else low
            high = max(values) if high is None else high
            runs = len(values) if runs is None else runs
        entry: dict[str, Any] = {"figure": figure, "median": _round(median), "low": _round(low),
                                 "high": _round(high), "unit": unit, "runs": runs}
        for key, value in (("baseline", baseline), ("ratio", ratio), ("target", target)):
            if value is not None:
                entry[key] = _round(value) if isinstance(value, float) else value
        if self.as_json:
            self._out.write(json.dumps(entry) + "\n")
            self._out.flush()
        return entry


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return float(f"{value:.4g}")
