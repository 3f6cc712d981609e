"""Steps about sentences: a name ends where its sentence ends.

Each step is a pure function ``(text, mentions) -> mentions`` (see postprocess.py).
"""

from __future__ import annotations

import re

from desktop.core.entities.mentions import Mention, mention_at
from desktop.core.entities.wordlists import ABBREVIATIONS, FUNCTION_WORDS

# Sentence punctuation, closing quotes/brackets, space, then a capitalised word.
_SENTENCE_GAP = re.compile(r"([.?!])[\"'”’)\]]*[^\S\n]+(?=([A-Z][\w'’-]*))")
_WORD_BEFORE = re.compile(r"(?:[A-Za-z]\.)*[\w'’-]+$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")  # "U.S", "D.C": the dot belongs to them


def _sentence_end(text: str, start: int, end: int) -> int | None:
    """Where the name in text[start:end] must end because a new sentence begins, or None.

    A full stop after an initial or a dotted abbreviation ("John F. Kennedy",
    "U.S. Army") ends a sentence only when a function word follows ("Ptolemy V.
    The middle block"); after a lower-case word ("he left. Smith") or a "?"/"!"
    it always does.
    """
    for gap in _SENTENCE_GAP.finditer(text, start, end):
        mark, next_word = gap.group(1), gap.group(2)
        before = _WORD_BEFORE.search(text, start, gap.start())
        word = before.group() if before else ""
        sentence_ends = (
            next_word.lower() in FUNCTION_WORDS
            or mark in "?!"
            or (len(word) >= 2 and word.isalpha() and word.islower())
        )
        if not sentence_ends:
            continue
        keeps_dot = mark == "." and (
            word.lower() in ABBREVIATIONS or _DOTTED.fullmatch(word) is not None)
        return gap.start() + 1 if keeps_dot else gap.start()
    return None


# Dates and numbers may be lower case ("last week"); names need a capital or digit.
_NUMBER_LABELS = frozenset({
    "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
})


def _still_a_mention(part: str, label: str) -> bool:
    if label in _NUMBER_LABELS:
        return any(c.isalnum() for c in part)
    return any(c.isupper() or c.isdigit() for c in part)


def within_sentences(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name never runs into the next sentence: keep the part before the sentence end."""
    result: list[Mention] = []
    for m in mentions:
        cut = _sentence_end(text, m.start, m.end)
        if cut is None:
            result.append(m)
        elif _still_a_mention(text[m.start:cut], m.label):
            result.append(mention_at(text, m.start, cut, m.label))
    return result


_SENTENCE_END = ".!?:;\"“”'‘’()[]—–-"


def starts_sentence(text: str, start: int) -> bool:
    """Whether start begins a line or follows the end of a sentence (or a bracket, a dash)."""
    before = text[:start].rstrip(" \t")
    return not before or before.endswith("\n") or before[-1] in _SENTENCE_END


def follows_the(text: str, start: int) -> bool:
    """Whether a lower-case "the" comes right before start."""
    return text[max(0, start - 4):start] == "the "


def no_person_after_the(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "the Moon", "the Chrome browser": one capitalised word right after a lower-case
    "the" is a thing, not a person; unless it is part of a person's full name in the
    article ("the Trump administration" after "Donald Trump"), or a plural ("the
    Kennedys")."""
    name_words = {w for m in mentions if m.label == "PERSON" for w in m.key.split()[1:]}
    name_words |= {m.key.split()[0] for m in mentions
                   if m.label == "PERSON" and len(m.key.split()) > 1}
    return [
        m for m in mentions
        if not (m.label == "PERSON" and len(m.key.split()) == 1 and follows_the(text, m.start)
                and not m.key.endswith("s") and m.key not in name_words)
    ]
