"""W3C Web Annotation selectors for a passage: TextQuoteSelector (the exact quote with
its prefix and suffix) and TextPositionSelector (offsets), and where one was found."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Selector:
    """TextQuoteSelector (exact, prefix, suffix) + TextPositionSelector (start, end)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    confidence: float  # 0..1
    method: str  # "position" | "exact" | "fuzzy"


def selector_for(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
    """The selectors of ``text[start:end]``; raises ValueError for an empty or bad range."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"range {start}..{end} is not inside the text (0..{len(text)})")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context):start],
        suffix=text[end:end + context],
        start=start,
        end=end,
    )
