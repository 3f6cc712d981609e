"""Honest uncertainty: which marks rest on thin evidence, and which are not worth showing.

Each mention whose kind no reader's pattern confirms is given the reason its
evidence is thin, if any (``doubt_reason``). Each reason was measured on the
CoNLL-2003 validation set (bench/ENTITIES.md, ``--doubt``): how often a mark
with that reason has the right span and kind. A reason right at least about
half the time leaves the mark shown, fainter and with a question ("uncertain");
a reason right less often than not (``UNLIKELY``) means the mark is more likely
wrong than right, and it is not shown at all: a reader trusts the marks more
when fewer are wrong, and loses little (such a name is still in the text, and
the Entities tab can add it by a correction).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from desktop.core.entities.evidence import (
    MEMBER_OF,
    ORG,
    PERSON,
    PLACE,
    TITLE_BEFORE,
    TITLED_OF,
    names_an_organisation,
    pattern_votes,
    place_group,
)
from desktop.core.entities.knowledge import Knowledge, knowledge
from desktop.core.entities.mentions import Mention

# Reasons, each with how often such a mark was right on CoNLL-2003 validation
# (pipeline v8, bench/entity_doubt.py).
THIN_ORG = "organisation named once, no organisation word"  # 0.62
LONE_PERSON = "one-word person never named in full, no title"  # 0.39
PLACE_AS_PERSON = "one-word person that is a known place"  # 0.30
UNKNOWN_PLACE = "place named once that no data package knows"  # 0.72
SPLIT = "the evidence is split"  # 0.93
# Narrower cases of the above, right less often than not:
ORG_IN_CAPITALS = "organisation named once, in a line of capitals"  # 0.35
ORG_GIVEN_NAME = "organisation named once, its first word a given name"  # 0.31
SPLIT_ONE_WORD = "one word, the evidence split"  # 0.42
COMMON_WORD = "one word the article also writes in lower case"  # 0.00 (7)
# The kinds of names these reasons judge (numbers and dates are not in doubt here).
NAMES = frozenset({PERSON, ORG, "GPE", "LOC", "FAC"})
# Right less often than not: not shown.
UNLIKELY = frozenset({LONE_PERSON, PLACE_AS_PERSON, ORG_IN_CAPITALS, ORG_GIVEN_NAME,
                      SPLIT_ONE_WORD, COMMON_WORD})


def _organisations_by_pattern(text: str) -> set[str]:
    """Names the article calls organisations in so many words ("the leader of X")."""
    found: set[str] = set()
    for pattern in (MEMBER_OF, TITLED_OF):
        for match in pattern.finditer(text):
            words = match.group(1).split()
            found |= {" ".join(words[:n]) for n in range(1, len(words) + 1)}
    return found


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")


def _line(text: str, m: Mention) -> str:
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    return text[start:len(text) if end < 0 else end]


def _thin_organisation(text: str, m: Mention, known: Knowledge) -> str:
    if _line(text, m).isupper():  # a headline in capitals: no case to read
        return ORG_IN_CAPITALS
    first = m.key.split()[0]
    if len(first) >= 3 and not first.isupper() and known.is_given_name(first):
        return ORG_GIVEN_NAME
    return THIN_ORG


def doubt_reasons(text: str, mentions: list[Mention],
                  known: Knowledge | None = None) -> list[str | None]:
    """For each mention, why its kind is in doubt, or None when it is not."""
    known = knowledge() if known is None else known
    named_organisations = _organisations_by_pattern(text)
    # A kind a reader's pattern gives ("The Trump administration") is not in doubt.
    by_pattern = {name: next(iter(labels)) for name, labels in
                  pattern_votes(text, mentions, known).items() if len(labels) == 1}
    votes: Counter[str] = Counter(m.key for m in mentions)
    full_names = {w for m in mentions if m.label == PERSON for w in m.key.split()[1:]}
    lower_words = set(_LOWER_WORD.findall(text))
    reasons: list[str | None] = []
    for m in mentions:
        words = m.key.split()
        one_word_person = m.label == PERSON and len(words) == 1 and m.key not in full_names
        titled = TITLE_BEFORE.search(text, max(0, m.start - 16), m.start) is not None
        reason: str | None = None
        if by_pattern.get(m.key) == m.label:
            reason = None
        elif (m.label in NAMES and len(words) == 1 and m.key.lower() in lower_words
              and not m.key.isupper() and not known.is_place(m.key)):  # not "US" for "us"
            reason = COMMON_WORD
        elif one_word_person and known.is_place(m.key):
            reason = PLACE_AS_PERSON
        elif one_word_person and not titled:
            reason = LONE_PERSON
        elif (m.label == ORG and votes[m.key] < 2 and m.key not in named_organisations
              and not names_an_organisation(m.key)):
            reason = _thin_organisation(text, m, known)
        elif place_group(m.label) == PLACE and votes[m.key] < 2 and not known.is_place(m.key):
            reason = UNKNOWN_PLACE
        elif m.uncertain:
            reason = SPLIT if len(words) > 1 else SPLIT_ONE_WORD
        reasons.append(reason)
    return reasons


def mark_doubt(text: str, mentions: list[Mention],
               keep: Collection[str] = frozenset()) -> list[Mention]:
    """Mentions on thin evidence marked uncertain; those more likely wrong than right
    dropped, unless the reader has corrected that name (``keep``): the reader decided."""
    result: list[Mention] = []
    for m, reason in zip(mentions, doubt_reasons(text, mentions), strict=True):
        if reason in UNLIKELY and m.key not in keep:
            continue
        result.append(m.marked_uncertain(reason is not None))
    return result
