"""How a long action reports progress and learns that the user cancelled it."""

from __future__ import annotations

from typing import Protocol


class ProgressSink(Protocol):
    """What ``desktop.ui.tasks.Progress`` gives a task; the CLI passes ``NO_PROGRESS``."""

    @property
    def cancelled(self) -> bool: ...

    def report(self, done: int, total: int, message: str = "") -> None: ...


class _Silent:
    cancelled = False

    def report(self, done: int, total: int, message: str = "") -> None:
        """Nobody is watching."""


NO_PROGRESS: ProgressSink = _Silent()
