"""Worker processes end with the Lectern that started them.

After ``lectern import`` was killed, its cleaning worker ran on for ~19 s; an
entity worker could outlive a crashed window the same way. A worker calls
``die_with_parent()`` first thing: on Linux the kernel kills it when its parent
dies (``PR_SET_PDEATHSIG``); everywhere a watchdog thread notices the parent is
gone (POSIX: it was re-parented; Windows: the parent's process handle is
signalled) and ends the worker at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

POLL_SECONDS = 0.25
_PR_SET_PDEATHSIG = 1
# Set by whoever starts a worker: the parent it must die with. Without it a worker
# whose parent died while it was still importing would take its new parent (init
# or a subreaper) for the one to watch.
PARENT_ENV = "LECTERN_PARENT_PID"


def parent_environment() -> dict[str, str]:
    """What a launcher adds to a worker's environment."""
    return {PARENT_ENV: str(os.getpid())}


def die_with_parent(parent: int | None = None) -> None:
    """Arrange for this process to end when its parent does (``parent``, else the one
    ``PARENT_ENV`` names, else the one it has now). Never raises."""
    if parent is None:
        given = os.environ.get(PARENT_ENV, "")
        parent = int(given) if given.isdigit() and len(given) < 12 else os.getppid()
    if sys.platform.startswith("linux"):
        _kernel_kills_us(signal.SIGKILL)
    if _parent_gone(parent):  # died before the arrangement: nobody will read our work
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _kernel_kills_us(sig: int) -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watchdog still works
        pass


def _parent_gone(parent: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return False  # the watchdog waits on the parent's handle instead
    return os.getppid() != parent


def _watch(parent: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        if _wait_for_windows_process(parent):
            os._exit(1)
        return
    while not _parent_gone(parent):
        time.sleep(POLL_SECONDS)
    os._exit(1)


def _wait_for_windows_process(pid: int) -> bool:  # pragma: no cover - Windows only
    """Block until process ``pid`` ends (True), or False if it cannot be watched."""
    import ctypes

    synchronize, infinite = 0x00100000, 0xFFFFFFFF
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return False
    kernel32.WaitForSingleObject(handle, infinite)
    kernel32.CloseHandle(handle)
    return True
