"""Input that arrives without a size: standard input, ids and numbers typed by hand.

``yes x | lectern import -`` read 9 GB in 15 s, holding the library, because the
size limit was checked after reading. Here every read stops one byte past the
limit, and every id is checked to be a whole number SQLite can hold before it
reaches a query (a 5,000-digit id was a traceback).
"""

from __future__ import annotations

from typing import BinaryIO

from desktop.core.errors import ImportProblem, LecternError
from desktop.core.importing.limits import MAX_SOURCE, megabytes

MAX_ID = (1 << 63) - 1  # SQLite's largest integer
_MAX_ID_DIGITS = len(str(MAX_ID))


class BadNumber(LecternError):
    """An id or count that is not a whole number in range; the message says which."""


def read_bounded(stream: BinaryIO, limit: int = MAX_SOURCE.value) -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes; else ImportProblem, having
    read only ``limit + 1`` bytes (an endless pipe is never drained)."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise ImportProblem(MAX_SOURCE.exceeded(f"over {megabytes(limit)}"))
    return b"".join(chunks)


def parse_id(text: str, what: str = "id") -> int:
    """A record id typed or linked by someone: 1 .. 2**63-1, digits only."""
    cleaned = text.strip()
    if not cleaned.isascii() or not cleaned.isdigit():
        raise BadNumber(f"{what} must be a whole number like 12, not {_shown(text)}")
    if len(cleaned.lstrip("0")) > _MAX_ID_DIGITS or int(cleaned) > MAX_ID:
        raise BadNumber(f"{what} {_shown(text)} is too large: no such record")
    value = int(cleaned)
    if value < 1:
        raise BadNumber(f"{what} must be 1 or more, not {value}")
    return value


def parse_count(text: str, what: str, *, low: int = 0, high: int = 1_000_000) -> int:
    """A small count typed by hand (an occurrence, a limit), within [low, high]."""
    cleaned = text.strip()
    body = cleaned[1:] if cleaned.startswith("-") else cleaned
    if not body.isascii() or not body.isdigit() or len(body) > 12:
        raise BadNumber(f"{what} must be a whole number, not {_shown(text)}")
    value = int(cleaned)
    if not low <= value <= high:
        raise BadNumber(f"{what} must be between {low} and {high:,}, not {_shown(text)}")
    return value


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")
