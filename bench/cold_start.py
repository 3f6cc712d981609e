"""Cold start: time from launching the process to the first window on screen.

Compares Lectern's window (on a sample library) with a bare PySide6 window holding
a text view, each in fresh processes, alternating, in the same run. Target: Lectern
within 1.5x of the bare window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py [--runs 15]
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

REPO = Path(__file__).resolve().parents[1]

BARE = """
import time, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([])
win = QMainWindow(); win.setCentralWidget(QTextEdit("hello")); win.resize(1200, 800); win.show()
QTimer.singleShot(0, lambda: (print("shown", time.time(), flush=True), app.quit()))
app.exec()
"""

# Lectern is launched as a user launches it (`python -m desktop`, the code behind
# the `lectern` command). Bench-only patches print the time at the first turn of
# the event loop after the main window is shown (as for the bare window), again
# when the window is complete on its library, and once the features are
# installed, then quit.
LECTERN = """
import runpy, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.ui.main_window as main_window

_show = main_window.MainWindow.show
_attach = main_window.MainWindow.attach
_install = main_window.MainWindow.install_features


def show(self):
    _show(self)
    QTimer.singleShot(0, lambda: print("shown", time.time(), flush=True))


def attach(self, library):
    _attach(self, library)
    print("complete", time.time(), flush=True)


def install_features(self):
    _install(self)
    print("installed", time.time(), flush=True)
    print("spacy_imported", float("spacy" in sys.modules), flush=True)
    QApplication.instance().quit()


main_window.MainWindow.show = show
main_window.MainWindow.attach = attach
main_window.MainWindow.install_features = install_features
sys.argv = ["lectern"]
runpy.run_module("desktop", run_name="__main__")
"""


def one_run(code: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each stage printed ("shown", "complete", "installed")."""
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    stages = [line.split() for line in out.splitlines() if len(line.split()) == 2]
    return {name: float(value) if name == "spacy_imported" else float(value) - started
            for name, value in stages}


def main() -> None:
    report = Report.from_argv()
    quick = Report.quick()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7 if quick else 15)
    args = parser.parse_args()
    with report.human_text_to_stderr():
        runs = measure(args.runs)
    paired = [lec / bare for lec, bare in zip(runs["shown"], runs["bare"], strict=True)]
    ms = {name: [1000 * s for s in values] for name, values in runs.items()}
    report.figure("first window, bare PySide6 window with a text view (min-max)", ms["bare"],
                  "ms")
    report.figure("first window shown, Lectern with the last article (min-max)", ms["shown"],
                  "ms", baseline="bare PySide6 window", ratio=statistics.median(paired),
                  target="<= 1.5x")
    report.figure("window complete on its library (min-max)", ms["complete"], "ms",
                  baseline="bare PySide6 window",
                  ratio=statistics.median(runs["complete"]) / statistics.median(runs["bare"]))


def measure(runs_wanted: int) -> dict[str, list[float]]:
    args = argparse.Namespace(runs=runs_wanted)
    home = Path(tempfile.mkdtemp(prefix="lectern-bench-"))
    # Point the platform's data and config folders at a temporary place rather than
    # setting LECTERN_HOME, so the run resolves paths exactly as a user's launch does.
    env = {k: v for k, v in os.environ.items() if k != "LECTERN_HOME"}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed Lectern runs from compiled bytecode (pip compiles at install,
    # `make run` runs compileall); this makes sure the checkout does too, even when
    # PYTHONDONTWRITEBYTECODE is set.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "desktop")], check=True)
    try:
        one_run(LECTERN, env)  # first run seeds the sample library; not timed
        runs: dict[str, list[float]] = {}
        spacy_seen = False
        for _ in range(args.runs):
            runs.setdefault("bare", []).append(one_run(BARE, env)["shown"])
            stages = one_run(LECTERN, env)
            spacy_seen |= stages.pop("spacy_imported", 0.0) != 0.0
            for name, seconds in stages.items():
                runs.setdefault(name, []).append(seconds)
        median = {name: statistics.median(values) for name, values in runs.items()}
        print(f"bare PySide6 window shown:        median {median['bare'] * 1000:7.1f} ms "
              f"(runs {args.runs})")
        print(f"Lectern window shown:             median {median['shown'] * 1000:7.1f} ms "
              "(the last article, from the first-paint cache)")
        print(f"Lectern window complete:          median {median['complete'] * 1000:7.1f} ms "
              "(library open, list and notes in)")
        print(f"Lectern features installed:       median {median['installed'] * 1000:7.1f} ms")
        print(f"ratio shown / bare:               {median['shown'] / median['bare']:.2f}  "
              "(target <= 1.5)")
        print(f"ratio complete / bare:            {median['complete'] / median['bare']:.2f}")
        # Runs alternate, so each Lectern run has a bare run beside it under the same
        # load: the median of those paired ratios is steadier than a ratio of medians.
        paired = [lec / bare for lec, bare in zip(runs["shown"], runs["bare"], strict=True)]
        lower, middle, upper = statistics.quantiles(paired, n=4)
        print(f"paired ratio shown / bare:        median {middle:.2f}, "
              f"quartiles {lower:.2f}-{upper:.2f}")
        print(f"spaCy imported in the window process: {spacy_seen}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return runs


if __name__ == "__main__":
    main()
