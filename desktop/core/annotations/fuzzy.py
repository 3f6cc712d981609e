"""The last resort of re-anchoring: a quote that was edited, found approximately.

Candidate places come from exact fragments of the quote, the end of its prefix and
the start of its suffix (so a 100 KB article is never compared whole); each is
aligned with difflib and scored on quote, prefix, suffix and position, and must
clear minimum scores.
"""

from __future__ import annotations

from desktop.core.annotations.matching import (
    LONG_QUOTE,
    SHORT_QUOTE_CONTEXT,
    adjacent_agreement,
    context_confirms,
    matching_blocks,
    score,
    similarity,
)
from desktop.core.annotations.selectors import Anchor, Selector

MIN_QUOTE_SIMILARITY = 0.8  # the matched text must be this close to the quote
MIN_FUZZY_SCORE = 0.75  # weighted quote, prefix, suffix and position
SHORT_QUOTE = 16  # a quote this short must agree with its context right next to it
AMBIGUOUS = 0.05  # two different places scoring this close: neither is certain
FRAGMENT = 10  # length of the exact pieces that propose candidate places
MAX_FRAGMENT_HITS = 8  # a piece found more often than this says nothing
MAX_CANDIDATES = 10


def occurrences(text: str, needle: str, limit: int) -> list[int]:
    found: list[int] = []
    at = text.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _candidate_starts(selector: Selector, text: str) -> list[int]:
    """Places where the quote may now start, most supported first."""
    exact = selector.exact
    votes: dict[int, int] = {}

    def vote(needle: str, shift: int) -> None:
        if len(needle) < 4:
            return
        hits = occurrences(text, needle, MAX_FRAGMENT_HITS + 1)
        if len(hits) > MAX_FRAGMENT_HITS:
            return
        for at in hits:
            votes[at + shift] = votes.get(at + shift, 0) + 1

    size = min(FRAGMENT, len(exact))
    last = len(exact) - size
    step = max(1, last // 12) if last > 0 else 1
    for offset in sorted({*range(0, last + 1, step), last}):
        vote(exact[offset:offset + size], -offset)
    tail = selector.prefix[-FRAGMENT:]
    vote(tail, len(tail))
    vote(selector.suffix[:FRAGMENT], -len(exact))
    # Merge nearby proposals (an insertion inside the quote splits them slightly).
    merged: list[tuple[int, int]] = []  # (votes, start)
    tolerance = max(4, len(exact) // 4)
    for start in sorted(votes):
        if merged and start - merged[-1][1] <= tolerance:
            count, first = merged[-1]
            merged[-1] = (count + votes[start], first if votes[first] >= votes[start] else start)
        else:
            merged.append((votes[start], start))
    merged.sort(key=lambda item: -item[0])
    return [start for _votes, start in merged[:MAX_CANDIDATES]]


def _align(exact: str, text: str, guess: int) -> tuple[int, int] | None:
    """The span of ``text`` near ``guess`` that best lines up with ``exact``."""
    slack = max(16, len(exact) // 4)
    lo = max(0, guess - slack)
    region = text[lo:guess + len(exact) + slack]
    blocks = [b for b in matching_blocks(region, exact) if b[2] >= min(3, len(exact))]
    if not blocks:
        return None
    # The densest run of matches: blocks further apart than ``gap`` belong to other
    # text (a paragraph moved away from the middle of the quote must not pull the
    # highlight over whatever lies between). The run's ends are not extended by the
    # quote's unmatched ends: that would guess, and could take in other words.
    gap = max(12, len(exact) // 10)
    runs: list[list[tuple[int, int, int]]] = [[blocks[0]]]
    for block in blocks[1:]:
        previous = runs[-1][-1]
        if block[0] - (previous[0] + previous[2]) > gap:
            runs.append([block])
        else:
            runs[-1].append(block)
    run = max(runs, key=lambda r: sum(b[2] for b in r))
    (a0, b0, _size), (a1, b1, size1) = run[0], run[-1]
    a1, b1 = a1 + size1, b1 + size1
    # Word-level blocks start and end on whole words: take in what still agrees
    # character by character (a quote may start or end mid-word).
    while a0 > 0 and b0 > 0 and region[a0 - 1] == exact[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    while a1 < len(region) and b1 < len(exact) and region[a1] == exact[b1]:
        a1, b1 = a1 + 1, b1 + 1
    start, end = lo + a0, lo + a1
    return (start, end) if end > start else None


def fuzzy_candidates(selector: Selector, text: str, expected: int,
                      avoid: Anchor | None = None) -> list[Anchor]:
    """Places that pass the fuzzy thresholds, best first (none overlapping ``avoid``)."""
    exact = selector.exact
    found: list[Anchor] = []
    tried: set[tuple[int, int]] = set()
    for guess in _candidate_starts(selector, text):
        span = _align(exact, text, guess)
        if span is None or span in tried:
            continue
        tried.add(span)
        start, end = span
        if avoid is not None and start < avoid.end and avoid.start < end:
            continue
        quote_score = similarity(text[start:end], exact)
        if quote_score < MIN_QUOTE_SIMILARITY or not _paragraphs_agree(exact, text[start:end]):
            continue
        confirmed, context = context_confirms(selector, text, start, end)
        if not confirmed and not (len(exact) >= LONG_QUOTE and quote_score >= 0.9):
            continue
        if len(exact) < SHORT_QUOTE and adjacent_agreement(
                selector, text, start, end) < SHORT_QUOTE_CONTEXT:
            continue
        total = score(quote_score, context, start, expected, text)
        if total >= MIN_FUZZY_SCORE:
            found.append(Anchor(start, end, total, "fuzzy"))
    found.sort(key=lambda a: -a.confidence)
    return found


def _paragraphs_agree(exact: str, found: str) -> bool:
    """A quote across paragraphs matches only if each of its paragraphs does: when a
    paragraph moved away, the one now beside the rest must not pass for it."""
    if "\n\n" not in exact and "\n\n" not in found:
        return True
    ours, theirs = exact.split("\n\n"), found.split("\n\n")
    if len(ours) != len(theirs):  # paragraphs merged or split by an edit: no telling
        return True
    return all(similarity(a, b) >= 0.5 for a, b in zip(ours, theirs, strict=True)
               if max(len(a), len(b)) >= 8)


def best_fuzzy(selector: Selector, text: str, expected: int) -> Anchor | None:
    """The best fuzzy place, unless another place, elsewhere, is about as good."""
    found = fuzzy_candidates(selector, text, expected)
    if not found:
        return None
    best = found[0]
    for other in found[1:]:
        apart = other.end <= best.start or best.end <= other.start
        if apart and best.confidence - other.confidence < AMBIGUOUS:
            return None
    return best
