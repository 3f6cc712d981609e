"""`lectern --self-check`: passes on a whole installation, names what is broken
on a damaged one, and never touches the user's library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def self_check(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--self-check"], cwd=home,
        env={**os.environ, "LECTERN_HOME": str(home / "library"), **env},
        capture_output=True, text=True, timeout=300,
    )


def test_self_check_passes_every_check_and_leaves_the_library_alone(tmp_path: Path) -> None:
    done = self_check(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in ("imports", "resources", "cleaning and scratch library", "entities", "window"):
        assert any(line.startswith(f"ok   {name}:") for line in lines), done.stdout
    assert lines[-1] == "self-check passed"
    assert not (tmp_path / "library").exists(), "the user's library is never opened"


def test_self_check_names_what_is_broken_and_exits_1(tmp_path: Path) -> None:
    # An installation whose spaCy cannot be imported (as if a bundle had lost it).
    broken = tmp_path / "broken"
    (broken / "spacy").mkdir(parents=True)
    (broken / "spacy" / "__init__.py").write_text(
        "raise ImportError('spaCy was damaged for this test')\n", encoding="utf-8")
    path = os.pathsep.join([str(broken), str(REPO)])
    done = self_check(tmp_path, PYTHONPATH=path)
    assert done.returncode == 1
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert any(line.startswith("FAIL imports:") and "spacy" in line for line in failed)
    assert any(line.startswith("FAIL entities:") and "spacy" in line.lower() for line in failed)
    assert "ok   window:" in done.stdout, "what works is still checked and said"
    assert done.stdout.splitlines()[-1].startswith("self-check FAILED: imports, entities")
    assert "Traceback" not in done.stdout + done.stderr
