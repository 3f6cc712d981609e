"""Kinds from evidence: reader patterns, data packages, and the whole article.

The small model guesses a kind from a few words around each mention, and its
guesses for the same name disagree within one article ("Trump" an organisation
in "Iran was reading that Trump really wants out"). A reader decides from the
strongest clue anywhere in the article: "The Trump administration" says a
person; "the leader of Kataib Hezbollah" an organisation; "Iraq" is a country
whatever the model says. This step weighs, for each name:

- patterns a reader would use (strong): a title or role before it ("President
  X", "Ms. X"), a company or institution word ending it ("X Inc.", "X
  University"), "X administration", "leader of X", "Ms. Y of X";
- what data packages know (knowledge.py): a country or region is a place; a
  full name that starts with a given name is a person;
- the model's own votes, one per mention.

Every mention of the name takes the label with the most weight. Where the
evidence is thin or split, the mention is marked ``uncertain`` (shown fainter,
its kind with a question mark) instead of being shown confidently wrong.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.core.entities.edges import keeps_dot as _keeps_dot
from desktop.core.entities.knowledge import Knowledge, knowledge
from desktop.core.entities.mentions import Mention

PERSON, ORG, PLACE = "PERSON", "ORG", "GPE"
KINDS = frozenset({PERSON, ORG, PLACE, "LOC", "FAC", "NORP"})
PATTERN_WEIGHT = 3.0
KNOWN_WEIGHT = 2.5
VOTE_WEIGHT = 1.0

# A name ending in one of these words names an organisation ("Acme Inc.", "Bank").
ORG_WORDS = frozenset({
    "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "ag", "gmbh", "sa",
    "nv", "group", "holdings", "bank", "party", "institution", "institute", "university",
    "college", "association", "union", "council", "committee", "ministry", "department",
    "agency", "airlines", "airways", "motors", "industries", "systems", "technologies",
    "partners", "fund", "foundation", "club", "fc", "commission", "authority", "court",
    "army", "navy", "police", "times", "post", "journal", "news", "press", "network",
    "embassy", "office", "parliament", "senate", "assembly",
    # Newspapers and agencies, exchanges and leagues, companies' trades, clubs.
    "daily", "zeitung", "gazette", "herald", "tribune", "telegraph", "courier", "chronicle",
    "weekly", "magazine", "exchange", "league", "federation", "organisation",
    "organization", "board", "securities", "bancorp", "insurance", "pharmaceuticals",
    "communications", "electric", "petroleum", "airline", "spa", "united", "rovers",
    "wanderers", "athletic", "albion", "hotspur",
})
# A name beginning with one of these and "of" names an organisation ("Bank of Canada").
ORG_OF_WORDS = frozenset({
    "bank", "university", "institute", "college", "ministry", "department", "council",
    "association", "federation", "league", "union", "organisation", "organization",
    "committee", "commission", "board", "office", "party", "federal", "academy", "society",
})
# A name beginning with one of these is a club ("Real Madrid", "Dynamo Moscow").
CLUB_FIRST_WORDS = frozenset({
    "real", "dynamo", "dinamo", "sporting", "atletico", "olympique", "borussia", "fc", "ac",
    "sc", "vfb", "vfl", "cska", "spartak", "lokomotiv", "torpedo", "deportivo", "racing",
})


def names_an_organisation(name: str) -> bool:
    """ "Acme Inc.", "Bank of Canada", "Real Madrid": the words of the name say so."""
    words = name.split()
    if len(words) < 2:
        return False
    first = words[0].lower()
    return (words[-1].rstrip(".").lower() in ORG_WORDS or first in CLUB_FIRST_WORDS
            or (first in ORG_OF_WORDS and words[1] == "of"))
# A name ending in one of these is a place or a building, never a person ("Al Asad Air Base").
PLACE_WORDS = frozenset({
    "base", "airport", "street", "road", "avenue", "square", "bridge", "park", "station",
    "zone", "island", "islands", "mountains", "valley", "river", "lake", "bay", "sea", "ocean",
    "hall", "center", "centre", "hospital", "stadium", "palace", "tower", "county", "province",
    "city", "district", "camp", "port", "gulf", "strait", "desert", "peninsula", "canal",
})
_GAP = r"[^\S\n]+"
_NAME = r"([A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*){0,3})"  # no full stops: a sentence may end
# "The Trump administration", "the Obama presidency": the name of a person.
_LED_BY = re.compile(rf"{_NAME}{_GAP}(?:administration|presidency|campaign|White House)\b")
# "the leader of Kataib Hezbollah", "a spokesman for Acme": an organisation, unless a place.
MEMBER_OF = re.compile(
    rf"\b(?:leaders?|head|chief|members?|spokes(?:man|woman|person)|founder|fighters"
    rf"|militants|chairman|chairwoman|director|executives?|employees?|officials?|analysts?)"
    rf"{_GAP}(?:of|for|at){_GAP}(?:the{_GAP})?{_NAME}")
# "said Mr. Alaaldin of Brookings": after a titled person, "of X" is their institution.
TITLED_OF = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?{_GAP}[A-Z][\w'’-]*{_GAP}of{_GAP}(?:the{_GAP})?{_NAME}")
# "S. Jayasuriya", "J. R. Smith": initials and a name are a person.
_INITIAL_AND_NAME = re.compile(r"(?:[A-Z]\.[^\S\n]?){1,3}[A-Z][a-z][\w'’-]+")
# "SpaceX", "PayPal", "NationsBank": a capital inside one word is a brand's, not a
# person's (names with a particle, "McCain", "DeSantis", "O'Neill", are left out).
_CAMEL_CASE = re.compile(r"(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]+[A-Z][\w-]*")
TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Mr|Miss|Sir|Dame|President"
    r"|Mayor|Senator|Governor|Minister|Chancellor|Judge|Justice|Professor|Ambassador"
    r"|Sheriff|Pope|King|Queen|Prince|Princess|Premier|Secretary|Director|Coach"
    r"|Chairman|Spokesman|Spokeswoman)\.?[^\S\n]+$")


def pattern_votes(text: str, mentions: list[Mention], known: Knowledge,
                   ) -> dict[str, Counter[str]]:
    votes: dict[str, Counter[str]] = {}

    def vote(name: str, label: str) -> None:
        words = name.split()
        if words and words[0] in ("The", "the"):
            words = words[1:]
        while words and words[-1].endswith(".") and not _keeps_dot(words[-1]):
            words[-1] = words[-1][:-1]
        if words and words[-1]:
            votes.setdefault(" ".join(words), Counter())[label] += 1

    # "LeBron" of "LeBron James": a given name, whatever its capitals.
    first_names = {m.key.split()[0] for m in mentions if m.label == PERSON and " " in m.key}
    for m in mentions:
        if m.label not in KINDS:
            continue
        by_words = names_an_organisation(m.key) and not known.is_country(m.key)
        if by_words or (_CAMEL_CASE.fullmatch(m.key) and m.key not in first_names):
            vote(m.key, ORG)
        elif _INITIAL_AND_NAME.fullmatch(m.key) or (
                m.label != ORG and TITLE_BEFORE.search(text, max(0, m.start - 16), m.start)):
            vote(m.key, PERSON)
    for match in _LED_BY.finditer(text):
        name = match.group(1)
        if not known.is_place(name.removeprefix("The ")):
            vote(name, PERSON)
    for pattern in (MEMBER_OF, TITLED_OF):
        for match in pattern.finditer(text):
            name = match.group(1)
            if not known.is_big_place(name):
                vote(name, ORG)
    return votes


def _known_label(name: str, known: Knowledge) -> str | None:
    """What the data packages say ``name`` is, when they say it clearly."""
    if known.is_country(name) or known.is_region(name):
        return PLACE
    words = name.split()
    last = words[-1].rstrip(".").lower() if words else ""
    # Two-letter given names ("Al", "Ed") begin too many other names ("Al Asad Air Base").
    if (len(words) >= 2 and len(words[0]) >= 3 and known.is_given_name(words[0])
            and words[-1][:1].isupper() and not known.is_place(name)
            and last not in ORG_WORDS and last not in PLACE_WORDS):
        return PERSON
    return None


def place_group(label: str) -> str:
    """Places are one kind for weighing: the model's GPE/LOC/FAC split is not evidence."""
    return PLACE if label in ("GPE", "LOC", "FAC") else label


