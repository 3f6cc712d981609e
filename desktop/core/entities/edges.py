"""A name's edges: it never starts or ends with punctuation, a space or a score.

"Blue Origin," and "Blue Origin" are one entity: the model sometimes takes the
comma, a quote or a dash with the name, and in results tables the score after
it ("Kent 108-3", "D. Blenkiron 4-43"). A full stop stays when it belongs to
the name: an initial or an abbreviation ("U.S.", "Acme Inc.", "John F."), and a
closing bracket stays when the name opened it. A pure function
``(text, mentions) -> mentions`` (see postprocess.py).
"""

from __future__ import annotations

import re

from desktop.core.entities.mentions import Mention, mention_at
from desktop.core.entities.wordlists import ABBREVIATIONS

# Labels of names (not dates, numbers or titles of works): a score never ends them.
_NO_TRAILING_NUMBER = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP", "ORG"})
_TRAILING_NUMBER = re.compile(r"[^\S\n]+[+-]?\d[\d.,:/-]*$")
_SHORT_NUMBER = re.compile(r"\d{1,2}")  # "Channel 4", "Formula 1": part of an ORG's name
_NUMBER = re.compile(r"\d+")
_CLOSED_BRACKET = re.compile(r"\w[^()]*\([^()]*\w[^()]*\)$")
_DOTTED = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S.", "F."
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)\.$")
# Signs that are part of an amount ("$5", "40%", "-3°C"), never trimmed.
_KEPT_SIGNS = frozenset("$£€¥%°")


def _is_edge_junk(char: str) -> bool:
    return not char.isalnum() and char not in _KEPT_SIGNS


def label_is_name(label: str) -> bool:
    return label not in _NUMBER_LABELS


_NUMBER_LABELS = frozenset({
    "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
})


def keeps_dot(piece: str) -> bool:
    if _DOTTED.search(piece):
        return True
    word = _WORD_BEFORE_DOT.search(piece)
    return word is not None and word.group(1).lower() in ABBREVIATIONS


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    while True:
        before = (start, end)
        while start < end and _is_edge_junk(text[start]):
            start += 1
        while end > start and _is_edge_junk(text[end - 1]):
            piece = text[start:end]
            if piece.endswith(".") and keeps_dot(piece):
                break
            if _CLOSED_BRACKET.search(piece):  # "Mladost (BJ)": the name opened it
                break
            end -= 1
        number = _TRAILING_NUMBER.search(text, start, end)
        if (number is not None and label in _NO_TRAILING_NUMBER and number.start() > start
                and not (label == "ORG" and _SHORT_NUMBER.fullmatch(number.group().strip())
                         and not _in_a_table(text, start))):
            end = number.start()
        if (start, end) == before:
            return start, end


def _in_a_table(text: str, start: int) -> bool:
    """A line with three numbers or more: a results table ("Stranraer 1 Clyde 0 (12)")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return len(_NUMBER.findall(text, line_start, len(text) if line_end < 0 else line_end)) >= 3


def clean_edges(text: str, mentions: list[Mention]) -> list[Mention]:
    """Punctuation, spaces and trailing scores off both ends of every name."""
    result: list[Mention] = []
    for m in mentions:
        start, end = _trim(text, m.start, m.end, m.label)
        if end <= start or (label_is_name(m.label)
                            and not any(c.isupper() for c in text[start:end])):
            continue  # "crown", "methanol": a name is written with a capital
        result.append(m if (start, end) == (m.start, m.end)
                      else mention_at(text, start, end, m.label))
    return result
