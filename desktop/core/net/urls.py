"""Web addresses the user gives: which are allowed, and their canonical form.

Only http and https are fetched: ``file:`` would read this machine's files,
``javascript:`` and ``data:`` are not places, ``ftp:`` is not a web page. The
canonical form (host lowercased, default port, fragment and tracking parameters
dropped) is what the library stores and compares, so the same page shared with
``?utm_source=newsletter`` and without is recognised as one article.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from desktop.core.errors import LecternError

WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say who shared a link, never which page it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "oly_", "__hs", "_hs", "vero_")
_TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mkt_tok", "_ga", "_gl", "ref_src", "ref_url", "s_cid", "spm", "ncid", "cmpid",
    "trk", "trkcampaign", "sc_cid", "wt_mc", "mbid", "icid", "ito", "soc_src", "soc_trk",
})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class BadAddress(LecternError):
    """An address Lectern will not fetch; the message is one line saying why."""


def looks_like_url(text: str) -> bool:
    """Whether what the user typed or pasted is meant as an address (one line, a scheme
    followed by something), rather than an article or a file name."""
    stripped = text.strip()
    if not stripped or any(ch.isspace() for ch in stripped):
        return False
    match = _SCHEME.match(stripped)
    if match is None:
        return stripped.lower().startswith("www.")
    # "C:\\notes.txt" has a one-letter "scheme": a Windows path, not an address.
    return len(match.group(1)) > 1


def web_address(text: str) -> str:
    """``text`` as an http(s) address to fetch, or BadAddress saying why not."""
    stripped = text.strip()
    if stripped.lower().startswith("www."):
        stripped = "https://" + stripped
    match = _SCHEME.match(stripped)
    scheme = match.group(1).lower() if match else ""
    if scheme not in WEB_SCHEMES:
        shown = f"{scheme}:" if scheme else "an address without http:// or https://"
        raise BadAddress(f"{_short(text)}: Lectern fetches only web pages (http or https), "
                         f"not {shown}")
    try:
        parts = urlsplit(stripped)
        host = parts.hostname
        _port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise BadAddress(f"{_short(text)}: this is not a valid web address") from None
    if not host:
        raise BadAddress(f"{_short(text)}: the address names no site")
    return stripped


def canonical_url(url: str) -> str:
    """The form of ``url`` the library stores and compares (see the module docstring).

    Addresses that are not http(s) are returned stripped, unchanged otherwise.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._")
    # Each parameter is kept as it was written (no re-encoding, order kept): only
    # the tracking ones are dropped.
    kept = [pair for pair in parts.query.split("&")
            if pair and not _is_tracking(unquote(pair.partition("=")[0]))]
    query = "&".join(kept)
    return urlunsplit((scheme, netloc, path, query, ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """The lowercased host of ``url`` ("" if it has none): the unit of politeness."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _short(text: str, width: int = 80) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"
