"""Lazy-loaded images made visible to the image-keeping extraction.

Pages load most pictures lazily: the real address sits in ``data-src``,
``data-lazy-src``, ``data-original`` or a ``srcset``, while ``src`` holds a blank
placeholder or nothing. trafilatura reads only ``src`` and ``data-src*``, and only
addresses ending in an image extension, so it misses these pictures and every
extension-less CDN address (``…/photo?id=12&w=800``). On the 52 dev pages, 85 of
the 342 ``<img>`` tags inside ``<article>``/``<main>`` had no usable ``src``.

Before the image pass each ``<img>`` tag is rewritten with its best address in
``src``, carrying a marker fragment that satisfies the extension check; the
marker is removed when the image is read back (``unmark``). A fragment is never
sent to a server. Only the image pass sees the rewritten page: the article's
text comes from the untouched page.
"""

from __future__ import annotations

import html as html_text
import re

from desktop.core.cleaning.image_sources import is_tracking_pixel

MARK = "#lectern-image.jpg"
# <img> tags looked at per page: a gallery page has hundreds; more is a hostile
# page, which must not make cleaning slow.
MAX_IMAGE_TAGS = 5000
IMG_TAG = re.compile(r"<img\b[^<>]{0,4000}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Attributes lazy loaders keep the real address in, most specific first.
_LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url",
             "data-hi-res-src", "data-full-src")
_LAZY_SRCSETS = ("data-srcset", "data-lazy-srcset")
# A reading column is about 700 CSS pixels: 1200 real pixels look sharp on most screens.
READING_WIDTH = 1200
_SVG = re.compile(r"\.svgz?(?:$|[?#])", re.IGNORECASE)
_DESCRIPTOR = re.compile(r"^(\d+(?:\.\d+)?)([wx]),?$")
_KEPT = ("alt", "title", "width", "height")
# Placeholders lazy loaders put in src: blank GIFs, spinners, "lazy" stand-ins.
_PLACEHOLDER = re.compile(r"^data:|blank|spacer|placeholder|lazy|loading|transparent",
                          re.IGNORECASE)


def reveal_lazy_images(page: str, limit: int = MAX_IMAGE_TAGS) -> str:
    """``page`` with each ``<img>`` tag's best address in ``src`` (marked); tags past
    ``limit`` are left as they are (a hostile page cannot make this pass slow)."""
    seen = 0

    def rewrite(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return _rewrite(match) if seen <= limit else match.group(0)

    return IMG_TAG.sub(rewrite, page)


def unmark(src: str) -> str:
    return src[: -len(MARK)] if src.endswith(MARK) else src


def best_source(attributes: dict[str, str]) -> str:
    """The address a reader wants for this tag, or "" if it has none.

    What a lazy loader would put in place comes first (a ``data-srcset``, then a
    ``data-src``-like attribute), then a real ``src``, then a ``srcset``. SVG is
    skipped: Lectern never loads it (it can carry scripts).
    """
    for name in _LAZY_SRCSETS:
        if chosen := preferred_candidate(attributes.get(name, "")):
            return chosen
    for name in _LAZY_SRC:
        if _usable(value := attributes.get(name, "").strip()):
            return value
    src = attributes.get("src", "").strip()
    if _usable(src) and not _PLACEHOLDER.search(src):
        return src
    return preferred_candidate(attributes.get("srcset", ""))


def preferred_candidate(srcset: str, width: int = READING_WIDTH) -> str:
    """From a ``srcset``, the narrowest picture at least ``width`` pixels wide (else
    the widest), or the 2x picture (else the densest below it).

    Candidates are split at whitespace, so commas inside addresses (``w_480,c_fill``)
    are kept.
    """
    candidates: list[tuple[str, float, str]] = []  # (address, size, "w" or "x")
    tokens = srcset.split()
    index = 0
    while index < len(tokens):
        url, size, unit = tokens[index].rstrip(","), 1.0, "x"
        if index + 1 < len(tokens) and (match := _DESCRIPTOR.match(tokens[index + 1])):
            size, unit = float(match.group(1)), match.group(2)
            index += 1
        index += 1
        if _usable(url):
            candidates.append((url, size, unit))
    if not candidates:
        return ""
    widths = sorted((size, url) for url, size, unit in candidates if unit == "w")
    if widths:
        wide_enough = [url for size, url in widths if size >= width]
        return wide_enough[0] if wide_enough else widths[-1][1]
    densities = sorted((size, url) for url, size, _unit in candidates)
    at_most_2x = [url for size, url in densities if size <= 2]
    return at_most_2x[-1] if at_most_2x else densities[0][1]


def _usable(url: str) -> bool:
    return bool(url) and not url.startswith("data:") and not _SVG.search(url)


def _rewrite(match: re.Match[str]) -> str:
    tag = match.group(0)
    attributes = {m[1].lower(): html_text.unescape(m[2] or m[3] or m[4] or "")
                  for m in _ATTRIBUTE.finditer(tag)}
    if is_tracking_pixel(attributes.get("width"), attributes.get("height")):
        return ""  # whatever attribute it loads from, a tracking pixel is no picture
    src = best_source(attributes)
    if not src:
        return tag  # nothing better to offer: trafilatura judges the tag as it is
    kept = "".join(f' {name}="{html_text.escape(attributes[name])}"'
                   for name in _KEPT if name in attributes)
    return f'<img src="{html_text.escape(src + MARK)}"{kept}>'
