"""Progress of long commands (downloads, big imports) on stderr, never on stdout.

On a terminal one line is redrawn in place; otherwise (a log, a pipe) a line is
written at each tenth of the way of long work (``LOG_FROM`` items or more), so a
log shows the command is moving and a short command's stderr holds only errors.
"""

from __future__ import annotations

import sys

LOG_FROM = 20


class StderrProgress:
    """A ``ProgressSink`` for the CLI: reports on stderr; Ctrl+C is the cancel."""

    cancelled = False

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.tty = sys.stderr.isatty()
        self._last_tenth = -1
        self._drawn = False

    def report(self, done: int, total: int, message: str = "") -> None:
        if total <= 0 or (not self.tty and total < LOG_FROM):
            return
        line = f"lectern: {self.verb} {done}/{total}"
        if self.tty:
            shown = f"{line} {message}"[:100]
            sys.stderr.write("\r\x1b[K" + shown)
            self._drawn = True
        else:
            tenth = done * 10 // total
            if tenth == self._last_tenth:
                return
            self._last_tenth = tenth
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def clear(self) -> None:
        """Before another line is written to the terminal."""
        if self.tty and self._drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self._drawn = False

    def finish(self, total: int) -> None:
        if self.tty:
            self.clear()
        elif total >= LOG_FROM and self._last_tenth != 10:
            sys.stderr.write(f"lectern: {self.verb} {total}/{total}\n")
            sys.stderr.flush()
