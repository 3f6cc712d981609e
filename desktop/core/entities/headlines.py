"""Steps about headlines: title-case lines are not sentences.

In a headline every word is capitalised, so the model reads runs of words as
one long name ("Quarry Workers Strike Against Norvik") or capitalised numbers
as dates ("Fifty-Six Hours in Lunar Orbit"). Each step is a pure function
``(text, mentions) -> mentions`` (see postprocess.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from desktop.core.entities.mentions import Mention, mention_at, sorted_unique
from desktop.core.entities.wordlists import DAYS, MONTHS


def occurrences(text: str, phrase: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole-word occurrence of phrase (any spaces between words)."""
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return
    pattern = re.compile(r"(?<![\w])" + r"[^\S\n]+".join(words) + r"(?![\w])")
    for match in pattern.finditer(text, start):
        yield match.start(), match.end()


_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on",
    "or", "over", "the", "to", "up", "vs", "with",
})


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written in title case: headlines, not sentences."""
    found: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_][\w'’.-]*", line)
        content = [w for w in words if w.lower() not in _SMALL_WORDS]
        capitalised = sum(1 for w in content if w[0].isupper())
        if len(words) >= 3 and content and capitalised / len(content) >= 0.85:
            found.append((pos, pos + len(line)))
        pos += len(line) + 1
    return found


HEADLINE_SUSPECTS = frozenset({"ORG"})
HEADLINE_MIN_WORDS = 2


def headline_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    """A title-case line is not one long organisation name.

    An ORG of two or more words inside a title-case line is dropped unless the
    same string also appears outside such lines; names the article mentions
    elsewhere are then found inside the dropped span.
    """
    lines = title_case_lines(text)
    if not lines:
        return mentions

    def in_title(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in lines)

    body_keys = {m.key: m.label for m in mentions if not in_title(m.start, m.end)}
    kept: list[Mention] = []
    dropped: list[Mention] = []
    for m in mentions:
        suspicious = m.label in HEADLINE_SUSPECTS and in_title(m.start, m.end) and (
            len(m.key.split()) >= HEADLINE_MIN_WORDS)
        if suspicious and m.key not in body_keys and not _appears_outside(text, m.key, lines):
            dropped.append(m)
        else:
            kept.append(m)
    recovered = [
        mention_at(text, start, end, label)
        for d in dropped
        for key, label in body_keys.items()
        for start, end in occurrences(text[: d.end], key, d.start)
    ]
    return sorted_unique([*kept, *recovered]) if dropped else mentions


def _appears_outside(text: str, key: str, lines: Sequence[tuple[int, int]]) -> bool:
    return any(
        not any(s <= start and end <= e for s, e in lines) for start, end in occurrences(text, key)
    )


HEADLINE_NUMBER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})


def _names_a_date(phrase: str) -> bool:
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return any(c.isdigit() for c in phrase) or any(w in MONTHS or w in DAYS for w in words)


def headline_numbers(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Fifty-Six Hours in Lunar Orbit": in a title-case line, a date, time or number
    with no digit and no month or day name is a headline's words, not a date."""
    lines = title_case_lines(text)
    if not lines:
        return mentions
    return [
        m for m in mentions
        if not (m.label in HEADLINE_NUMBER_LABELS and not _names_a_date(m.text)
                and any(s <= m.start and m.end <= e for s, e in lines))
    ]
