"""Where a highlight is: W3C selectors from a range, and finding them again in changed text.

Pure functions, no I/O. A highlight is remembered by a TextQuoteSelector (the exact
quote with ~32 characters of prefix and suffix) and a TextPositionSelector (its
offsets). When the text changes, ``reanchor`` tries, in order:

1. the old position, if the quote is still exactly there (and its context agrees,
   or the quote is too long to be there by chance);
2. the exact quote elsewhere, the occurrence whose context agrees best, nearest
   the expected position;
3. a fuzzy match: candidate places come from exact fragments of the quote, the end
   of its prefix and the start of its suffix; each is aligned with difflib and
   scored on quote, prefix, suffix and position, and must clear minimum scores.

Anything less certain is ``None``: the caller orphans the highlight rather than
attach a reader's note to the wrong words.
"""

from __future__ import annotations

from desktop.core.annotations.fuzzy import (
    AMBIGUOUS,
    SHORT_QUOTE,
    best_fuzzy,
    fuzzy_candidates,
    occurrences,
)
from desktop.core.annotations.matching import (
    LONG_QUOTE,
    SHORT_QUOTE_CONTEXT,
    adjacent_agreement,
    context_confirms,
    context_score,
    position_score,
    score,
)
from desktop.core.annotations.selectors import CONTEXT_CHARS, Anchor, Selector, selector_for

__all__ = ["CONTEXT_CHARS", "Anchor", "Selector", "reanchor", "selector_for"]

MAX_OCCURRENCES = 5000


def reanchor(selector: Selector, text: str, expected: int | None = None) -> Anchor | None:
    """Where the selector's quote is in ``text``, or None if it cannot be placed with
    confidence. ``expected`` is where it probably starts now (default: its old start)."""
    if not selector.exact or not text:
        return None
    expected = selector.start if expected is None else expected
    found = _at_old_position(selector, text)
    if found is not None:
        return found
    exact = _exact_elsewhere(selector, text, expected)
    if exact is not None and exact.confidence >= 0.98:  # quote and context intact
        return exact
    if exact is None:
        return best_fuzzy(selector, text, expected)
    # A repeated passage: the exact copy found may be the other one, while the
    # highlighted one was edited. Compare it with the best place elsewhere.
    others = fuzzy_candidates(selector, text, expected, avoid=exact)
    if not others:
        return exact
    fuzzy = others[0]
    exact_score = score(1.0, exact.confidence, exact.start, expected, text)
    if abs(exact_score - fuzzy.confidence) < AMBIGUOUS:
        return None
    # The exact copy has the words; the edited one the surroundings and the place
    # (a revised sentence and its untouched pull quote): too close to call.
    fuzzy_context = context_score(selector, text, fuzzy.start, fuzzy.end)
    if fuzzy_context > exact.confidence and abs(fuzzy.start - expected) < abs(
            exact.start - expected):
        return None
    return exact if exact_score > fuzzy.confidence else fuzzy


def _at_old_position(selector: Selector, text: str) -> Anchor | None:
    start, end = selector.start, selector.start + len(selector.exact)
    if text[start:end] != selector.exact:
        return None
    confirmed, agreement = context_confirms(selector, text, start, end)
    if confirmed or len(selector.exact) >= LONG_QUOTE:
        return Anchor(start, end, 0.9 + 0.1 * agreement, "position")
    return None


def _exact_elsewhere(selector: Selector, text: str, expected: int) -> Anchor | None:
    exact = selector.exact
    hits = occurrences(text, exact, MAX_OCCURRENCES)
    if not hits:
        return None
    if len(hits) > 64:  # a very common quote: only places whose context touches the old one
        tail, head = selector.prefix[-8:], selector.suffix[:8]
        near = sorted(hits, key=lambda s: abs(s - expected))[:32]
        touching = [s for s in hits if (tail and text[max(0, s - len(tail)):s] == tail)
                    or (head and text[s + len(exact):s + len(exact) + len(head)] == head)]
        hits = sorted(set(near) | set(touching))
    best: tuple[float, float, int] | None = None  # (context, position, start)
    for start in hits:
        confirmed, agreement = context_confirms(selector, text, start, start + len(exact))
        if len(exact) < SHORT_QUOTE and len(hits) > 1 and adjacent_agreement(
                selector, text, start, start + len(exact)) < SHORT_QUOTE_CONTEXT:
            continue  # "the" elsewhere: only where the words right around it agree
        if not confirmed and not (len(hits) == 1 and len(exact) >= LONG_QUOTE):
            continue
        key = (round(agreement, 2), position_score(start, expected, len(text)), start)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    agreement, _, start = best
    return Anchor(start, start + len(exact), agreement, "exact")
