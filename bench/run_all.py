"""Run every benchmark in this folder, one after another, and print their figures.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"run_all.py", "scoring.py", "__init__.py"}


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in NOT_BENCHMARKS or script.name.startswith("_"):
            continue
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
