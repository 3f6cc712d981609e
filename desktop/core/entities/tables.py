"""Teams in results tables: a name followed only by numbers, or "A 2 B 1".

Sports pages print standings ("Livingston 16 10 4 2 27 13 34") and results
("Mansfield 0 Stockport 3"). The model, trained on sentences, finds little in
such lines, or reads a club named after its town as the town. In a line of that
shape a name is a team, an organisation, unless a person is named there (a
golfer's "Ernie Vale 70 68 72": the model or a given name says person). A pure
function ``(text, mentions) -> mentions`` (see postprocess.py).
"""

from __future__ import annotations

import re

from desktop.core.entities.knowledge import knowledge
from desktop.core.entities.mentions import Mention, mention_at, overlaps, sorted_unique

_WORD = r"(?:[A-Z][\w'’.&-]*|of|the|de|la|del)"
_NAME = rf"[A-Z][\w'’.&-]*(?:[^\S\n]{_WORD}){{0,3}}"
_NUMBER = r"[+-]?(?:\d[\d./:-]*|\.\d+)"
_NUMBERS = rf"(?:[^\S\n]+{_NUMBER}){{3,}}"
# "Livingston 16 10 4 2 27 13 34": a name, then three numbers or more, nothing else.
_STANDING = re.compile(rf"^({_NAME}){_NUMBERS}[^\S\n]*$", re.MULTILINE)
# "Mansfield 0 Stockport 3", "Pittsburgh 5 WASHINGTON 3 (OT)".
_RESULT = re.compile(
    rf"^({_NAME})[^\S\n]+(\d+)[^\S\n]+({_NAME})[^\S\n]+(\d+)(?:[^\S\n]+\([^)\n]*\))?[^\S\n]*$",
    re.MULTILINE)
_PEOPLE_LABELS = frozenset({"PERSON"})


def _is_person(name: str, start: int, end: int, mentions: list[Mention]) -> bool:
    words = name.split()
    if len(words) >= 2 and len(words[0]) >= 3 and knowledge().is_given_name(words[0]):
        return True
    return any(m.label in _PEOPLE_LABELS and overlaps(m, start, end) for m in mentions)


def teams_in_tables(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names in standings and results lines are organisations (teams), not people or towns."""
    teams: list[Mention] = []
    for pattern, groups in ((_STANDING, (1,)), (_RESULT, (1, 3))):
        for line in pattern.finditer(text):
            for group in groups:
                start, end = line.start(group), line.end(group)
                if _is_person(line.group(group), start, end, mentions):
                    continue
                # A national side is written as its country, and read as the country.
                kind = "GPE" if knowledge().is_country(line.group(group)) else "ORG"
                teams.append(mention_at(text, start, end, kind))
    if not teams:
        return mentions
    kept = [m for m in mentions if not any(overlaps(m, t.start, t.end) for t in teams)]
    return sorted_unique([*kept, *teams])
