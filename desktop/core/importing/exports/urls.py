"""One form per address, so a link saved in two apps (or twice) is one item."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say where a click came from, never what the page is.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "igshid", "ref_src",
                       "mkt_tok", "_hsenc", "_hsmi", "yclid"})


def canonical_url(url: str) -> str:
    """Scheme and host in lower case, default port, fragment and tracking
    parameters dropped; the path and the other parameters kept as they are."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return text
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = parts.netloc.rsplit("@", 1)[0] + "@" + host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))
