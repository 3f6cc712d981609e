"""Fetching one address the user asked for, within limits, with a clear reason on failure.

Connect and read timeouts, a time limit for the whole download, at most
``MAX_REDIRECTS`` redirects (each to http or https only), and a size limit: the
body is streamed and the download stops at the limit, so a hostile server can
never make Lectern read without end. Proxies come from the environment (httpx's
``trust_env``). Nothing here decides what the bytes are: see ``desktop.core.net.page``.

Every failure is a ``FetchProblem`` whose message is one line, and whose
``lasting`` says whether trying again later could help (a timeout, a 503) or not
(a 404, a refused scheme): the download queue retries only passing failures.
"""

from __future__ import annotations

import errno
import socket
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from desktop import __version__
from desktop.core.errors import LecternError
from desktop.core.net.urls import BadAddress, host_of, web_address

MAX_REDIRECTS = 5
CONNECT_SECONDS = 10.0
READ_SECONDS = 20.0  # for each wait on the server, not the whole body
TOTAL_SECONDS = 90.0  # a server trickling bytes is cut off
USER_AGENT = (f"Mozilla/5.0 (compatible; Lectern/{__version__}; reading app, "
              "fetches a page only when its reader asks)")
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchProblem(LecternError):
    """A download failed; ``lasting``: trying again later will not help."""

    def __init__(self, message: str, *, lasting: bool, status: int = 0) -> None:
        super().__init__(message)
        self.lasting = lasting
        self.status = status


@dataclass(frozen=True)
class Response:
    """What came back: the final address (after redirects), status, headers and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    data: bytes = b""
    redirects: tuple[str, ...] = field(default=())

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        """The charset the Content-Type header declares ("" when none)."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip("\"'").lower()
        return ""


def new_client(*, max_connections: int = 8) -> httpx.Client:
    """A client for a batch of downloads (connections are reused within it)."""
    return httpx.Client(
        timeout=httpx.Timeout(READ_SECONDS, connect=CONNECT_SECONDS),
        follow_redirects=False,  # followed by hand: each target is checked
        trust_env=True,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=max_connections,
                            max_keepalive_connections=max_connections),
    )


@contextmanager
def client_for(client: httpx.Client | None) -> Iterator[httpx.Client]:
    """``client`` if given, else a fresh one closed afterwards."""
    if client is not None:
        yield client
        return
    fresh = new_client()
    try:
        yield fresh
    finally:
        fresh.close()


def fetch(url: str, *, max_bytes: int, accept: str = "*/*",
          headers: Mapping[str, str] | None = None, client: httpx.Client | None = None,
          check_head: object = None) -> Response:
    """GET ``url`` following redirects; raise FetchProblem (or BadAddress) on failure.

    A 304 answer is returned as it is (conditional requests, for feeds).
    ``check_head``, if given, is called with the Response of headers only before the
    body is read, and may raise to refuse it (a picture where a page was expected).
    """
    current = web_address(url)
    redirects: list[str] = []
    request_headers = {"Accept": accept, **(headers or {})}
    with client_for(client) as http:
        while True:
            host = host_of(current) or current
            try:
                with http.stream("GET", current, headers=request_headers) as answer:
                    if answer.status_code in _REDIRECTS:
                        current = _next_hop(current, answer, redirects)
                        continue
                    head = Response(str(answer.url), answer.status_code,
                                    dict(answer.headers), b"", tuple(redirects))
                    _check_status(head)
                    if answer.status_code == 304:
                        return head
                    if callable(check_head):
                        check_head(head)
                    data = _read_body(answer, max_bytes)
                    return Response(head.url, head.status, head.headers, data, head.redirects)
            except httpx.TimeoutException:
                raise FetchProblem(f"{host} did not answer in time", lasting=False) from None
            except httpx.TooManyRedirects:
                raise _too_many_redirects() from None
            except httpx.ConnectError as exc:
                raise _connect_problem(host, exc) from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError,
                    httpx.DecodingError) as exc:
                raise FetchProblem(f"the download from {host} broke off ({_reason(exc)})",
                                   lasting=False) from None
            except httpx.HTTPError as exc:
                raise FetchProblem(f"could not download from {host} ({_reason(exc)})",
                                   lasting=False) from None


