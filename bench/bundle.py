"""The installable bundle (`make package`): its size, how fast its window
appears against the same code run by Python and a bare PySide6 window, and how
long its self-check takes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bundle.py [--runs 7] [--json]

Needs dist/lectern/ (build it with `make package`); without it, says so and
reports nothing. Launches alternate (bare, Python, bundle) so load falls on all
alike; the window is timed as bench/cold_start.py times it (first turn of the
event loop after the main window is shown), the bundle running the same probe
through its ``-c`` (packaging/pyinstaller/lectern_entry.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _figures import Report
from cold_start import BARE, LECTERN

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "lectern" / "lectern"


def shown_after(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    try:
        out = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True,
                             check=True, timeout=120).stdout
    except subprocess.TimeoutExpired as exc:
        # A modal message box (offscreen, nobody to answer it) never returns.
        raise SystemExit(f"{command[0]} did not finish starting in 120 s "
                         f"(printed {exc.stdout!r})") from None
    shown = [float(line.split()[1]) for line in out.splitlines() if line.startswith("shown ")]
    return shown[0] - started


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    report = Report.from_argv()
    quick = Report.quick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4 if quick else 7)
    args = parser.parse_args()
    if not BUNDLE.exists():
        print(f"no bundle at {BUNDLE}: build it with `make package`", file=sys.stderr)
        return 0
    newest_source = max(p.stat().st_mtime for p in (REPO / "desktop").rglob("*.py"))
    if BUNDLE.stat().st_mtime < newest_source:
        print("note: the bundle is older than the code in desktop/ (make package rebuilds it)",
              file=sys.stderr)
    home = Path(tempfile.mkdtemp(prefix="lectern-bundle-bench-"))
    base = {k: v for k, v in os.environ.items() if k not in ("LECTERN_HOME", "PYTHONPATH")}
    base.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A library each: an older bundle refuses a library the checkout has migrated.
    env = {**base, "XDG_DATA_HOME": str(home / "bundle" / "data"),
           "XDG_CONFIG_HOME": str(home / "bundle" / "config")}
    python_env = {**base, "PYTHONPATH": str(REPO), "XDG_DATA_HOME": str(home / "py" / "data"),
                  "XDG_CONFIG_HOME": str(home / "py" / "config")}
    try:
        with report.human_text_to_stderr():
            # First launches seed the sample libraries; not timed.
            shown_after([str(BUNDLE), "-c", LECTERN], env)
            shown_after([sys.executable, "-c", LECTERN], python_env)
            times: dict[str, list[float]] = {"bare": [], "python": [], "bundle": []}
            for _ in range(args.runs):
                times["bare"].append(shown_after([sys.executable, "-c", BARE], env))
                times["python"].append(shown_after([sys.executable, "-c", LECTERN], python_env))
                times["bundle"].append(shown_after([str(BUNDLE), "-c", LECTERN], env))
            started = time.perf_counter()
            check = subprocess.run([str(BUNDLE), "--self-check"], env=env, cwd=home,
                                   capture_output=True, text=True, timeout=300)
            self_check = time.perf_counter() - started
            print(check.stdout)
            for name, values in times.items():
                print(f"{name}: median {1000 * statistics.median(values):.0f} ms")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    ms = {name: [1000 * s for s in values] for name, values in times.items()}
    report.figure("bundle size (dist/lectern)", folder_mb(BUNDLE.parent), "MB", runs=1)
    report.figure("bundle: first window shown (min-max)", ms["bundle"], "ms",
                  baseline="bare PySide6 window",
                  ratio=statistics.median(times["bundle"]) / statistics.median(times["bare"]))
    report.figure("same window run by Python from the checkout (min-max)", ms["python"], "ms",
                  baseline="bare PySide6 window",
                  ratio=statistics.median(times["python"]) / statistics.median(times["bare"]))
    report.figure("bundle: lectern --self-check, whole", self_check, "s", runs=1,
                  target="exit 0" if check.returncode == 0 else "exit 0 (FAILED)")
    return 0 if check.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
