"""One Lectern per library: a second launch hands its files and links to the first.

Clicking a ``lectern://`` link (or opening a file with Lectern) while Lectern is
running starts a second process; it passes its arguments to the running window
over a local socket named after the library, and exits. macOS delivers such
links as ``QFileOpenEvent`` instead, which ``FileOpenFilter`` catches.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.core.storage.lock import window_file

CONNECT_TIMEOUT_MS = 500


def server_name(library: Path) -> str:
    """A socket name private to this user and library (paths can be long: hash them)."""
    key = f"{getpass.getuser()}:{library.resolve()}".encode()
    return "lectern-" + hashlib.sha256(key).hexdigest()[:16]


def absolute_arguments(arguments: list[str]) -> list[str]:
    """Files as absolute paths (the running window has another working folder)."""
    from desktop.core.net.urls import looks_like_url

    return [a if a.startswith("lectern://") or (looks_like_url(a) and not Path(a).exists())
            else str(Path(a).resolve()) for a in arguments]


def forward_to_running(library: Path, arguments: list[str]) -> bool:
    """Send ``arguments`` to the Lectern that has ``library`` open; False if none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(library))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(json.dumps(absolute_arguments(arguments)).encode() + b"\n")
    if socket.bytesToWrite():
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    # The running window answers "ok" once it has the arguments.
    answered = socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 4)
    delivered = answered and socket.readLine().data() == b"ok\n"
    socket.disconnectFromServer()
    return bool(delivered)


class InstanceServer(QObject):
    """Listens for later launches on the same library; emits what they were asked to open.

    A command-line Lectern that needs to write asks ``{"lend": true}`` instead: the
    ``lend`` callback lends it the library (desktop/cli/turns.py) and it is told
    "lent" or "no". The socket's full name is written beside the library for it.
    """

    arguments_received = Signal(list)

    def __init__(self, library: Path, parent: QObject | None = None,
                 lend: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self._lend = lend
        self._window_file = window_file(library)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        name = server_name(library)
        if not self.server.listen(name):
            # A socket left behind by a Lectern that crashed: we hold the library
            # lock, so no live Lectern can own it.
            QLocalServer.removeServer(name)
            self.server.listen(name)
        if lend is not None and self.server.isListening():
            with contextlib.suppress(OSError):
                self._window_file.write_text(self.server.fullServerName(), encoding="utf-8")
                self._window_file.chmod(0o600)

    def close(self) -> None:
        """Stop listening (the window is closing); later commands wait their turn."""
        self.server.close()
        if self._lend is not None:
            self._window_file.unlink(missing_ok=True)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            arguments = json.loads(bytes(socket.readLine().data()).decode())
        except (ValueError, UnicodeDecodeError):
            arguments = []
        if isinstance(arguments, dict):  # a command asking for the library
            lent = bool(arguments.get("lend")) and self._lend is not None and self._lend()
            socket.write(b"lent\n" if lent else b"no\n")
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return
        socket.write(b"ok\n")
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)  # a local socket: at once
        socket.disconnectFromServer()
        if isinstance(arguments, list) and all(isinstance(a, str) for a in arguments):
            self.arguments_received.emit(arguments)


class FileOpenFilter(QObject):
    """macOS sends files and URLs opened with Lectern as events, not arguments."""

    def __init__(self, open_arguments: Callable[[list[str]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open = open_arguments

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            target = url.toString() if url.scheme() == "lectern" else event.file()
            if target:
                self._open([target])
                return True
        return super().eventFilter(watched, event)
