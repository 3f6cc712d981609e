"""SIGKILL in the middle of a burst of annotation writes: every write acknowledged
before the kill is in the database, and the database passes integrity_check.

The child creates highlights and rewrites their notes (note "v<n>", n rising) as
fast as it can, printing one line after each write returns, that is after its
COMMIT (synchronous=FULL). The parent kills it after a seeded random number of
acknowledgements, while it is busy with the next write.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from lectern_testing import REPO

from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

CHILD = r"""
import random, sys
from desktop.core.annotations import AnnotationStore
from desktop.core.storage.library import Library

library = Library.open(sys.argv[1])
store = AnnotationStore(library)
article = int(sys.argv[2])
text = library.article(article).text
rng = random.Random(int(sys.argv[3]))
made = []
version = 0
while True:
    version += 1
    if not made or rng.random() < 0.4:
        start = rng.randrange(0, len(text) - 40)
        a = store.create(article, start, start + rng.randint(5, 40), note=f"v{version}",
                         tags=[f"t{version % 7}"])
        made.append(a.id)
        print(f"create {a.id} {version}", flush=True)
    else:
        target = rng.choice(made)
        store.update(target, note=f"v{version}", tags=[f"t{version % 5}", "edited"])
        print(f"update {target} {version}", flush=True)
"""

TEXT = "Crash Test Article\n\n" + "\n\n".join(
    f"Paragraph {i}: the quick brown fox jumps over the lazy dog, again and again, "
    f"while the reader highlights what matters in paragraph {i}." for i in range(40))


def run_once(tmp_path: Path, seed: int) -> int:
    path = tmp_path / f"library-{seed}.sqlite3"
    library = Library.open(path)
    article = import_source(library, text_source(TEXT, name="crash.txt")).article.id
    library.close()
    rng = random.Random(seed)
    kill_after = rng.randint(1, 80)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(article), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    acked: list[tuple[str, str, int]] = []
    assert child.stdout is not None and child.stderr is not None
    errors = ""
    try:
        for line in child.stdout:
            kind, ann_id, version = line.split()
            acked.append((kind, ann_id, int(version)))
            if len(acked) >= kill_after:
                child.send_signal(signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
        errors = child.stderr.read()
        child.stderr.close()
    assert len(acked) == kill_after, f"the child stopped writing before the kill: {errors}"

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = dict(conn.execute("SELECT id, note FROM annotations").fetchall())
        for kind, ann_id, version in acked:  # type: ignore[assignment]
            assert ann_id in notes, f"acknowledged {kind} of {ann_id} lost"
            # the note is this write's or a later one's (a later write may have
            # committed just before the kill, without its acknowledgement)
            assert int(notes[ann_id].removeprefix("v")) >= version  # type: ignore[operator]
        tags = conn.execute(
            "SELECT COUNT(*) FROM annotation_tags t LEFT JOIN annotations a"
            " ON a.id = t.annotation_id WHERE a.id IS NULL").fetchone()[0]
        assert tags == 0
    finally:
        conn.close()
    return len(acked)


@pytest.mark.parametrize("seed", range(5))
def test_acknowledged_annotation_writes_survive_sigkill(tmp_path: Path, seed: int) -> None:
    run_once(tmp_path, seed)


@pytest.mark.slow
def test_acknowledged_annotation_writes_survive_sigkill_50_times(tmp_path: Path) -> None:
    for seed in range(100, 150):
        run_once(tmp_path, seed)
