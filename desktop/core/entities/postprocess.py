"""Better than the raw model, using the article as context.

Each step is a small pure function ``(text, mentions) -> mentions`` over sorted,
non-overlapping mentions. ``improve`` runs the steps that measured better
(bench/entity_quality.py); ``STEPS`` names them all so the bench can compare.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from desktop.core.entities.mentions import Mention, mention_at, overlaps, sorted_unique

Step = Callable[[str, list[Mention]], list[Mention]]

# Labels that name something (as opposed to dates and numbers).
NAME_LABELS = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC", "LAW",
    "WORK_OF_ART", "PRODUCT", "LANGUAGE",
})

_LEADING_THE = re.compile(r"(?:the|The)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_SENTENCE_END = ".!?:;\"“”'‘’()[]—–-"


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before.endswith("\n") or before[-1] in _SENTENCE_END


def trim_spans(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a leading "the" from names and a trailing "'s" from any span.

    A capitalised "The" inside a sentence is part of the name ("The Hague").
    """
    result: list[Mention] = []
    for m in mentions:
        start, end = m.start, m.end
        lead = _LEADING_THE.match(text, start, end)
        if lead and m.label in NAME_LABELS and (
            text[start] == "t" or _starts_sentence(text, start)
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
_PARTICLE = r"(?:al|el|de|da|di|du|van|von|der|bin|le|la)"
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


def _surname(name: str) -> str | None:
    words = name.split()
    return words[-1] if len(words) >= 2 else None


def surname_inherits_person(text: str, mentions: list[Mention]) -> list[Mention]:
    """A bare surname is a person when the article names that person in full."""
    surnames = {
        s for m in mentions if m.label == "PERSON" and (s := _surname(m.key)) is not None
    }
    return [
        m.relabelled("PERSON") if m.label in NAME_LABELS and m.key in surnames else m
        for m in mentions
    ]


def majority_label(text: str, mentions: list[Mention]) -> list[Mention]:
    """The same string gets the label most of its mentions have (ties: the first one's)."""
    votes: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    for m in mentions:
        votes.setdefault(m.key, Counter())[m.label] += 1
        first.setdefault(m.key, m.label)
    chosen: dict[str, str] = {}
    for key, counter in votes.items():
        top = max(counter.values())
        chosen[key] = first[key] if counter[first[key]] == top else counter.most_common(1)[0][0]
    return [m if chosen[m.key] == m.label else m.relabelled(chosen[m.key]) for m in mentions]


def _occurrences(text: str, phrase: str, start: int = 0) -> Iterator[tuple[int, int]]:
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return
    pattern = re.compile(r"(?<![\w])" + r"[^\S\n]+".join(words) + r"(?![\w])")
    for match in pattern.finditer(text, start):
        yield match.start(), match.end()


def add_later_person_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Later mentions of a person (full name or surname) that the model missed."""
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.label == "PERSON":
            first_seen.setdefault(m.key, m.end)
            surname = _surname(m.key)
            if surname is not None:
                first_seen.setdefault(surname, m.end)
    added: list[Mention] = []
    for name, after in first_seen.items():
        for start, end in _occurrences(text, name, after):
            if not any(overlaps(m, start, end) for m in mentions) and not any(
                overlaps(a, start, end) for a in added
            ):
                added.append(mention_at(text, start, end, "PERSON"))
    return sorted_unique([*mentions, *added]) if added else mentions


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
        for start, end in _occurrences(text[: d.end], key, d.start)
    ]
    return sorted_unique([*kept, *recovered]) if dropped else mentions


def _appears_outside(text: str, key: str, lines: Sequence[tuple[int, int]]) -> bool:
    return any(
        not any(s <= start and end <= e for s, e in lines) for start, end in _occurrences(text, key)
    )


STEPS: dict[str, Step] = {
    "lines": within_lines,
    "trim": trim_spans,
    "headline": headline_organisations,
    "honorific": honorific_people,
    "surname": surname_inherits_person,
    "majority": majority_label,
    "later_mentions": add_later_person_mentions,
}
# The steps `improve` runs, in order: each kept because it measured no worse
# (bench/ENTITIES.md). Changing this list re-runs post-processing on stored results.
DEFAULT_STEPS: tuple[str, ...] = tuple(STEPS)
PIPELINE_VERSION = "3"


def pipeline_id(steps: Sequence[str] = DEFAULT_STEPS) -> str:
    return f"v{PIPELINE_VERSION}:" + ",".join(steps)


def improve(text: str, mentions: list[Mention],
            steps: Sequence[str] = DEFAULT_STEPS) -> list[Mention]:
    result = sorted_unique(mentions)
    for name in steps:
        result = STEPS[name](text, result)
    return result
