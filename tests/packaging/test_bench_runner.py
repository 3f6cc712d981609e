"""`make bench` (bench/run_all.py): scripts that speak the --json convention are
found and run, their figures make one table, failures are named, and
BENCHMARKS.md keeps only the latest table."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import run_all  # noqa: E402
from _figures import Report  # noqa: E402

FIGURE = {"figure": "search latency at 100,000 articles (p5-p95)", "median": 12.3, "low": 10.1,
          "high": 15.2, "unit": "ms", "runs": 20, "baseline": "search at 1,000 articles",
          "ratio": 1.21, "target": "<= 1.5x"}


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("import sys, json\n" + body, encoding="utf-8")
    return path


def test_every_script_taking_json_is_discovered_and_the_rest_only_named() -> None:
    reporting, silent = run_all.discover()
    names = {p.name for p in reporting}
    assert {"cold_start.py", "ner_speed.py", "cleaning_quality.py", "export_speed.py",
            "annotation_durability.py", "open_analysed_article.py", "peak_memory.py",
            "bundle.py"} <= names
    assert not {"run_all.py", "scoring.py", "_figures.py"} & (names | {p.name for p in silent})


def test_a_scripts_json_lines_become_rows_and_its_other_output_is_ignored(
        tmp_path: Path) -> None:
    path = script(tmp_path, "fake.py", (
        "assert sys.argv[1:] == ['--json', '--quick'], sys.argv\n"
        "print('building the library…')\n"
        f"print(json.dumps({FIGURE!r}))\n"
        "print('{not json')\n"
        "print('--quick')\n"))
    run = run_all.run_one(path, quick=True, timeout=60, env=dict(os.environ))
    assert run.status == "ok" and run.figures == [FIGURE]
    [row] = run_all.table([run])[2:]
    assert "| search latency at 100,000 articles (p5-p95) | **12.3** | 10.1–15.2 | ms | 20 |" in row
    assert "| search at 1,000 articles | 1.21x | <= 1.5x | fake.py |" in row


def test_a_failing_a_silent_and_a_stuck_script_are_each_named(tmp_path: Path) -> None:
    env = dict(os.environ)
    failing = run_all.run_one(script(tmp_path, "boom.py", "raise SystemExit(3)\n"), False, 60, env)
    assert failing.status.startswith("failed (exit 3")
    silent = run_all.run_one(script(tmp_path, "quiet.py", "print('hello')\n"), False, 60, env)
    assert silent.status.startswith("no figures")
    stuck = run_all.run_one(script(tmp_path, "stuck.py", (
        f"print(json.dumps({FIGURE!r}), flush=True)\nimport time; time.sleep(30)\n")), False, 1, env)
    assert stuck.status == "stopped after 1 s" and stuck.figures == [FIGURE]


def test_benchmarks_md_keeps_only_the_latest_table(tmp_path: Path) -> None:
    md = tmp_path / "BENCHMARKS.md"
    md.write_text("# Benchmarks\n\nHand-written notes.\n", encoding="utf-8")
    run_all.write_benchmarks_md(["| first |"], md)
    run_all.write_benchmarks_md(["| second |"], md)
    text = md.read_text(encoding="utf-8")
    assert "Hand-written notes." in text and "| second |" in text and "| first |" not in text
    assert text.count(run_all.START) == 1


@pytest.mark.parametrize("values", [[3.0, 1.0, 2.0], [5.0]])
def test_a_figure_from_values_is_their_median_with_min_and_max(values: list[float]) -> None:
    import io

    out = io.StringIO()
    Report(as_json=True, out=out).figure("f", values, "ms", target="<= 2")
    entry = json.loads(out.getvalue())
    assert (entry["median"], entry["low"], entry["high"], entry["runs"]) == (
        sorted(values)[len(values) // 2], min(values), max(values), len(values))
