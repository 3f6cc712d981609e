"""A command that writes, run while a Lectern window has the library open: it asks
the window to lend it the library for one command, or waits its turn.

The window holds the library's lock for as long as it is open, so a script that
imported while the reader read was refused ("open read-only"). Now the window,
asked over its local socket (its name is in ``library.sqlite3.window``), lends
the lock: the command runs as usual and the window takes the lock back when it
is done. Another command-line Lectern holding the lock is waited for (bounded),
as SQLite waits for its own locks; only then is the user told.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

from desktop.core.errors import LecternError
from desktop.core.storage.lock import LibraryInUse, window_file

TURN_WAIT_S = 120.0  # a command-line import of a few hundred files finishes well within
ANSWER_TIMEOUT_S = 5.0
_POLL_S = 0.1
_ASK_AGAIN_S = 0.5


def ask_window_to_lend(library: Path) -> bool:
    """True if the window holding ``library`` lent it (the lock is free now or soon)."""
    try:
        name = window_file(library).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    if not name:
        return False
    try:
        reply = _ask(name, b'{"lend": true}\n')
    except OSError:
        return False  # a window that crashed left its file: nobody to ask
    return reply.startswith(b"lent")


def _ask(name: str, message: bytes) -> bytes:
    if os.name == "nt":  # pragma: no cover - Windows: a named pipe
        with open(name, "r+b", buffering=0) as pipe:
            pipe.write(message)
            return pipe.read(16)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(ANSWER_TIMEOUT_S)
        conn.connect(name)
        conn.sendall(message)
        return conn.recv(16)


def take_turn(paths: Any, first: LibraryInUse, say: Any) -> tuple[Any, Any]:
    """Open ``paths``' library for writing once it is this command's turn."""
    from desktop.core.storage.opening import open_library_safely

    lent = ask_window_to_lend(paths.library)
    deadline = time.monotonic() + TURN_WAIT_S
    told = False
    holder = first.holder_pid
    next_ask = time.monotonic() + _ASK_AGAIN_S
    while True:
        try:
            return open_library_safely(paths, shared=lent)
        except LibraryInUse as exc:
            holder = exc.holder_pid
            if time.monotonic() > deadline:
                who = f"process {holder}" if holder else "another Lectern"
                raise LecternError(
                    f"the library is still in use by {who} after {TURN_WAIT_S:g} s; "
                    "nothing was changed. Try again when it has finished") from None
            if not told and not lent:
                who = f"process {holder}" if holder else "another Lectern"
                say(f"waiting for {who} to finish with the library…")
                told = True
            # Ask again: the window may have taken the lock back after the command
            # before this one (or opened meanwhile); it lends it again.
            if time.monotonic() >= next_ask:
                lent = ask_window_to_lend(paths.library) or lent
                next_ask = time.monotonic() + _ASK_AGAIN_S
            time.sleep(_POLL_S)
