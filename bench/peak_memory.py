"""Peak memory: the window process with a library open and every article read,
the entity worker recognising the whole library, against a bare PySide6 window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/peak_memory.py [--runs 2] [--json]

The library holds the 52 dev pages of ../shared/data/extraction-dev (else the
bundled samples). Each figure is the peak resident set size (ru_maxrss) of a
fresh process, so nothing one measurement loaded counts in another.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _figures import Report

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "extraction-dev"

BARE = """
import resource
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([])
win = QMainWindow(); win.setCentralWidget(QTextEdit("hello")); win.resize(1200, 800); win.show()
QTimer.singleShot(0, app.quit)
app.exec()
print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# The window as a user has it (features installed), every article opened and painted.
WINDOW = """
import resource
from desktop.core.paths import app_paths
from desktop.ui.app import create_window, make_application
app = make_application()
window = create_window(app_paths(), with_samples=False, features=False)
window.resize(1400, 860)
window.show()
for article_id in window.library.article_ids():
    window.open_article(article_id)
    window.grab()
print("articles", len(window.library.article_ids()))
print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
window.library.close()
"""


def build_library(home: Path) -> int:
    """The dev pages (or the samples) imported into a library at ``home``."""
    sys.path.insert(0, str(REPO))
    from desktop.core.importing import Source
    from desktop.core.operations.import_articles import import_path, import_source
    from desktop.core.paths import app_paths
    from desktop.core.storage.library import Library

    library = Library.open(app_paths(home).library)
    try:
        pages = sorted(DEV.glob("*.html.gz")) if DEV.is_dir() else []
        for page in pages:
            import_source(library, Source(gzip.decompress(page.read_bytes()), "html", page.name))
        if not library.article_ids():
            for sample in sorted((REPO / "resources" / "samples").glob("*")):
                import_path(library, sample)
        return len(library.article_ids())
    finally:
        library.close()


def child_maxrss_mib(code: str, env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    kib = next(int(line.split()[1]) for line in out.splitlines() if line.startswith("maxrss"))
    return kib / 1024


def worker_maxrss_mib(library: Path, ids: list[int], env: dict[str, str]) -> float:
    """The entity worker as the window starts it, over every article; its own peak."""
    request = json.dumps({"job": 1, "library": str(library), "analyse": ids})
    process = subprocess.Popen([sys.executable, "-m", "desktop.core.entities.worker"],
                               cwd=REPO, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(request + "\n" + json.dumps({"quit": True}) + "\n")
    process.stdin.close()
    replies = [json.loads(line) for line in process.stdout if line.strip()]
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    done = [r for r in replies if "done" in r]
    if process.returncode != 0 or not done or sorted(done[0]["done"]) != sorted(ids):
        raise SystemExit(f"the entity worker failed: {replies[-1:] or 'no reply'}")
    return usage.ru_maxrss / 1024


def main() -> int:
    report = Report.from_argv()
    quick = Report.quick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1 if quick else 2)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="lectern-memory-bench-"))
    env = {**os.environ, "LECTERN_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        with report.human_text_to_stderr():
            articles = build_library(home)
            library = home / "library.sqlite3"
            from desktop.core.storage.library import Library

            opened = Library.open(library)
            ids = opened.article_ids()
            opened.close()
            bare, window, worker = [], [], []
            for _ in range(args.runs):
                bare.append(child_maxrss_mib(BARE, env))
                window.append(child_maxrss_mib(WINDOW, env))
                worker.append(worker_maxrss_mib(library, ids, env))
            print(f"{articles} articles; peak RSS (MiB) bare {bare}, window {window}, "
                  f"entity worker {worker}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    median = sorted(bare)[len(bare) // 2]
    report.figure("peak memory, bare PySide6 window (min-max)", bare, "MiB")
    report.figure(f"peak memory, window with {articles} articles opened in turn (min-max)", window,
                  "MiB", baseline="bare PySide6 window",
                  ratio=sorted(window)[len(window) // 2] / median)
    report.figure(f"peak memory, entity worker over {articles} articles (min-max)", worker,
                  "MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