def _next_hop(current: str, answer: httpx.Response, redirects: list[str]) -> str:
    location = answer.headers.get("location", "").strip()
    if not location:
        raise FetchProblem(f"the server answered {answer.status_code} without saying where "
                           "to go", lasting=True, status=answer.status_code)
    target = urljoin(current, location)
    try:
        target = web_address(target)
    except BadAddress:
        raise FetchProblem("the server redirected to an address that is not a web page",
                           lasting=True) from None
    redirects.append(current)
    if len(redirects) > MAX_REDIRECTS:
        raise _too_many_redirects()
    return target


def _too_many_redirects() -> FetchProblem:
    return FetchProblem(f"the server redirected more than {MAX_REDIRECTS} times "
                        "(a redirect loop?)", lasting=True)


def _check_status(head: Response) -> None:
    status = head.status
    if status < 400:
        return
    phrase = _PHRASES.get(status, "")
    shown = f"{status} {phrase}".strip()
    if status in (404, 410):
        raise FetchProblem(f"the page does not exist ({shown})", lasting=True, status=status)
    if status in (401, 403):
        raise FetchProblem(f"the site refused to give the page ({shown}); it may need a "
                           "login", lasting=True, status=status)
    if status == 429 or status >= 500:
        raise FetchProblem(f"the site failed to answer ({shown}); try again later",
                           lasting=False, status=status)
    raise FetchProblem(f"the site answered {shown}", lasting=True, status=status)


_PHRASES = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


def _read_body(answer: httpx.Response, max_bytes: int) -> bytes:
    length = answer.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_big(int(length), max_bytes)
    deadline = time.monotonic() + TOTAL_SECONDS
    parts: list[bytes] = []
    size = 0
    # iter_bytes decompresses: the limit counts what would be stored (a small
    # gzip bomb is stopped at the limit, not unpacked whole).
    for chunk in answer.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_big(size, max_bytes, more=True)
        if time.monotonic() > deadline:
            raise FetchProblem(f"the download took longer than {TOTAL_SECONDS:g} seconds",
                               lasting=False)
        parts.append(chunk)
    return b"".join(parts)


def too_big(size: int, limit: int, *, more: bool = False) -> FetchProblem:
    actual = f"over {_megabytes(limit)}" if more else _megabytes(size)
    return FetchProblem(f"the page is {actual}; Lectern imports articles of up to "
                        f"{_megabytes(limit)} (file size limit)", lasting=True)


def _megabytes(size: int) -> str:
    mib = size / (1024 * 1024)
    return f"{mib:.0f} MB" if mib >= 10 or mib == int(mib) else f"{mib:.1f} MB"


def _connect_problem(host: str, exc: httpx.ConnectError) -> FetchProblem:
    cause = _root_cause(exc)
    if isinstance(cause, socket.gaierror):
        if cause.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_NODATA", -5)) or _offline():
            return FetchProblem(f"could not look up {host}: you appear to be offline",
                                lasting=False)
        return FetchProblem(f"could not find {host} (no such site?)", lasting=True)
    if isinstance(cause, ConnectionRefusedError):
        return FetchProblem(f"{host} refused the connection (is the site down?)",
                            lasting=False)
    if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH,
                                                      errno.ENETDOWN):
        return FetchProblem(f"could not reach {host}: you appear to be offline",
                            lasting=False)
    if "ssl" in type(cause).__module__.lower() or "certificate" in str(cause).lower():
        return FetchProblem(f"the secure connection to {host} failed ({_reason(cause)})",
                            lasting=True)
    return FetchProblem(f"could not connect to {host} ({_reason(exc)})", lasting=False)


def _offline() -> bool:
    """No network route at all (Linux: no default route): then a failed name lookup
    means offline, not a misspelt site. Reads a local table; sends nothing."""
    try:
        with open("/proc/net/route", encoding="ascii") as table:
            rows = table.read().splitlines()[1:]
    except OSError:
        return False
    return not any(row.split()[1:2] == ["00000000"] for row in rows)


def _root_cause(exc: BaseException) -> BaseException:
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        nxt = exc.__cause__ or exc.__context__
        if nxt is None:
            break
        exc = nxt
    return exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]