def weigh_evidence(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each name takes the kind with the most evidence; thin or split evidence is uncertain."""
    known = knowledge()
    patterns = pattern_votes(text, mentions, known)
    model: dict[str, Counter[str]] = {}
    for m in mentions:
        model.setdefault(m.key, Counter())[place_group(m.label)] += 1
    result: list[Mention] = []
    decided: dict[str, tuple[str | None, bool]] = {}
    for m in mentions:
        if m.label not in KINDS:
            result.append(m)
            continue
        if m.key not in decided:
            decided[m.key] = _decide(m.key, model[m.key], patterns.get(m.key), known)
        label, uncertain = decided[m.key]
        if label is None or place_group(m.label) == label:
            result.append(m.marked_uncertain(uncertain))
        else:
            result.append(m.relabelled(label, uncertain))
    return result


def _decide(name: str, votes: Counter[str], pattern: Counter[str] | None,
            known: Knowledge) -> tuple[str | None, bool]:
    """(label for every mention of name, or None to keep each; uncertain).

    The strongest evidence decides, not the majority: a reader's pattern ("The X
    administration") outweighs any number of the model's votes, and is sure unless
    another pattern says otherwise. Otherwise what the data packages know counts as
    2.5 votes (a club named after its city stays a club when the model says so
    three times); a split (the runner-up at half the winner or more) is uncertain.
    """
    if pattern:
        ranked_patterns = pattern.most_common()
        if len(ranked_patterns) == 1 or ranked_patterns[0][1] > ranked_patterns[1][1]:
            return ranked_patterns[0][0], len(ranked_patterns) > 1
    weights: dict[str, float] = {label: VOTE_WEIGHT * n for label, n in votes.items()}
    fact = _known_label(name, known)
    if fact is not None:
        weights[fact] = weights.get(fact, 0.0) + KNOWN_WEIGHT
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    best, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if top == runner_up:  # a tie: no evidence either way
        return None, True
    return (best if best in KINDS else None), runner_up * 2 >= top


# A place right before a score in a results line is a team: "Surrey 350-7", "Florida 3".
_SCORE_AFTER = re.compile(r"[^\S\n]+\d+(?:-\d+)?(?:[^\S\n]|$)", re.MULTILINE)
_NUMBERS = re.compile(r"\d+")


def _line(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:len(text) if line_end < 0 else line_end]


def teams_in_results(text: str, mentions: list[Mention]) -> list[Mention]:
    """In a line of results (three numbers or more), a place followed by its score is
    the team of that place: an organisation."""
    result: list[Mention] = []
    known = knowledge()
    for m in mentions:
        is_team = (place_group(m.label) == PLACE and not known.is_country(m.key)
                   and _SCORE_AFTER.match(text, m.end) is not None
                   and len(_NUMBERS.findall(_line(text, m.start, m.end))) >= 3)
        result.append(m.relabelled(ORG) if is_team else m)
    return result
