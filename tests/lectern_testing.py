"""Helpers the tests import by name (``from lectern_testing import run_cli``).

They live here, not in conftest.py: several folders have a conftest.py of their
own, and ``from conftest import ...`` would pick whichever was loaded last.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def run_cli(*args: str, home: Path, stdin: str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``lectern`` as a user would, in a subprocess, on the library at ``home``."""
    env = {**os.environ, "LECTERN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], input=stdin, capture_output=True,
        text=True, env=env, timeout=timeout, cwd=REPO,
    )
