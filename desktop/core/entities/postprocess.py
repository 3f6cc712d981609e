"""Better than the raw model, using the article as context.

Each step is a small pure function ``(text, mentions) -> mentions`` over sorted,
non-overlapping mentions. ``improve`` runs the steps that measured better
(bench/entity_quality.py); ``STEPS`` names them all so the bench can compare.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from desktop.core.entities.doubt import mark_doubt
from desktop.core.entities.edges import clean_edges
from desktop.core.entities.evidence import teams_in_results, weigh_evidence
from desktop.core.entities.headlines import (
    headline_numbers,
    headline_organisations,
    occurrences,
)
from desktop.core.entities.mentions import Mention, Taken, mention_at, overlaps, sorted_unique
from desktop.core.entities.places import places_in_place_context
from desktop.core.entities.sentences import (
    follows_the,
    no_person_after_the,
    starts_sentence,
    within_sentences,
)
from desktop.core.entities.splits import split_joined_names
from desktop.core.entities.sports import teams_in_play
from desktop.core.entities.tables import teams_in_tables
from desktop.core.entities.wordlists import FUNCTION_WORDS, NAME_SUFFIXES, NOT_A_SURNAME

Step = Callable[[str, list[Mention]], list[Mention]]

# Labels that name something (as opposed to dates and numbers).
NAME_LABELS = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC", "LAW",
    "WORK_OF_ART", "PRODUCT", "LANGUAGE",
})

_LEADING_THE = re.compile(r"(?:the|The)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
def trim_spans(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a leading "the" from names and a trailing "'s" from any span.

    A capitalised "The" inside a sentence is part of the name ("The Hague").
    """
    result: list[Mention] = []
    for m in mentions:
        start, end = m.start, m.end
        lead = _LEADING_THE.match(text, start, end)
        if lead and m.label in NAME_LABELS and (
            text[start] == "t" or starts_sentence(text, start)
        ):
            start = lead.end()
        tail = _TRAILING_POSSESSIVE.search(text, start, end)
        if tail and tail.start() > start:
            end = tail.start()
        if end > start:
            result.append(m if (start, end) == (m.start, m.end) else mention_at(
                text, start, end, m.label))
    return result


