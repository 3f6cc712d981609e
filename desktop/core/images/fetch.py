"""Fetching one image the user asked for: the policy, and a clear reason on failure.

Only http(s) (and redirects to http(s)), at most ``MAX_IMAGE_BYTES``, within the
time limits, and only what is really a picture (PNG, JPEG, GIF, WebP, BMP, ICO):
a server's content type says ``image/*`` *and* the bytes agree. SVG is refused: it
is a document that can carry scripts and references of its own.
"""

from __future__ import annotations

import base64
import socket
import ssl
import time
import urllib.error
import urllib.request
from email.message import Message
from typing import IO
from urllib.parse import unquote_to_bytes, urlsplit

from desktop.core.errors import LecternError
from desktop.core.models import CachedImage

MIB = 1024 * 1024
MAX_IMAGE_BYTES = 8 * MIB
CONNECT_SECONDS = 15.0  # for each network wait (connecting, each read)
TOTAL_SECONDS = 60.0  # for the whole image: a server trickling bytes is cut off
_CHUNK = 64 * 1024
_NOT_WEB_REDIRECT = "the server redirected to an address that is not a web image"
USER_AGENT = "Mozilla/5.0 (compatible; Lectern reader; image loaded on request)"
# The first bytes of the formats the reader can show.
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF87a": "image/gif",
    b"GIF89a": "image/gif", b"BM": "image/bmp", b"\x00\x00\x01\x00": "image/x-icon",
}


class ImageFetchError(LecternError):
    """An image could not be loaded; the message is the one line a placeholder shows."""


def fetch_image(src: str, *, max_bytes: int = MAX_IMAGE_BYTES,
                timeout: float = CONNECT_SECONDS, total: float = TOTAL_SECONDS) -> CachedImage:
    """The image at ``src``; raises ImageFetchError saying why it could not be had."""
    if src.startswith("data:"):
        return _inline(src, max_bytes)
    if urlsplit(src).scheme.lower() not in ("http", "https"):
        raise ImageFetchError("only web (http/https) images are loaded")
    request = urllib.request.Request(src, headers={
        "User-Agent": USER_AGENT, "Accept": "image/png,image/jpeg,image/gif,image/webp,image/*"})
    host = urlsplit(src).hostname or src
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            content_type = _content_type(response.headers)
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise ImageFetchError(_too_big(int(length), max_bytes))
            data = _read(response, max_bytes, time.monotonic() + total, total)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib refuses redirects to file: and the like itself
            target = urlsplit((exc.headers or Message()).get("Location", "")).scheme.lower()
            raise ImageFetchError(_NOT_WEB_REDIRECT if target not in ("", "http", "https")
                                  else "the server redirected too many times") from None
        raise ImageFetchError(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ImageFetchError(_network_reason(exc.reason, host, timeout)) from None
    except TimeoutError:
        raise ImageFetchError(f"{host} did not answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as exc:  # reset connections, broken responses
        raise ImageFetchError(f"the download from {host} failed ({exc})") from None
    return CachedImage(src, _checked_type(content_type, data), data)


def _read(response: IO[bytes], max_bytes: int, deadline: float, total: float) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise ImageFetchError(_too_big(size, max_bytes, more=True))
        if time.monotonic() > deadline:
            raise ImageFetchError(f"the image took longer than {total:g} seconds to download")
        parts.append(chunk)
    return b"".join(parts)


def _content_type(headers: Message) -> str:
    return headers.get_content_type().lower() if headers.get("Content-Type") else ""


def _checked_type(content_type: str, data: bytes) -> str:
    """The image's type, once both the server and the bytes agree it is a picture."""
    if "svg" in content_type:
        raise ImageFetchError("SVG images are not shown (they can carry scripts)")
    if content_type and not content_type.startswith("image/"):
        raise ImageFetchError(f"the server sent {content_type}, not an image")
    if not data:
        raise ImageFetchError("the server sent an empty file")
    sniffed = sniff(data)
    if sniffed is None:
        raise ImageFetchError("the file is not a picture Lectern can show "
                              "(PNG, JPEG, GIF, WebP, BMP or ICO)")
    return sniffed


def sniff(data: bytes) -> str | None:
    """The image type the bytes themselves show, or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in _SIGNATURES.items() if data.startswith(magic)), None)


def _too_big(size: int, limit: int, *, more: bool = False) -> str:
    amount = f"over {limit / MIB:g} MB" if more else f"{size / MIB:.1f} MB"
    return f"the image is {amount}; Lectern loads images of up to {limit / MIB:g} MB"


def _network_reason(reason: object, host: str, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"{host} did not answer within {timeout:g} seconds"
    if isinstance(reason, socket.gaierror):
        return f"could not find {host} (offline, or no such site)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed"
    if isinstance(reason, str) and reason:
        return reason
    return f"could not reach {host} ({reason})"


def _inline(src: str, max_bytes: int) -> CachedImage:
    """A ``data:`` image: decoded here, nothing is fetched."""
    header, _, payload = src[5:].partition(",")
    content_type = header.split(";")[0].strip().lower()
    try:
        data = (base64.b64decode(payload, validate=False) if header.endswith(";base64")
                else unquote_to_bytes(payload))
    except ValueError:
        raise ImageFetchError("the inline image is damaged") from None
    if len(data) > max_bytes:
        raise ImageFetchError(_too_big(len(data), max_bytes))
    return CachedImage(src, _checked_type(content_type, data), data)


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (never ftp: or file:), at most a few."""

    max_redirections = 5

    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                         headers: Message, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise ImageFetchError(_NOT_WEB_REDIRECT)
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


_OPENER = urllib.request.build_opener(_WebOnlyRedirects())
