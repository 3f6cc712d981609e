"""Run every benchmark in this folder and print their figures as one table.

    make bench          (QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py --write)
    .venv/bin/python bench/run_all.py [--quick] [--only NAME ...] [--skip NAME ...]

A benchmark is any ``bench/*.py`` that accepts ``--json`` (the convention in
bench/_figures.py: one JSON object per figure on stdout); each runs in its own
process, with ``--quick`` passed on to the scripts that accept it. Their text
goes to bench/out/NAME.log, the figures to bench/out/latest.json and the table
to stdout; ``--write`` also puts the table, the machine and the command in
BENCHMARKS.md. Scripts without ``--json`` are named, not run. Generated data
(large libraries) lives under $LECTERN_BENCH_DATA (default ~/.cache/lectern-bench).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
# Helpers the benchmarks import (scoring, the CoNLL download), not benchmarks.
NOT_BENCHMARKS = {"run_all.py", "scoring.py", "conll_data.py", "__init__.py"}
START, END = "<!-- make-bench:start -->", "<!-- make-bench:end -->"


@dataclass
class Run:
    script: str
    status: str = "not run"
    seconds: float = 0.0
    figures: list[dict[str, Any]] = field(default_factory=list)


def discover() -> tuple[list[Path], list[Path]]:
    """(scripts that report with --json, scripts that do not), by name."""
    reporting, silent = [], []
    for script in sorted(HERE.glob("*.py")):
        if script.name in NOT_BENCHMARKS or script.name.startswith("_"):
            continue
        source = script.read_text(encoding="utf-8")
        (reporting if "--json" in source or "Report.from_argv" in source else silent).append(
            script)
    return reporting, silent


def run_one(script: Path, quick: bool, timeout: float, env: dict[str, str]) -> Run:
    run = Run(script.name)
    command = [sys.executable, str(script), "--json"]
    source = script.read_text(encoding="utf-8")
    # A script takes --quick through its argparse or through _figures.Report.quick().
    if quick and ("--quick" in source or "Report.quick(" in source):
        command.append("--quick")
    OUT.mkdir(exist_ok=True)
    log = OUT / f"{script.stem}.log"
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as err:
        try:
            done = subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                                  stderr=err, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            run.status = f"stopped after {timeout:.0f} s"
            returncode = None
        else:
            out, returncode = done.stdout, done.returncode
    run.seconds = time.perf_counter() - started
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                figure = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(figure, dict) and "figure" in figure and "median" in figure:
                run.figures.append(figure)
    if returncode is not None:
        if returncode != 0:
            run.status = f"failed (exit {returncode}, see bench/out/{log.name})"
        elif not run.figures:
            said = _last_line(log)
            run.status = f"no figures: {said}" if said else f"no figures (see bench/out/{log.name})"
        else:
            run.status = "ok"
    return run


def _last_line(log: Path) -> str:
    """What a script that measured nothing said last (e.g. that its input is missing)."""
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace")
             .splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def number(value: Any) -> str:
    if value is None:
        return ""
    value = float(value)
    if value == 0 or 0.01 <= abs(value) < 1e6:
        text = f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}" if abs(value) < 1000 \
            else f"{value:,.0f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:.3g}"


def table(runs: list[Run]) -> list[str]:
    lines = ["| figure | median | spread | unit | runs | against | ratio | target | script |",
             "| --- | ---: | ---: | --- | ---: | --- | ---: | --- | --- |"]
    for run in runs:
        for f in run.figures:
            spread = (f"{number(f.get('low'))}–{number(f.get('high'))}"
                      if f.get("low") is not None and f.get("high") is not None else "")
            ratio = f"{number(f['ratio'])}x" if f.get("ratio") is not None else ""
            lines.append(
                f"| {f['figure']} | **{number(f['median'])}** | {spread} | {f.get('unit', '')} "
                f"| {f.get('runs') or ''} | {f.get('baseline', '')} | {ratio} "
                f"| {f.get('target', '')} | {run.script} |")
    return lines


def machine(load_before: str) -> list[str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, IndexError, ValueError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, IndexError, ValueError):
        kib = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    return [
        f"- machine: {cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}",
        f"- load average before / after: {load_before} / {_load()} (a shared machine: "
        "compare ratios within one run)",
        f"- run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}",
    ]


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def write_benchmarks_md(report: list[str], path: Path) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = "\n".join([START, *report, END])
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Latest `make bench`\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, where supported")
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME",
                        help="run only these (file names, with or without .py)")
    parser.add_argument("--skip", nargs="+", default=[], metavar="NAME")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per script")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args(argv)
    wanted = {n.removesuffix(".py") for n in args.only}
    skipped = {n.removesuffix(".py") for n in args.skip}
    reporting, silent = discover()
    scripts = [s for s in reporting
               if (not wanted or s.stem in wanted) and s.stem not in skipped]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.setdefault("LECTERN_BENCH_DATA", str(Path.home() / ".cache" / "lectern-bench"))
    load_before = _load()
    started = time.perf_counter()
    runs = []
    for script in scripts:
        print(f"== {script.name} …", file=sys.stderr, flush=True)
        run = run_one(script, args.quick, args.timeout, env)
        print(f"   {run.status}: {len(run.figures)} figures in {run.seconds:.0f} s",
              file=sys.stderr, flush=True)
        runs.append(run)
    total = time.perf_counter() - started
    command = "make bench" + (" (--quick)" if args.quick else "")
    if wanted or skipped:
        command = "bench/run_all.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = [*table(runs), "", *machine(load_before),
              f"- command: `{command}`, {total / 60:.1f} minutes"]
    report += [f"- {run.script}: {run.status}" for run in runs if run.status != "ok"]
    if silent:
        report.append("- not run (no `--json` yet): " + ", ".join(s.name for s in silent))
    print("\n".join(report))
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.json").write_text(json.dumps(
        [{"script": r.script, "status": r.status, "seconds": round(r.seconds, 1),
          "figures": r.figures} for r in runs], indent=1), encoding="utf-8")
    if args.write:
        write_benchmarks_md(report, REPO / "BENCHMARKS.md")
    return 0 if all(run.status == "ok" for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
