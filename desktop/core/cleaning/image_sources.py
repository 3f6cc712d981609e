"""Which image addresses an article keeps: resolved, safe, not a tracking pixel."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# An inline (data:) image bigger than this is dropped at import: it would bloat the
# stored article, and such images are almost always decorative blobs.
MAX_INLINE_IMAGE_CHARS = 64 * 1024
# Images kept per article; a gallery page with thousands is cut here.
MAX_IMAGES_PER_ARTICLE = 200
# width or height at or below this (in HTML attributes) is a tracking pixel.
PIXEL_SIZE = 2
_URL_WHITESPACE = re.compile(r"[\t\n\r]")
_SIZE = re.compile(r"^\s*(\d+)(?:\.\d+)?\s*(?:px)?\s*$")


def image_src(src: str, base: str = "") -> str | None:
    """``src`` as an absolute address Lectern may fetch later, or None.

    Relative addresses are resolved against ``base`` (the page's URL); without a
    base they cannot be fetched and are dropped. Only http(s) and small ``data:``
    images are kept: ``javascript:``, ``file:`` and every other scheme never are.
    """
    src = _URL_WHITESPACE.sub("", src.strip())  # as browsers do with wrapped attributes
    if not src or "\x00" in src:
        return None
    if src.startswith("data:"):
        inline = src.startswith("data:image/") and len(src) <= MAX_INLINE_IMAGE_CHARS
        return src if inline else None
    scheme = urlsplit(src).scheme.lower()
    if not scheme:
        if not base or urlsplit(base).scheme.lower() not in ("http", "https"):
            return None
        src = urljoin(base, src)
        scheme = urlsplit(src).scheme.lower()
    if scheme not in ("http", "https") or not urlsplit(src).hostname:
        return None
    return src


def is_tracking_pixel(width: str | None, height: str | None) -> bool:
    """An <img> sized 2 pixels or less either way counts visits; it is no picture."""
    for value in (width, height):
        match = _SIZE.match(value or "")
        if match and int(match.group(1)) <= PIXEL_SIZE:
            return True
    return False
