"""What the connector accepts, as pure functions: the Host and Origin checks, the
token, the body's size and shape. The server (``server``) only wires them up.

Why each check (docs/connector.md says it for users):

- Host: a web page can make a browser talk to 127.0.0.1 under its own name (DNS
  rebinding: evil.example resolving to 127.0.0.1); such a request carries
  ``Host: evil.example`` and is refused before anything else is looked at.
- Token: the only credential. It is sent in a header, never a cookie, so a page
  cannot borrow the user's; CORS never allows credentials.
- CORS: extension pages are allowed everywhere; ordinary web pages (where the
  bookmarklet runs) may only call /save, where the token protects; /status does
  not tell them Lectern is there.
"""

from __future__ import annotations

import hmac
import json
import re
from urllib.parse import urlsplit, urlunsplit

from desktop.core.importing.limits import MAX_SOURCE, megabytes
from desktop.core.operations.save_from_browser import SaveRequest

DEFAULT_PORT = 23200
TOKEN_HEADER = "X-Lectern-Token"
# The page's HTML is at most MAX_SOURCE; JSON escaping (quotes, backslashes,
# newlines) adds to it, and a selection and an address come with it.
MAX_BODY_BYTES = MAX_SOURCE.value + MAX_SOURCE.value // 4
MAX_URL_CHARS = 8192
MAX_TITLE_CHARS = 1000
MAX_SELECTION_CHARS = 100_000

EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://", "safari-web-extension://")
_EXTENSION_ORIGIN = re.compile(r"^(chrome|moz|safari-web)-extension://[A-Za-z0-9._-]{1,128}$")
_PAGE_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]{1,300}$")


class Refusal(Exception):
    """A request the connector turns away: the HTTP status and one clear line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def host_allowed(host: str | None, port: int) -> bool:
    """Only 127.0.0.1 and localhost, with our port or none (DNS rebinding)."""
    if not host:
        return False
    host = host.strip().lower()
    return host in {"127.0.0.1", "localhost", f"127.0.0.1:{port}", f"localhost:{port}"}


def is_extension_origin(origin: str) -> bool:
    return bool(_EXTENSION_ORIGIN.match(origin))


def cors_origin(origin: str | None, path: str) -> str | None:
    """The value of Access-Control-Allow-Origin for a request from ``origin``, or None.

    The origin is echoed (never ``*`` with credentials; Lectern uses none): an
    extension for every path, a web page (the bookmarklet) for /save only.
    """
    if not origin:
        return None
    if is_extension_origin(origin):
        return origin
    if path == "/save" and _PAGE_ORIGIN.match(origin):
        return origin
    return None


def check_token(given: str | None, token: str) -> None:
    """401 without a token, 403 with a wrong one; compared in constant time."""
    if not given:
        raise Refusal(401, f"the {TOKEN_HEADER} header is missing; copy the token from "
                           "Help ▸ Save from Browser (or `lectern connector --token`)")
    if not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8")):
        raise Refusal(403, "wrong token; copy the current one from Help ▸ Save from Browser "
                           "(or `lectern connector --token`)")


def body_length(content_length: str | None) -> int:
    """How many bytes to read, checked before reading any."""
    if content_length is None:
        raise Refusal(411, "the request has no Content-Length")
    try:
        length = int(content_length.strip())
    except ValueError:
        raise Refusal(400, "the Content-Length is not a number") from None
    if length < 0:
        raise Refusal(400, "the Content-Length is negative")
    if length > MAX_BODY_BYTES:
        raise Refusal(413, f"the page is too large to save ({length:,} bytes; the limit is "
                           f"{MAX_BODY_BYTES:,})")
    return length


def page_url(raw: str) -> str:
    """An http(s) address as the library keeps it: without its #fragment (a place on
    the page, not another page). Anything else is refused."""
    if len(raw) > MAX_URL_CHARS or any(c.isspace() or ord(c) < 32 for c in raw):
        raise Refusal(400, "the page's address is not a valid http(s) address")
    try:
        parts = urlsplit(raw)
    except ValueError:
        raise Refusal(400, "the page's address is not a valid http(s) address") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        shown = raw if len(raw) <= 60 else raw[:59] + "…"
        raise Refusal(400, f"only http and https pages can be saved, not {shown!r}")
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))


def _text_field(data: dict[str, object], name: str, limit: int) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refusal(400, f"'{name}' must be a string")
    if len(value) > limit:
        raise Refusal(413, f"'{name}' is too long ({len(value):,} characters; the limit is "
                           f"{limit:,})")
    return value


def parse_save(body: bytes) -> SaveRequest:
    """The JSON body of POST /save: {"url", "html", "title"?, "selection"?}."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Refusal(400, "the request body is not JSON") from None
    if not isinstance(data, dict):
        raise Refusal(400, 'the request body must be a JSON object {"url": …, "html": …}')
    url, html = data.get("url"), data.get("html")
    if not isinstance(url, str) or not url:
        raise Refusal(400, "'url' (the page's address) is missing")
    if not isinstance(html, str) or not html.strip():
        raise Refusal(400, "'html' (the page) is missing or empty")
    size = len(html.encode("utf-8", "replace"))
    if size > MAX_SOURCE.value:
        raise Refusal(413, f"the page is too large to save ({megabytes(size)}; Lectern saves "
                           f"pages of up to {MAX_SOURCE.display_value})")
    return SaveRequest(
        url=page_url(url), html=html,
        title=" ".join(_text_field(data, "title", MAX_TITLE_CHARS).split()),
        selection=_text_field(data, "selection", MAX_SELECTION_CHARS).strip(),
    )
