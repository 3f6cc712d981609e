"""Web archives (MHTML: ``.mhtml``/``.mht``), as Chrome and Edge save "a single file".

The page is the archive's first HTML part, in quoted-printable or base64 and in the
charset its part names; the address it was saved from (``Content-Location``) is
kept as the article's URL. Everything else in the archive (images, styles, frames)
is left out, as the HTML reader leaves it.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from desktop.core.errors import ImportProblem
from desktop.core.importing.readers.base import Reader
from desktop.core.models import CleanedArticle

_STARTS = (b"from:", b"mime-version:", b"snapshot-content-location:", b"subject:", b"date:")


def looks_like_mhtml(head: bytes) -> bool:
    """MIME headers first, and a multipart/related body declared among them."""
    lowered = head.lstrip().lower()
    return lowered.startswith(_STARTS) and b"multipart/related" in lowered


def page_of(text: str) -> tuple[str, str]:
    """The archived page's HTML and the address it was saved from."""
    archive = email.message_from_string(text, policy=email.policy.compat32)
    for part in archive.walk():
        if part.get_content_type() == "text/html":
            return _html(part), str(part.get("Content-Location", "") or
                                    archive.get("Snapshot-Content-Location", "") or "")
    raise ImportProblem("this web archive (MHTML) holds no web page")


def _html(part: Message) -> str:
    if part.get("Content-Transfer-Encoding", "").strip().lower() in ("8bit", "binary", ""):
        text = part.get_payload(decode=False)  # already text: decoded with the whole file
        if isinstance(text, str):
            return text
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise ImportProblem("this web archive (MHTML) holds no web page")
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: the page is most likely UTF-8
        return payload.decode("utf-8", errors="replace")


def clean(text: str) -> CleanedArticle:
    html, url = page_of(text)
    # Deferred for start-up speed, like the HTML reader's cleaner.
    from desktop.core.cleaning.html import clean_html

    return clean_html(html, url=url or None)


READER = Reader(kind="mhtml", label="Web archives", suffixes=(".mhtml", ".mht"),
                sniff=looks_like_mhtml, clean=clean)
