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

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT_CHARS = 32
LONG_QUOTE = 32  # an exact quote this long is not somewhere by chance
MIN_QUOTE_SIMILARITY = 0.8  # fuzzy: the matched text must be this close to the quote
MIN_FUZZY_SCORE = 0.75  # fuzzy: weighted quote, prefix, suffix and position
MIN_CONTEXT = 0.5  # prefix/suffix agreement that confirms a short or moved quote
SHORT_QUOTE = 16  # a repeated quote this short is placed only where its context agrees well
SHORT_QUOTE_CONTEXT = 0.5  # ... of its context agreeing right next to it
AMBIGUOUS = 0.05  # two different places scoring this close: neither is certain
FRAGMENT = 10  # length of the exact pieces that propose candidate places
MAX_FRAGMENT_HITS = 8  # a piece found more often than this says nothing
MAX_CANDIDATES = 10
MAX_OCCURRENCES = 5000


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


def _context_confirms(selector: Selector, text: str, start: int, end: int) -> tuple[bool, float]:
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


def _position_score(start: int, expected: int, length: int) -> float:
    """1 at the expected place, falling off over a few paragraphs (``length`` unused:
    distance in characters is what tells two copies of a passage apart)."""
    return 1.0 / (1.0 + abs(start - expected) / 500)


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
        return _fuzzy(selector, text, expected)
    # A repeated passage: the exact copy found may be the other one, while the
    # highlighted one was edited. Compare it with the best place elsewhere.
    others = _fuzzy_candidates(selector, text, expected, avoid=exact)
    if not others:
        return exact
    fuzzy = others[0]
    exact_score = _score(1.0, exact.confidence, exact.start, expected, text)
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
    confirmed, score = _context_confirms(selector, text, start, end)
    if confirmed or len(selector.exact) >= LONG_QUOTE:
        return Anchor(start, end, 0.9 + 0.1 * score, "position")
    return None


def _occurrences(text: str, needle: str, limit: int) -> list[int]:
    found: list[int] = []
    at = text.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _exact_elsewhere(selector: Selector, text: str, expected: int) -> Anchor | None:
    exact = selector.exact
    hits = _occurrences(text, exact, MAX_OCCURRENCES)
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
        confirmed, score = _context_confirms(selector, text, start, start + len(exact))
        if len(exact) < SHORT_QUOTE and len(hits) > 1 and adjacent_agreement(
                selector, text, start, start + len(exact)) < SHORT_QUOTE_CONTEXT:
            continue  # "the" elsewhere: only where the words right around it agree
        if not confirmed and not (len(hits) == 1 and len(exact) >= LONG_QUOTE):
            continue
        key = (round(score, 2), _position_score(start, expected, len(text)), start)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    score, _, start = best
    return Anchor(start, start + len(exact), score, "exact")


def _candidate_starts(selector: Selector, text: str) -> list[int]:
    """Places where the quote may now start, most supported first."""
    exact = selector.exact
    votes: dict[int, int] = {}

    def vote(needle: str, shift: int) -> None:
        if len(needle) < 4:
            return
        hits = _occurrences(text, needle, MAX_FRAGMENT_HITS + 1)
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


def _fuzzy_candidates(selector: Selector, text: str, expected: int,
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
        confirmed, context = _context_confirms(selector, text, start, end)
        if not confirmed and not (len(exact) >= LONG_QUOTE and quote_score >= 0.9):
            continue
        if len(exact) < SHORT_QUOTE and adjacent_agreement(
                selector, text, start, end) < SHORT_QUOTE_CONTEXT:
            continue
        score = _score(quote_score, context, start, expected, text)
        if score >= MIN_FUZZY_SCORE:
            found.append(Anchor(start, end, score, "fuzzy"))
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


def _fuzzy(selector: Selector, text: str, expected: int) -> Anchor | None:
    """The best fuzzy place, unless another place, elsewhere, is about as good."""
    found = _fuzzy_candidates(selector, text, expected)
    if not found:
        return None
    best = found[0]
    for other in found[1:]:
        apart = other.end <= best.start or best.end <= other.start
        if apart and best.confidence - other.confidence < AMBIGUOUS:
            return None
    return best


def _score(quote: float, context: float, start: int, expected: int, text: str) -> float:
    return 0.6 * quote + 0.3 * context + 0.1 * _position_score(start, expected, len(text))
