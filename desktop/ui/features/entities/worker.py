"""The window's side of the entity worker process (desktop/core/entities/worker.py).

This is the one mechanism by which entity recognition runs off the GUI thread:
spaCy in a thread holds the GIL and makes scrolling stutter, and importing it
costs 0.4 s, so it lives in a separate, long-lived process started on first
need. QProcess delivers its replies on the GUI thread as signals; nothing here
blocks. Requests are queued, deduplicated and sent in small jobs, the article
being read first. The process only reads the library; what it finds comes back
here and the window (the library's one writer) stores it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal

import desktop

JOB_SIZE = 8  # articles per job: the one being read never waits behind a long import
MAX_RESTARTS = 3


class EntityWorker(QObject):
    article_ready = Signal(object)  # a worker reply with one article's raw mentions
    progress = Signal(int, int)  # articles done, articles asked for (since idle)
    idle = Signal()
    failed = Signal(str)  # one line for the status bar

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self._process: QProcess | None = None
        self._ready = False
        self._queue: list[int] = []
        self._running: list[int] = []
        self._job = 0
        self._asked = 0
        self._done = 0
        self._buffer = b""
        self._restarts = 0
        self._fatal = ""
        self._paused = False
        self._priority: set[int] = set()  # asked for first (the article open): never paused

    @property
    def busy(self) -> bool:
        return bool(self._queue or self._running)

    def request(self, article_ids: list[int], first: bool = False) -> None:
        """Ask for these articles' entities; ``first`` puts them ahead of the queue."""
        if self._fatal:
            self.failed.emit(self._fatal)
            return
        running = set(self._running)
        new = [i for i in dict.fromkeys(article_ids) if i not in running]
        # Sets, not lists: a 100,000-article backlog must not cost n x m comparisons.
        queued, fresh = set(self._queue), set(new)
        self._asked += len(fresh - queued)
        self._queue = [i for i in self._queue if i not in fresh]
        self._queue = new + self._queue if first else self._queue + new
        if first:
            self._priority.update(new)
        self.progress.emit(self._done, self._asked)
        self._start()
        self._send_next()

    def stop(self) -> None:
        """End the process now (host closing); queued work is dropped."""
        self._queue.clear()
        self._running.clear()
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._finished)
            _end(process)

    # -- process ---------------------------------------------------------------

    def _start(self) -> None:
        if self._process is not None:
            return
        # Owned by the application, not by this object: a window torn down
        # without closing must not destroy a running QProcess (Qt warns, and
        # the child would be orphaned); it is ended when this object goes.
        process = QProcess(QCoreApplication.instance())
        self.destroyed.connect(lambda *_: _end(process))
        environment = QProcessEnvironment.systemEnvironment()
        root = str(Path(desktop.__file__).resolve().parents[1])
        existing = environment.value("PYTHONPATH", "")
        environment.insert("PYTHONPATH", root + (os.pathsep + existing if existing else ""))
        from desktop.core.importing.parent_watch import PARENT_ENV

        environment.insert(PARENT_ENV, str(os.getpid()))  # it ends when this process does
        process.setProcessEnvironment(environment)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._finished)
        self._process, self._ready, self._buffer = process, False, b""
        process.start(sys.executable, ["-m", "desktop.core.entities.worker"])

    @property
    def paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        """Paused: only articles asked for first (the one being read) are analysed; the
        backlog waits, in order, until resumed."""
        self._paused = paused
        if not paused:
            self._send_next()

    @property
    def waiting(self) -> int:
        """Articles queued and not yet analysed."""
        return len(self._queue) + len(self._running)

    def _send_next(self) -> None:
        if self._process is None or not self._ready or self._running or not self._queue:
            return
        if self._paused:
            urgent = [i for i in self._queue[:JOB_SIZE] if i in self._priority]
            if not urgent:
                return
            self._running = urgent
            self._queue = [i for i in self._queue if i not in set(urgent)]
        else:
            self._running, self._queue = self._queue[:JOB_SIZE], self._queue[JOB_SIZE:]
        self._priority.difference_update(self._running)
        self._job += 1
        request = {"job": self._job, "library": str(self.library_path), "analyse": self._running}
        self._process.write((json.dumps(request) + "\n").encode("utf-8"))

    def _read(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                try:
                    self._handle(json.loads(line))
                except ValueError:
                    continue

    def _handle(self, message: dict[str, object]) -> None:
        if message.get("ready"):
            self._ready = True
            self._send_next()
        elif "fatal" in message:
            self._fatal = str(message["fatal"])
            self.failed.emit(self._fatal)
        elif "article" in message:
            self._done += 1
            self.progress.emit(self._done, self._asked)
            self.article_ready.emit(message)
        elif "done" in message or "error" in message:
            if "error" in message:
                self.failed.emit(f"Entities could not be found: {message['error']}")
            self._running = []
            self._send_next()
            if not self.busy:
                self._asked = self._done = 0
                self.idle.emit()

    def _finished(self) -> None:
        lost = self._running
        self._running = []
        if self._process is not None:
            self._process.deleteLater()
        self._process, self._ready = None, False
        if self._fatal:
            return
        if lost or self._queue:
            self._restarts += 1
            if self._restarts > MAX_RESTARTS:
                self._fatal = "the entity worker keeps stopping; entities are paused"
                self.failed.emit(self._fatal)
                return
            # Whatever it was working on is tried again, after the rest.
            self._queue = [i for i in self._queue if i not in lost] + lost
            self._start()


def _end(process: QProcess) -> None:
    try:
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(2000)
        process.deleteLater()
    except RuntimeError:  # already deleted with the application
        pass
