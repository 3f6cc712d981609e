"""Finding the headline, byline and dateline of a copied page, just above its body."""

from __future__ import annotations

import re

from .pasted_lines import Line

# The headline sits within a screenful above the body (after captions, share bars,
# gallery controls); further up is the site's navigation.
LOOKBACK = 60
# How a candidate scores, in lines of distance from the body: headlines are near the
# body, repeated on the page (as <title> and <h1>, or in a gallery), followed by a
# byline or date, and longer than the names and section labels around them.
DISTANCE_COST = 0.5
REPEAT_BONUS = 6.0
BYLINE_BONUS = 6.0
SHORT_PENALTY = 8.0
SHORT_WORDS = 3
MAX_TITLE_WORDS = 30
_TITLE_SUFFIX = re.compile(r"\s+[|–—:·-]\s+[^|–—:·]{1,60}$")  # "Headline | Site Name"
_URL = re.compile(r"^\S*(?:://|www\.)\S*$|^\S+\.(?:com|org|net|html?|php)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d+\b")
_SENTENCE_END = re.compile(r"[.:;]\W*$")
# A photo credit "(Name / Agency)" or a metadata line with a full date is not a title.
_BRACKETED = re.compile(r"^[(\[].*[)\]]$")
_FULL_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 11/20/2019
    r"|\b[A-Za-z]{3,9}\.? \d{1,2},? \d{4}\b"  # Nov. 20, 2019
    r"|\b\d{1,2} [A-Za-z]{3,9}\.? \d{4}\b"  # 20 November 2019
)


def title_like(line: Line) -> bool:
    return (
        2 <= line.words <= MAX_TITLE_WORDS
        and not (line.terminal and _SENTENCE_END.search(line.text))
        and not (line.chrome or line.rail or line.comments or line.byline or line.dateline)
        and not _URL.search(line.text)
        and not _BRACKETED.match(line.text)
        and not _FULL_DATE.search(line.text)
        and len(_NUMBER.findall(line.text)) * 2 <= line.words  # a score line, a table row
    )


def find_headline(lines: list[Line], body_start: int) -> int | None:
    """Position of the most headline-like line above ``body_start``, or None."""
    # The body's first line may be the headline itself, when it reads like a sentence;
    # it must then be repeated on the page (as the <title>, say) to be taken for one.
    window = range(max(0, body_start - LOOKBACK), min(body_start + 1, len(lines)))
    seen: dict[str, int] = {}
    for line in lines:
        if line.words <= MAX_TITLE_WORDS + 10:  # keep the count cheap on huge pastes
            for key in _keys(line.text):
                seen[key] = seen.get(key, 0) + 1
    best, best_score = None, float("-inf")
    byline_below = False  # a byline or date follows, with no other title-like line between
    for i in reversed(window):
        line = lines[i]
        if line.byline or line.dateline:
            byline_below = True
        repeated = seen.get(line.text.casefold(), 0) > 1
        if not title_like(line) or (i == body_start and not repeated):
            continue
        score = -DISTANCE_COST * max(body_start - i, 1)
        if repeated:
            score += REPEAT_BONUS
        if byline_below and line.words > SHORT_WORDS:  # not the author's name above it
            score += BYLINE_BONUS
            byline_below = False
        if line.words <= SHORT_WORDS:
            score -= SHORT_PENALTY
        if score >= best_score:  # ties go to the line higher up
            best, best_score = i, score
    return best


def _keys(text: str) -> set[str]:
    """The line, and the line without a trailing " | Site name", for spotting repeats."""
    return {text.casefold(), _TITLE_SUFFIX.sub("", text).casefold()}
