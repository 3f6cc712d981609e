"""File names that are safe and stable on Windows, macOS and Linux.

A name is a slug of the title plus the article id, so it is stable across
exports (the id never changes) and two articles never share a file, while the
title keeps a folder of notes readable.
"""

from __future__ import annotations

import re
import unicodedata

# Windows refuses these as a file's stem, whatever the extension.
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{i}" for i in (*range(1, 10), "¹", "²", "³")]
    + [f"LPT{i}" for i in (*range(1, 10), "¹", "²", "³")]
)
# Letters, digits and marks of any script, and symbols such as emoji, are kept;
# everything else (punctuation, which some system or a Markdown link or wikilink
# chokes on, spaces, controls) separates words.
_KEPT_CATEGORIES = ("L", "N", "M", "So")
_SEPARATORS = re.compile(r"-+")
# macOS stores names decomposed, so NFC here keeps every system's bytes alike;
# 255 bytes is the usual per-name limit; keep well under it for the suffix and
# for sync tools that add their own.
MAX_NAME_BYTES = 120


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def slugify(title: str, max_bytes: int = 80) -> str:
    """Lower-case words joined by ``-``; letters of any script are kept."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = unicodedata.normalize("NFC", text)  # casefold can leave decomposed marks
    text = "".join(ch if unicodedata.category(ch).startswith(_KEPT_CATEGORIES) else "-"
                   for ch in text)
    text = _SEPARATORS.sub("-", text).strip("-")
    text = _truncate_utf8(text, max_bytes).strip("-")
    return text


def safe_stem(stem: str) -> str:
    """``stem`` fixed for Windows: no reserved device name, no trailing dot or space."""
    stem = stem.rstrip(". ")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"{stem}-"
    return stem or "untitled"


def article_file_name(title: str, article_id: int, extension: str = ".md") -> str:
    """e.g. ``the-state-of-the-art-42.md``: stable for an article, unique in a library."""
    slug = slugify(title) or "untitled"
    stem = safe_stem(f"{slug}-{article_id}")
    return _truncate_utf8(stem, MAX_NAME_BYTES) + extension
