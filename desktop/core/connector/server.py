"""The connector's HTTP server: 127.0.0.1 only, one thread per request.

``ConnectorServer(port, token, save)`` binds at once (a busy port is a
``PortBusy`` right away); ``serve_forever()`` answers until ``shutdown()``.
``save`` is called in the request's thread with a checked ``SaveRequest`` and
returns (HTTP status, JSON object); the CLI saves there, the window hands it to
its GUI thread. Every refusal happens before ``save`` is called: a refused
request stores nothing.
"""

from __future__ import annotations

import errno
import json
import os
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core.connector.protocol import (
    TOKEN_HEADER,
    Refusal,
    body_length,
    check_token,
    cors_origin,
    host_allowed,
    parse_save,
)
from desktop.core.errors import ImportProblem, LecternError
from desktop.core.operations.save_from_browser import SaveRequest

Reply = tuple[int, dict[str, Any]]
SaveFunction = Callable[[SaveRequest], Reply]

HOST = "127.0.0.1"
# A client that stops sending mid-request gives its thread back after this long.
SOCKET_TIMEOUT_SECONDS = 20


class PortBusy(LecternError):
    def __init__(self, port: int) -> None:
        super().__init__(f"port {port} on 127.0.0.1 is in use (another Lectern, or another "
                         "program); set LECTERN_CONNECTOR_PORT to use another port")
        self.port = port


def reply_for(exc: Exception) -> Reply:
    """A failed save as an answer: the page's fault (422) or ours (500), one line each."""
    if isinstance(exc, ImportProblem):
        return 422, {"ok": False, "error": f"Lectern could not read this page: {exc}"}
    if isinstance(exc, LecternError):
        return 503, {"ok": False, "error": str(exc)}
    return 500, {"ok": False, "error": f"internal error ({type(exc).__name__}); "
                                       "the page was not saved"}


def library_saver(library_path: Path, on_saved: Callable[[SaveRequest, Reply], None] | None = None
                  ) -> SaveFunction:
    """Save in the request's thread (no window): one page at a time, each with its
    own connection to the library (SQLite connections stay in their thread)."""
    from desktop.core.operations.save_from_browser import save_page
    from desktop.core.storage.library import Library

    writing = threading.Lock()  # one writer, pages in the order they came

    def save(request: SaveRequest) -> Reply:
        with writing:
            try:
                library = Library.open(library_path)
                try:
                    reply: Reply = (200, save_page(library, request).as_json())
                finally:
                    library.close()
            except Exception as exc:
                reply = reply_for(exc)
        if on_saved is not None:
            on_saved(request, reply)
        return reply

    return save


class ConnectorServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never keeps Lectern from quitting
    # SO_REUSEADDR on Windows would let a second program take the port from under us.
    allow_reuse_address = os.name != "nt"

    def __init__(self, port: int, token: str, save: SaveFunction) -> None:
        self.token = token
        self.save = save
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
                raise PortBusy(port) from None
            raise LecternError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror or exc})"
                               ) from None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class _Handler(BaseHTTPRequestHandler):
    server: ConnectorServer
    server_version = "Lectern"
    timeout = SOCKET_TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        return None  # no request log on the terminal: the CLI says what was saved

    # -- the three routes ----------------------------------------------------------

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        if self.path != "/status":
            self._refuse(Refusal(404, "not found; Lectern answers GET /status and POST /save"))
            return
        self._send(200, {"ok": True, "app": "Lectern", "version": __version__,
                         "save": "/save", "token_header": TOKEN_HEADER})

    def do_OPTIONS(self) -> None:
        """CORS preflight, with Chrome's Private Network Access question."""
        if not self._host_ok():
            return
        allowed = cors_origin(self.headers.get("Origin"), self.path)
        if allowed is None or self.path not in {"/save", "/status"}:
            self._refuse(Refusal(403, "requests from this origin are not accepted"))
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", allowed)
        self.send_header("Vary", "Origin")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", f"Content-Type, {TOKEN_HEADER}")
        self.send_header("Access-Control-Max-Age", "600")
        if self.headers.get("Access-Control-Request-Private-Network", "").lower() == "true":
            self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        try:
            request = self._save_request()
        except Refusal as refusal:
            self._refuse(refusal)
            return
        try:
            status, payload = self.server.save(request)
        except Exception as exc:  # one clear line to the browser, never a dropped socket
            status, payload = reply_for(exc)
        self._send(status, payload)

    def _save_request(self) -> SaveRequest:
        """Every check, cheapest first; the body is read last, and only as much as allowed."""
        if self.path != "/save":
            raise Refusal(404, "not found; Lectern answers GET /status and POST /save")
        origin = self.headers.get("Origin")
        if origin is not None and cors_origin(origin, self.path) is None:
            raise Refusal(403, f"requests from {origin[:80]!r} are not accepted")
        check_token(self.headers.get(TOKEN_HEADER), self.server.token)
        length = body_length(self.headers.get("Content-Length"))
        body = self.rfile.read(length)
        if len(body) < length:
            raise Refusal(400, "the request ended before its body did")
        return parse_save(body)

    # -- answering -------------------------------------------------------------------

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        """The base class's own refusals (an unknown method, a garbled request) in JSON too."""
        if not hasattr(self, "headers"):  # the request line itself was unreadable
            self.headers = self.MessageClass()
            self.path = ""
        self.close_connection = True
        self._send(code, {"ok": False, "error": message or explain or "refused"})

    def _host_ok(self) -> bool:
        if host_allowed(self.headers.get("Host"), self.server.port):
            return True
        self._refuse(Refusal(403, "refused: Lectern answers only requests addressed to "
                                  "127.0.0.1 or localhost"))
        return False

    def _refuse(self, refusal: Refusal) -> None:
        # The body of a refused request is not read: close rather than reuse the connection.
        self.close_connection = True
        self._send(refusal.status, {"ok": False, "error": refusal.message})

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            allowed = cors_origin(self.headers.get("Origin"), self.path)
            if allowed is not None and host_allowed(self.headers.get("Host"), self.server.port):
                self.send_header("Access-Control-Allow-Origin", allowed)
                self.send_header("Vary", "Origin")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (TimeoutError, ConnectionError):
            self.close_connection = True  # the browser went away: nothing to tell it
