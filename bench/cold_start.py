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

REPO = Path(__file__).resolve().parents[1]

BARE = """
import time, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([])
win = QMainWindow(); win.setCentralWidget(QTextEdit("hello")); win.resize(1200, 800); win.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""

# Lectern is launched as a user launches it (`python -m desktop`, the code behind
# the `lectern` command), with one bench-only patch: when the main window is shown,
# print the time; print it again once the features are installed, then quit.
LECTERN = """
import runpy, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.ui.main_window as main_window

_show = main_window.MainWindow.show


def show(self):
    _show(self)

    def shown():
        print(time.time(), flush=True)
        QTimer.singleShot(0, installed)

    def installed():
        self.install_features()
        print(time.time(), flush=True)
        QApplication.instance().quit()

    QTimer.singleShot(0, shown)


main_window.MainWindow.show = show
sys.argv = ["lectern"]
runpy.run_module("desktop", run_name="__main__")
"""


def one_run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to the window shown, and to everything installed."""
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    stamps = [float(x) for x in out.split() if x.replace(".", "", 1).isdigit()]
    return stamps[0] - started, stamps[-1] - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="lectern-bench-"))
    # Point the platform's data and config folders at a temporary place rather than
    # setting LECTERN_HOME, so the run resolves paths exactly as a user's launch does.
    env = {k: v for k, v in os.environ.items() if k != "LECTERN_HOME"}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        one_run(LECTERN, env)  # first run seeds the sample library; not timed
        bare, lectern, ready = [], [], []
        for _ in range(args.runs):
            bare.append(one_run(BARE, env)[0])
            shown, installed = one_run(LECTERN, env)
            lectern.append(shown)
            ready.append(installed)
        b, lec = statistics.median(bare), statistics.median(lectern)
        print(f"bare PySide6 window:          median {b * 1000:7.1f} ms  (runs {args.runs})")
        print(f"Lectern window shown:         median {lec * 1000:7.1f} ms")
        print(f"Lectern features installed:   median {statistics.median(ready) * 1000:7.1f} ms")
        print(f"ratio shown / bare:           {lec / b:.2f}  (target <= 1.5)")
        print(f"spacy imported at startup: {spacy_on_start_path(env)}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def spacy_on_start_path(env: dict[str, str]) -> bool:
    code = LECTERN.replace("self.install_features()", "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    return "True" in out.split()


if __name__ == "__main__":
    main()
