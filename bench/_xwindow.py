"""Driving a real Lectern window under Xvfb, as a user would, for the window benchmarks
(bench/window_typing.py, bench/window_large_content.py).

The window runs in its own process (``python -c PROBE``): the app as ``python -m
desktop`` starts it, plus a probe the benchmark writes, which begins with
``PROBE_HEAD`` (the imports, and a filter that notes when each key arrives). Keys are
sent with xdotool, one process per key, as a user's keyboard would send them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

PROBE_HEAD = r'''
import json, os, runpy, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import desktop.ui.main_window as main_window

OUT = Path(os.environ["PROBE_OUT"])
_install = main_window.MainWindow.install_features


class Keys(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress:
            record["keys"].append([time.time(), event.text()])
        return False
'''


def start_x(display: str) -> subprocess.Popen[bytes]:
    """An Xvfb server on ``display`` (a 1400x900 screen), given a second to start."""
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return server


@contextmanager
def window(probe: str, display: str, work: Path, **probe_env: str) -> Iterator[
        tuple[subprocess.Popen[bytes], dict[str, str]]]:
    """The window started with ``probe`` on the xcb platform, and the environment
    xdotool needs; the probe finds its files under ``work``. Killed if still running
    when the block ends."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "PROBE_OUT": str(work / "out.json"), "PROBE_READY": str(work / "ready"),
           "PROBE_STOP": str(work / "stop"), **probe_env}
    app = subprocess.Popen([sys.executable, "-c", probe], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield app, env
    finally:
        if app.poll() is None:
            app.kill()


def record_of(app: subprocess.Popen[bytes], work: Path) -> Any:
    """After the last key: 3 s for the last answers, then the probe's record."""
    time.sleep(3.0)
    (work / "stop").write_text("stop")
    app.wait(timeout=60)
    return json.loads((work / "out.json").read_text())


def wait_ready(app: subprocess.Popen[bytes], work: Path, what: str) -> None:
    """Until the probe says it is ready (at most 3 minutes), or the window died."""
    deadline = time.time() + 180
    while not (work / "ready").exists():
        if app.poll() is not None or time.time() > deadline:
            said = app.stderr.read().decode()[-3000:] if app.stderr else ""
            raise SystemExit(f"the window did not {what}: {said}")
        time.sleep(0.1)


def first_key(env: dict[str, str]) -> None:
    """One key nothing takes (Shift) before the measured ones: the first xdotool
    process and the X server's first key mapping cost up to 130 ms outside the window."""
    subprocess.run(["xdotool", "key", "shift"], env=env, check=True)
    time.sleep(0.5)


def type_letter(env: dict[str, str], letter: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "0", letter], env=env, check=True)
