"""Quitting after copying from the reader ends the process cleanly.

The reader copies the article's own text in a QMimeData made in Python; the
clipboard keeps it until the process ends, after Python has finalised, and
freeing it then crashed Lectern at every quit that followed a copy (exit status
-11, a crash report on the desktop). The app is run as users run it, in a child
process, so the crash cannot hide in the test runner's own exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lectern_testing import REPO, run_cli

COPY_THEN_QUIT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.ui.app as app_module

complete = app_module._complete_window

def completed(app, window, paths, arguments):
    complete(app, window, paths, arguments)

    def copy_and_quit():
        window.open_article(1)
        window.reader.select_range(0, 40)
        window.reader.copy()
        print(QApplication.clipboard().text(), flush=True)
        QTimer.singleShot(100, window.close)

    QTimer.singleShot(300, copy_and_quit)

app_module._complete_window = completed
sys.exit(app_module.run_app([]))
"""


def test_quitting_after_a_copy_exits_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    article = tmp_path / "harbour.txt"
    article.write_text("Harbour Survey Results\n\nThe survey team mapped the harbour floor "
                       "metre by metre and found the bell lost for two centuries.\n",
                       encoding="utf-8")
    env = {**os.environ, "LECTERN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    assert run_cli("import", str(article), home=home).returncode == 0
    done = subprocess.run([sys.executable, "-c", COPY_THEN_QUIT], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.startswith("Harbour Survey Results")  # the copy happened
    assert done.returncode == 0, done.stderr[-2000:]
