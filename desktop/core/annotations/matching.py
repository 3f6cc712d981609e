"""How alike two texts are, and how well a place agrees with a selector's context.

Pure functions on strings, standard library only (difflib).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from desktop.core.annotations.selectors import Selector

LONG_QUOTE = 32  # an exact quote this long is not somewhere by chance
MIN_CONTEXT = 0.5  # prefix/suffix agreement that confirms a moved quote
SHORT_QUOTE_CONTEXT = 0.5  # share of a short quote's context agreeing right next to it


_WORD = re.compile(r"\S+\s*|\s+")
CHAR_LEVEL = 200  # longer texts are compared word by word (character level is quadratic)


def matching_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    """(start in a, start in b, length) of the runs a and b share, in order.

    Short texts are compared character by character; long ones word by word (a
    word with its trailing space is one token), which is far faster and, for
    passages, as telling.
    """
    if max(len(a), len(b)) <= CHAR_LEVEL:
        found = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        return [(m.a, m.b, m.size) for m in found if m.size]
    a_words = [m.span() for m in _WORD.finditer(a)]
    b_words = [m.span() for m in _WORD.finditer(b)]
    matcher = SequenceMatcher(None, [a[i:j] for i, j in a_words], [b[i:j] for i, j in b_words],
                              autojunk=False)
    blocks: list[tuple[int, int, int]] = []
    for m in matcher.get_matching_blocks():
        if m.size:
            a0, b0 = a_words[m.a][0], b_words[m.b][0]
            blocks.append((a0, b0, a_words[m.a + m.size - 1][1] - a0))
    return blocks


def similarity(a: str, b: str) -> float:
    """difflib's ratio (2 * matched / total), 1.0 for two empty strings."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2 * sum(size for _a, _b, size in matching_blocks(a, b)) / (len(a) + len(b))


def context_score(selector: Selector, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) agrees with the remembered prefix and suffix."""
    before = text[max(0, start - len(selector.prefix)):start]
    after = text[end:end + len(selector.suffix)]
    return (similarity(selector.prefix, before) + similarity(selector.suffix, after)) / 2


def adjacent_agreement(selector: Selector, text: str, start: int, end: int) -> float:
    """Share of the prefix and suffix that agree character by character outward from
    the quote's edges. Unlike ``context_score`` it does not forgive a shift, so a
    short word repeated a few words away does not look like the highlighted one.
    A side beyond a paragraph break says nothing (paragraphs move) and counts 0."""
    before = text[max(0, start - len(selector.prefix)):start]
    after = text[end:end + len(selector.suffix)]
    same = 0
    if not selector.prefix.endswith("\n"):
        for x, y in zip(reversed(selector.prefix), reversed(before), strict=False):
            if x != y:
                break
            same += 1
    if not selector.suffix.startswith("\n"):
        for x, y in zip(selector.suffix, after, strict=False):
            if x != y:
                break
            same += 1
    return same / max(1, len(selector.prefix) + len(selector.suffix))


def context_confirms(selector: Selector, text: str, start: int, end: int) -> tuple[bool, float]:
    score = context_score(selector, text, start, end)
    before = text[max(0, start - len(selector.prefix)):start]
    after = text[end:end + len(selector.suffix)]
    # One side intact is enough: an edit right next to a quote spoils only that side.
    # Not a side across a paragraph break: another paragraph may have moved in there.
    one_side = (bool(selector.prefix) and not selector.prefix.endswith("\n")
                and before == selector.prefix) or (
        bool(selector.suffix) and not selector.suffix.startswith("\n")
        and after == selector.suffix)
    if one_side:
        return True, score
    if len(selector.exact) < LONG_QUOTE:
        # A short quote recurs: a look-alike a few words away shares shifted context.
        return adjacent_agreement(selector, text, start, end) >= SHORT_QUOTE_CONTEXT, score
    return score >= MIN_CONTEXT, score


def position_score(start: int, expected: int, length: int) -> float:
    """1 at the expected place, falling off over a few paragraphs (``length`` unused:
    distance in characters is what tells two copies of a passage apart)."""
    return 1.0 / (1.0 + abs(start - expected) / 500)


def score(quote: float, context: float, start: int, expected: int, text: str) -> float:
    return 0.6 * quote + 0.3 * context + 0.1 * position_score(start, expected, len(text))