def within_lines(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name never runs across a line break (a headline into the first paragraph):
    keep the part before the break."""
    result: list[Mention] = []
    for m in mentions:
        cut = text.find("\n", m.start, m.end)
        if cut == -1:
            result.append(m)
        elif text[m.start:cut].strip():
            end = m.start + len(text[m.start:cut].rstrip())
            result.append(mention_at(text, m.start, end, m.label))
    return result


_NAME_WORD = r"[A-Z](?:[\w-]|['’](?=[A-Z]))*"
PARTICLES = frozenset({"al", "el", "de", "da", "di", "du", "van", "von", "der", "bin", "le", "la"})
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"
_GAP = r"[^\S\n]+"  # spaces, never a line break
_HONORIFIC = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt)\.{_GAP}"
    r"|\b(?:Mr|Mrs|Ms|Mx|Miss|Sir|Dame|President|Councillor|Councilman|Councilwoman"
    r"|Mayor|Senator|Governor|Minister|Chancellor|Judge|Justice|Professor|Ambassador"
    rf"|Sheriff|Archbishop|Bishop|Pope|King|Queen|Prince|Princess){_GAP}"
    r"(?=[A-Z])"
)
_NAME_AFTER_HONORIFIC = re.compile(
    rf"{_NAME_WORD}(?:{_GAP}(?:{_PARTICLE}(?:{_GAP}|-))?{_NAME_WORD}){{0,3}}"
)
# "Queen Mary University", "King Abdullah Airport": a title inside a place's or
# institution's name does not make a person.
_INSTITUTION_WORDS = frozenset({
    "University", "College", "School", "Institute", "Hospital", "Foundation", "Street",
    "Road", "Avenue", "Square", "Bridge", "Airport", "Park", "Hall", "Center", "Centre",
    "Hotel", "Museum", "Church", "Cathedral", "Award", "Prize", "Island", "Bay", "Land",
    "Station", "Stadium", "Library", "Trust", "Fund", "Company", "Group", "Party",
    "Academy", "Society", "Association", "Council", "Committee", "Court", "Office",
    "Agency", "Bank", "Corporation", "Club", "Theatre", "Theater", "Gallery", "Port",
    "Harbour", "Harbor", "River", "Lake", "Valley", "Mountains", "County", "Province",
})


def honorific_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Ms. Sky", "Mr. Alaaldin": the name after an honorific is a person (title excluded)."""
    people: list[Mention] = []
    for honorific in _HONORIFIC.finditer(text):
        name = _NAME_AFTER_HONORIFIC.match(text, honorific.end())
        if name is None or _INSTITUTION_WORDS & set(name.group().split()):
            continue
        inside_a_name = any(
            m.label != "PERSON" and m.start <= honorific.start() and m.end > name.end()
            for m in mentions
        )
        if not inside_a_name:
            people.append(mention_at(text, name.start(), name.end(), "PERSON"))
    if not people:
        return mentions
    kept = [
        m for m in mentions
        if not any(overlaps(m, p.start, p.end) for p in people)
    ]
    return sorted_unique([*kept, *people])


def _is_name_word(word: str) -> bool:
    """Could be someone's surname: capitalised, two letters or more, not "The" or "May"."""
    bare = word.rstrip(".")
    return (len(bare) >= 2 and bare[0].isupper() and any(c.isalpha() for c in bare)
            and bare.lower() not in NOT_A_SURNAME)


def _surname(name: str) -> str | None:
    """ "Ricky Stenhouse Jr." -> "Stenhouse"; None for one word or a word no surname can be."""
    words = name.split()
    while len(words) > 2 and words[-1].lower() in NAME_SUFFIXES:
        words.pop()
    return words[-1] if len(words) >= 2 and _is_name_word(words[-1]) else None


def surname_inherits_person(text: str, mentions: list[Mention]) -> list[Mention]:
    """A bare surname is a person when the article names that person in full."""
    surnames = {
        s for m in mentions if m.label == "PERSON" and (s := _surname(m.key)) is not None
    }
    return [
        m.relabelled("PERSON") if m.label in NAME_LABELS and m.key in surnames else m
        for m in mentions
    ]


def _after_title(text: str, start: int) -> bool:
    """ "Ms. Okonkwo": a title (see honorific_people) ends right before start."""
    return any(t.end() == start for t in _HONORIFIC.finditer(text, max(0, start - 16), start + 1))


def _tie_break(counter: Counter[str], titled: bool) -> str | None:
    """The label a tied string takes, or None to leave each mention as it is.

    The small model calls unknown capitalised words PERSON far too often
    ("Titusville", "Q3" once each as a person and once as what they are), so in
    a two-way tie with PERSON the other label wins, unless a title ("Ms.") says
    the string is a person.
    """
    top = max(counter.values())
    tied = [label for label, n in counter.items() if n == top]
    if len(tied) == 2 and "PERSON" in tied:
        return "PERSON" if titled else next(label for label in tied if label != "PERSON")
    return None


def majority_label(text: str, mentions: list[Mention]) -> list[Mention]:
    """The same string gets the label most of its mentions have. Ties change
    nothing (one vote against one is no evidence), except against PERSON."""
    titled = {m.key for m in mentions if m.label == "PERSON" and _after_title(text, m.start)}
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.key, Counter())[m.label] += 1
    chosen: dict[str, str] = {}
    for key, counter in votes.items():
        ranked = counter.most_common(2)
        if len(ranked) == 2 and ranked[0][1] > ranked[1][1]:
            chosen[key] = ranked[0][0]
        elif len(ranked) == 2 and (label := _tie_break(counter, key in titled)) is not None:
            chosen[key] = label
    return [m.relabelled(chosen[m.key]) if chosen.get(m.key, m.label) != m.label else m
            for m in mentions]


