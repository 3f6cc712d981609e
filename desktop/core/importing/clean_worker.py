"""Cleaning a big file in a separate process, stopped at the time limit.

A hostile page (nested a million levels deep, one 30 MB line, markup that makes
a parser crawl) must not hang or crash Lectern. Python cannot interrupt a C
parser in a thread, so files bigger than ``in_process_bytes``, or with an extreme
structure (``needs_worker``), are cleaned in a child process that is killed at
``clean_seconds``; its crash or memory blow-up becomes a one-line message. Other
files are cleaned in process: starting a process costs more than cleaning them
(bench/ROBUSTNESS.md).

Run as ``python -m desktop.core.importing.clean_worker``: reads a pickled
(data, kind, name) on stdin, writes a pickled result on stdout.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from desktop.core.errors import ImportProblem
from desktop.core.importing.in_process import clean_in_process
from desktop.core.importing.kinds import reader
from desktop.core.importing.limits import (
    CLEAN_MEMORY,
    CLEAN_SECONDS,
    IN_PROCESS,
    IN_PROCESS_DEEP_LINES,
    IN_PROCESS_TAGS,
    clean_seconds,
)
from desktop.core.models import CleanedArticle, Source

_PACKAGE_ROOT = Path(__file__).resolve().parents[3]  # the folder holding ``desktop``


_DEEP_LINE = re.compile(rb"^[ \t>]{40,}", re.MULTILINE)


def needs_worker(data: bytes, kind: str) -> bool:
    """Whether cleaning ``data`` could take long enough to need the time limit:
    big files, and smaller ones whose structure is extreme (see limits.py)."""
    if len(data) > IN_PROCESS.value:
        return True
    if reader(kind).markup:
        return data.count(b"<") > IN_PROCESS_TAGS.value
    for deep, _match in enumerate(_DEEP_LINE.finditer(data), start=1):
        if deep > IN_PROCESS_DEEP_LINES.value:
            return True
    return False


def worker_available() -> bool:
    """Whether a worker can be started. In the bundle ``sys.executable`` is Lectern
    itself, which runs ``-m desktop.…`` as Python would
    (packaging/pyinstaller/lectern_entry.py); an embedding without one cleans in
    process."""
    return bool(sys.executable)


def clean_in_worker(data: bytes, kind: str, name: str,
                    seconds: float | None = None) -> tuple[CleanedArticle, str]:
    """Clean in a child process; raises ImportProblem naming the limit that stopped it."""
    # Deferred for start-up speed: the window imports this module (through the import
    # operation) while completing itself; subprocess and pickle cost it ~6 ms.
    import pickle
    import subprocess

    limit = clean_seconds() if seconds is None else seconds
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(_PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop.core.importing.clean_worker"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    try:
        out, err = process.communicate(pickle.dumps((data, kind, name)), timeout=limit)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise ImportProblem(CLEAN_SECONDS.exceeded(value=f"{limit:g} seconds")) from None
    except BaseException:
        process.kill()
        process.communicate()
        raise
    if process.returncode != 0 or not out:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:]
        detail = f" ({last[0][:200]})" if last else ""
        raise ImportProblem(
            f"the cleaner stopped unexpectedly (exit status {process.returncode}) and this "
            f"file was not imported{detail}"
        )
    status, *payload = pickle.loads(out)  # our own child's output, not the user's bytes
    if status == "problem":
        raise ImportProblem(str(payload[0]))
    article, encoding = payload
    assert isinstance(article, CleanedArticle) and isinstance(encoding, str)
    return article, encoding


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    limit = CLEAN_MEMORY.value
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _main() -> int:
    import pickle  # see clean_in_worker

    data, kind, name = pickle.loads(sys.stdin.buffer.read())
    _limit_memory()
    try:
        result: tuple[object, ...] = ("ok", *clean_in_process(Source(data, kind, name)))
    except ImportProblem as exc:
        result = ("problem", str(exc))
    except MemoryError:
        result = ("problem", CLEAN_MEMORY.exceeded())
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
