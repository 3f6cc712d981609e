"""The connector's server thread and the GUI thread, kept apart.

The server answers in its own threads and never touches a widget or the
window's SQLite connection: each accepted page goes into a queue (plain Python
data), a doorbell signal wakes the GUI thread, and the GUI thread imports it
through the window's task runner, one page at a time (so the same address sent
twice is stored once). The request's thread waits (bounded) for the outcome,
so the browser hears "saved" or why not.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from desktop.core.connector import (
    DEFAULT_PORT,
    ConnectorOff,
    SaveRequest,
    SaveResult,
    connector_port,
    connector_token,
    save_page,
)
from desktop.core.connector.server import ConnectorServer, Reply, SaveFunction, reply_for
from desktop.core.errors import LecternError
from desktop.core.storage.library import Library
from desktop.ui.tasks import Progress

if TYPE_CHECKING:
    from desktop.ui.host import FeatureHost

STATUS_MS = 8000
# How long the browser waits for "saved"; past it, it hears "accepted" (the page is
# still saved). Cleaning itself is limited to 30 s (docs/limits.md).
ANSWER_WITHIN_SECONDS = 45.0


@dataclass
class PendingSave:
    """A page between the server's thread and the GUI thread: plain data only."""

    request: SaveRequest
    done: threading.Event = field(default_factory=threading.Event)
    reply: Reply | None = None

    def answer(self, reply: Reply) -> None:
        if not self.done.is_set():
            self.reply = reply
            self.done.set()


class _Doorbell(QObject):
    """One for the process, on the GUI thread, never deleted: a server thread rings
    it while its window may be closing, and never holds a window's object."""

    rang = Signal()


_doorbell: _Doorbell | None = None


def _shared_doorbell() -> _Doorbell:
    global _doorbell
    if _doorbell is None:
        _doorbell = _Doorbell()
    return _doorbell


def _waiting_for_gui(arrivals: queue.Queue[PendingSave], doorbell: _Doorbell) -> SaveFunction:
    """The server's save function: hand the page over, wait for the GUI's answer."""

    def save(request: SaveRequest) -> Reply:  # in a request thread
        pending = PendingSave(request)
        arrivals.put(pending)
        doorbell.rang.emit()
        if pending.done.wait(ANSWER_WITHIN_SECONDS) and pending.reply is not None:
            return pending.reply
        return 202, {"ok": True, "accepted": True,
                     "message": "Lectern has the page and is still saving it"}

    return save


def _import(library_path: Path, request: SaveRequest, _progress: Progress) -> SaveResult:
    """In a pool thread, with its own connection (as every import)."""
    library = Library.open(library_path)
    try:
        return save_page(library, request)
    finally:
        library.close()


class ConnectorFeature(QObject):
    def __init__(self, window: FeatureHost) -> None:
        super().__init__(window.as_parent())
        self.setObjectName("connectorFeature")
        self.window = window
        self.server: ConnectorServer | None = None
        self.problem = ""  # why the window is not listening, for the dialog
        self._arrivals: queue.Queue[PendingSave] = queue.Queue()
        self._waiting: deque[PendingSave] = deque()
        self._importing: PendingSave | None = None
        self._doorbell = _shared_doorbell()
        window.closing.connect(self.stop)

    # -- starting and stopping ---------------------------------------------------

    def start(self) -> None:
        if self.window.library.readonly:  # the other Lectern, the writer, listens
            self.problem = "another Lectern has this library open and receives the pages"
            return
        try:
            port = connector_port()
            token = connector_token(self.window.library)
            self.server = ConnectorServer(port, token,
                                          _waiting_for_gui(self._arrivals, self._doorbell))
        except ConnectorOff as exc:
            self.problem = str(exc)
            return
        except LecternError as exc:  # a busy port (another Lectern): said once, no crash
            self.problem = str(exc)
            self.window.say(f"Save from the browser is off: {exc}", STATUS_MS)
            return
        self._doorbell.rang.connect(self._take_arrivals, Qt.ConnectionType.QueuedConnection)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                         name="lectern-connector", daemon=True).start()

    def stop(self) -> None:
        server, self.server = self.server, None
        if server is None:
            return
        self._doorbell.rang.disconnect(self._take_arrivals)
        server.shutdown()
        server.server_close()
        self._collect_arrivals()  # answered below, not imported: the window is closing
        for pending in self._waiting:
            pending.answer((503, {"ok": False, "error": "Lectern is closing; the page was "
                                                        "not saved"}))
        self._waiting.clear()
        if self._importing is not None:  # it completes before the window closes
            self._importing.answer((202, {"ok": True, "accepted": True,
                                          "message": "Lectern is closing; the page is saved"}))

    @property
    def port(self) -> int | None:
        return self.server.port if self.server is not None else None

    @property
    def token(self) -> str:
        return self.server.token if self.server is not None else ""

    # -- pages arriving ------------------------------------------------------------

    def _take_arrivals(self) -> None:
        self._collect_arrivals()
        self._import_next()

    def _collect_arrivals(self) -> None:
        while True:
            try:
                self._waiting.append(self._arrivals.get_nowait())
            except queue.Empty:
                return

    def _import_next(self) -> None:
        if self._importing is not None or not self._waiting:
            return
        pending = self._importing = self._waiting.popleft()
        path, request = self.window.library.path, pending.request
        self.window.tasks.run(lambda progress: _import(path, request, progress),
                              lambda result: self._saved(pending, result),
                              lambda exc: self._failed(pending, exc))

    def _saved(self, pending: PendingSave, result: SaveResult) -> None:
        pending.answer((200, result.as_json()))
        self._importing = None
        window = self.window
        window.library_changed.emit()
        current = window.current_article
        if current is None or (current.id == result.article_id and result.highlight_id):
            window.open_article(result.article_id)  # show it, or show its new highlight
        window.say(f"From the browser: {result.message()}", STATUS_MS)
        self._import_next()

    def _failed(self, pending: PendingSave, exc: BaseException) -> None:
        status, payload = reply_for(exc if isinstance(exc, Exception) else RuntimeError(exc))
        pending.answer((status, payload))
        self._importing = None
        self.window.say(
            f"Could not save {pending.request.url} from the browser: {payload['error']}",
            STATUS_MS)
        self._import_next()

    # -- Help ▸ Save from Browser ----------------------------------------------------

    def show_dialog(self) -> None:
        from desktop.ui.features.connector.dialog import SaveFromBrowserDialog

        try:
            token = self.token or connector_token(self.window.library)
        except LecternError as exc:
            token, self.problem = "", str(exc)
        if self.server is not None:
            state = f"Lectern is listening on {self.server.address} (this computer only)."
        else:
            state = f"Lectern is not listening: {self.problem or 'the connector is off'}."
        SaveFromBrowserDialog(self.window.as_parent(), token, self.port or DEFAULT_PORT,
                              state).open()