def _spreads_as_person(name: str, votes: Counter[str]) -> bool:
    """Whether later occurrences of name are the same person.

    Every word must look like a name word ("marijuana legalization", "Destiny 2"
    do not), and a single word must not carry another label more often than PERSON.
    A surname that is also an ordinary word ("Early", "Young") still spreads: not
    spreading those lost correct mentions and fixed none (bench/ENTITIES.md).
    """
    words = name.split()
    core = words[:-1] if len(words) > 2 and words[-1].lower() in NAME_SUFFIXES else words
    if not _is_name_word(core[-1]) or not all(w[0].isupper() or w in PARTICLES for w in core):
        return False
    return len(words) > 1 or votes["PERSON"] > max(
        (n for label, n in votes.items() if label != "PERSON"), default=0)


_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)[^\S\n]$")
_WORD_AFTER = re.compile(r"[^\S\n]+([A-Z][\w'’-]*)")
_NOT_A_LONGER_NAME = NOT_A_SURNAME | NAME_SUFFIXES  # "Jones Monday", "Jones Jr."


def _part_of_another_name(text: str, start: int, end: int, name: str) -> bool:
    """ "Blake Jones" is not the Jones met before, "the Move" not a person, "Kim Byung
    Ji" not the Kim (or Kim Byung) met before: any name right before a capitalised word
    (not a function word, day, month or "Jr."), or a one-word name right after a
    capitalised word (not a sentence start) or after "the"."""
    after = _WORD_AFTER.match(text, end)
    if after is not None and after.group(1).lower() not in _NOT_A_LONGER_NAME:
        return True
    if " " in name:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return follows_the(text, start) or (
        before is not None and before.group(1).lower() not in FUNCTION_WORDS)


def add_later_person_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Later mentions of a person (full name or surname) that the model missed."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.key, Counter())[m.label] += 1
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.label == "PERSON":
            first_seen.setdefault(m.key, m.end)
            surname = _surname(m.key)
            if surname is not None:
                first_seen.setdefault(surname, m.end)
    added: list[Mention] = []
    taken = Taken((m.start, m.end) for m in mentions)
    for name, after in first_seen.items():
        if not _spreads_as_person(name, votes.get(name, Counter({"PERSON": 1}))):
            continue
        for start, end in occurrences(text, name, after):
            if _part_of_another_name(text, start, end, name) or taken.overlaps(start, end):
                continue
            added.append(mention_at(text, start, end, "PERSON"))
            taken.add(start, end)
    return sorted_unique([*mentions, *added]) if added else mentions


STEPS: dict[str, Step] = {
    "edges": clean_edges,
    "splits": split_joined_names,
    "lines": within_lines,
    "sentences": within_sentences,
    "trim": trim_spans,
    "headline": headline_organisations,
    "headline_numbers": headline_numbers,
    "the_thing": no_person_after_the,
    "places": places_in_place_context,
    "honorific": honorific_people,
    "surname": surname_inherits_person,
    "majority": majority_label,
    "evidence": weigh_evidence,
    "later_mentions": add_later_person_mentions,
    "teams": teams_in_results,
    "teams_in_play": teams_in_play,
    "doubt": mark_doubt,
    # Last: a team found by the shape of its table row is not in doubt.
    "tables": teams_in_tables,
}
# The steps `improve` runs, in order: each kept because it measured no worse
# (bench/ENTITIES.md). Changing this list re-runs post-processing on stored results.
# Not run: "headline_numbers" changed nothing on the gold set, and the one span it
# drops in the samples ("Fifty-Six Hours" in a headline) is a real duration, a TIME
# under the annotation rules the gold set follows.
DEFAULT_STEPS: tuple[str, ...] = tuple(s for s in STEPS if s != "headline_numbers")
PIPELINE_VERSION = "8"


def pipeline_id(steps: Sequence[str] = DEFAULT_STEPS) -> str:
    return f"v{PIPELINE_VERSION}:" + ",".join(steps)


def improve(text: str, mentions: list[Mention], steps: Sequence[str] = DEFAULT_STEPS,
            keep: Collection[str] = frozenset()) -> list[Mention]:
    """The steps in order; ``keep``: names the reader has corrected, which the doubt
    step never drops (their kind is the reader's, see corrections.py)."""
    result = sorted_unique(mentions)
    for name in steps:
        result = (mark_doubt(text, result, keep) if name == "doubt"
                  else STEPS[name](text, result))
    return result
