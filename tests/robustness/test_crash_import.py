"""SIGKILL at any moment of ``lectern import``: nothing acknowledged is lost, nothing is
half-imported, and the library passes integrity_check.

Each run copies a library holding one article and no backup, so the kill can land in
the open (lock, health check, backup), in cleaning, or inside a commit. An article is
acknowledged once its JSON line is on stdout: the import prints it after COMMIT.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_inputs import article_text
from lectern_testing import REPO

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage import backups
from desktop.core.storage.opening import open_library_safely

FILES_PER_RUN = 30


@pytest.fixture(scope="module")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("crash-template") / "home"
    library, _ = open_library_safely(app_paths(home))
    import_source(library, text_source(article_text("already there")))
    library.close()
    shutil.rmtree(home / "backups", ignore_errors=True)
    return home


def _import_and_kill(home: Path, files: list[Path], delay: float) -> tuple[list[dict[str, Any]], int]:
    env = {**os.environ, "LECTERN_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "import", "--json", *map(str, files)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=REPO,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate()  # every line written before the kill
    acknowledged = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    return acknowledged, process.returncode


def _verify(home: Path, acknowledged: list[dict[str, Any]]) -> None:
    library = home / "library.sqlite3"
    conn = sqlite3.connect(library)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
        orphans = conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN sources s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL").fetchone()[0]
        assert orphans == 0  # no article without its source: nothing half-imported
        for ack in acknowledged:
            row = conn.execute("SELECT title, text FROM articles WHERE id = ?",
                               (ack["id"],)).fetchone()
            assert row is not None, ack
            assert row[0] == ack["title"]
            tag = Path(ack["source"]).stem
            assert f"{tag} edition" in row[1]
    finally:
        conn.close()
    reopened, report = open_library_safely(app_paths(home))
    try:
        assert report.recovery is None  # a kill is not damage: nothing to recover
        assert len(reopened.list_articles()) >= len(acknowledged) + 1
    finally:
        reopened.close()
    for backup in backups.list_backups(home / "backups"):
        assert backups.verify(backup)  # a kill mid-backup leaves only a .partial


def _files(folder: Path, run: int) -> list[Path]:
    folder.mkdir()
    files = []
    for k in range(FILES_PER_RUN):
        path = folder / f"r{run}k{k}.txt"
        path.write_text(article_text(path.stem), encoding="utf-8")
        files.append(path)
    return files


def _calibrate(tmp_path: Path, template_home: Path) -> tuple[float, float]:
    """When the first article is acknowledged and when the import ends, uninterrupted
    (the fastest of three runs, so that kills land before the end)."""
    runs = [_timed_run(tmp_path, template_home, attempt) for attempt in range(3)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def _timed_run(tmp_path: Path, template_home: Path, attempt: int) -> tuple[float, float]:
    home = tmp_path / f"calibration{attempt}"
    shutil.copytree(template_home, home)
    files = _files(tmp_path / f"calibration-files{attempt}", 900 + attempt)
    env = {**os.environ, "LECTERN_HOME": str(home)}
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "import", "--json", *map(str, files)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=REPO,
    )
    assert process.stdout is not None
    process.stdout.readline()
    first = time.monotonic() - start
    process.communicate()
    return first, time.monotonic() - start


def _run_crashes(tmp_path: Path, template_home: Path, kills: int, seed: int) -> list[int]:
    """Import-and-kill until ``kills`` imports were really killed; returns, per kill, how
    many articles had been acknowledged."""
    rng = random.Random(seed)
    first, total = _calibrate(tmp_path, template_home)
    scale = 1.0  # shrinks when the machine is faster than calibrated
    counts: list[int] = []
    for run in range(kills * 3):
        if len(counts) == kills:
            break
        home = tmp_path / f"run{run}"
        shutil.copytree(template_home, home)
        files = _files(tmp_path / f"files{run}", run)
        # Most kills land where the writes are; some during start-up and the open.
        if rng.random() < 0.8:
            delay = rng.uniform(first * 0.8, total * 0.95) * scale
        else:
            delay = rng.uniform(0, first) * scale
        acknowledged, status = _import_and_kill(home, files, delay)
        _verify(home, acknowledged)
        if status == -signal.SIGKILL:
            counts.append(len(acknowledged))
        else:
            scale *= 0.85
        shutil.rmtree(home)
    return counts


def test_kill_during_import_loses_nothing_acknowledged(tmp_path: Path, template_home: Path) -> None:
    assert len(_run_crashes(tmp_path, template_home, kills=4, seed=1)) == 4


@pytest.mark.slow
def test_kill_during_import_at_50_random_moments(tmp_path: Path, template_home: Path) -> None:
    counts = _run_crashes(tmp_path, template_home, kills=50, seed=20261124)
    assert len(counts) == 50
    # The seeded delays spread the kills: before the first commit and mid-batch.
    assert 0 in counts and any(0 < c < FILES_PER_RUN for c in counts)
