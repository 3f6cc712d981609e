"""The bundle's entry point: what ``lectern`` runs inside the PyInstaller bundle.

Lectern starts helper processes as ``sys.executable -m desktop.…`` (the entity
worker, desktop/ui/entity_worker.py; the self-check starts it the same way). In
the bundle ``sys.executable`` is this program, so ``-m MODULE`` is honoured here
for Lectern's own modules, and ``-c CODE`` as Python honours it (the start-up
benchmark, bench/bundle.py, times the bundle's window that way); everything else
is the ``lectern`` command line.
"""

from __future__ import annotations

import multiprocessing
import runpy
import sys


def main() -> int:
    multiprocessing.freeze_support()
    if len(sys.argv) > 2 and sys.argv[1] == "-m" and sys.argv[2].startswith("desktop."):
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0
    if len(sys.argv) > 2 and sys.argv[1] == "-c":
        code = sys.argv[2]
        sys.argv = ["-c", *sys.argv[3:]]
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
        return 0
    from desktop.cli import main as lectern

    return lectern()


if __name__ == "__main__":
    raise SystemExit(main())
