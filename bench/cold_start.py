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

LECTERN = """
import time, sys
from PySide6.QtCore import QTimer
from desktop.core.paths import app_paths
from desktop.ui.app import create_window, make_application
app = make_application()
win = create_window(app_paths())
win.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
win.tasks.wait()
"""


def one_run(code: str, env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    return float(out.strip().splitlines()[-1]) - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="lectern-bench-"))
    env = {**os.environ, "LECTERN_HOME": str(home)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        one_run(LECTERN, env)  # first run seeds the sample library; not timed
        bare, lectern = [], []
        for _ in range(args.runs):
            bare.append(one_run(BARE, env))
            lectern.append(one_run(LECTERN, env))
        b, lec = statistics.median(bare), statistics.median(lectern)
        print(f"bare PySide6 window:   median {b * 1000:7.1f} ms  (runs {args.runs})")
        print(f"Lectern main window:   median {lec * 1000:7.1f} ms")
        print(f"ratio Lectern / bare:  {lec / b:.2f}  (target <= 1.5)")
        print(f"spacy imported at startup: {spacy_on_start_path(env)}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def spacy_on_start_path(env: dict[str, str]) -> bool:
    code = LECTERN.replace("win.tasks.wait()", "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    return out.strip().splitlines()[-1] == "True"


if __name__ == "__main__":
    main()
