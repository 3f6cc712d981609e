"""Helpers the browser tests import by name (not from conftest: see lectern_testing)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

TOKEN = "browser-test-token-9f8e7d6c5b4a"


def wait_for(condition: Any, timeout: float = 30, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def library_path(lectern: Any) -> Path:
    return Path(lectern.library_path)
