"""SIGKILL while Lectern recovers a damaged library: whenever the kill lands, the next
open ends with the backup restored (never an empty library) and the damaged file kept,
byte for byte, in a corrupt-… folder."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_inputs import article_text
from lectern_testing import REPO

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage import backups, health
from desktop.core.storage.opening import open_library_safely

ARTICLES = 5


@pytest.fixture(scope="module")
def damaged_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A library with a backup, then damaged; the backup is big enough (~16 MB) that
    copying it takes a while, so kills land inside the recovery."""
    home = tmp_path_factory.mktemp("recovery-crash") / "home"
    paths = app_paths(home)
    library, _ = open_library_safely(paths)
    for i in range(ARTICLES):
        outcome = import_source(library, text_source(article_text(f"recover{i}")))
        with library.transaction() as conn:
            conn.execute("UPDATE sources SET data = ? WHERE article_id = ?",
                         (os.urandom(3_000_000), outcome.article.id))
    backups.make_backup(library.conn, paths.backups)
    library.close()
    data = bytearray(paths.library.read_bytes())
    for offset in range(4096, 200_000, 3):
        data[offset] = 0x5A
    paths.library.write_bytes(bytes(data))
    assert health.check(paths.library) is not None
    return home, bytes(data)


def _open_and_kill(home: Path, delay: float) -> int:
    env = {**os.environ, "LECTERN_HOME": str(home)}
    process = subprocess.Popen([sys.executable, "-m", "desktop", "list"], env=env, cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode


def _verify(home: Path, damaged: bytes) -> None:
    library, _report = open_library_safely(app_paths(home))
    try:
        assert len(library.list_articles()) == ARTICLES  # the backup, never an empty library
    finally:
        library.close()
    conn = sqlite3.connect(home / "library.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    kept = [f / "library.sqlite3" for f in home.glob("corrupt-*")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert not health.staged_restore(home / "library.sqlite3").exists()


@pytest.mark.slow
def test_kill_during_recovery_at_25_random_moments(tmp_path: Path, damaged_home) -> None:  # type: ignore[no-untyped-def]
    template, damaged = damaged_home
    # How long one recovering `lectern list` takes: the fastest of three, since the
    # first pays for cold caches and a loaded machine slows any one of them; kills
    # aimed past the fastest would land after the end and test nothing.
    durations = []
    for attempt in range(3):
        timing = tmp_path / f"timing{attempt}"
        shutil.copytree(template, timing)
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "desktop", "list"], cwd=REPO, check=True,
                       env={**os.environ, "LECTERN_HOME": str(timing)}, capture_output=True)
        durations.append(time.monotonic() - start)
    total = min(durations)
    rng = random.Random(2026)
    killed = 0
    for run in range(25):
        home = tmp_path / f"run{run}"
        shutil.copytree(template, home)
        status = _open_and_kill(home, rng.uniform(0.05, 0.9) * total)
        killed += status == -signal.SIGKILL
        _verify(home, damaged)
        shutil.rmtree(home)
    assert killed >= 15
