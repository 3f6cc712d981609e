"""Clubs named after their town: "Somerset beat Kent", "joined Milan from Torino".

A sports report names most clubs by their city, county or state, and the model
(and the data packages, which know the place) read the place. A reader knows
from what is said of it: a place that beats, draws with or loses to someone,
that someone plays for, joins or is transferred to, that plays "v" or "AT"
another, or whose manager or captain is named, is a team, an organisation. A
country is left a place: national teams are written as their country, and
"Iran beat back the attack" says nothing. Every mention of such a name in the
article becomes the team. A pure function ``(text, mentions) -> mentions``.
"""

from __future__ import annotations

import re

from desktop.core.entities.knowledge import knowledge
from desktop.core.entities.mentions import Mention
from desktop.core.entities.sentences import starts_sentence

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_GAP = r"[^\S\n]+"
# Verbs of a result, on either side of a team ("Kent beat Essex", "beat Kent").
_RESULT_VERBS = (
    r"beat|beats|beating|defeated|defeats|defeating|routed|thrashed|edged|crushed|downed"
    r"|overcame|trounced|hammered|whipped|blanked|outlasted|eliminated|lost to|lose to"
    rf"|losing to|tied with|drew{_GAP}with|bowled|bowling")
# Right before a team: "beat Kent", "joined Milan", "Kent v Surrey".
_BEFORE_TEAM = re.compile(
    rf"(?:\b(?:{_RESULT_VERBS}|played{_GAP}for|plays{_GAP}for|playing{_GAP}for|joined"
    rf"|join|joins|transferred{_GAP}to|loaned{_GAP}to|signed{_GAP}for|club|side"
    rf"|winners{_GAP}over|win{_GAP}over|victory{_GAP}over|win{_GAP}against"
    rf"|victory{_GAP}against|defeat{_GAP}by|defeat{_GAP}to|v|vs\.?)"
    rf"){_GAP}(?:the{_GAP})?$")
# Right after a team: "Kent beat", "Kent drew 1-1", "Kent won by", "FLORIDA AT CHICAGO",
# "Kent's captain", "Alba (Germany) 75".
_AFTER_TEAM = re.compile(
    rf"{_GAP}(?:{_RESULT_VERBS}|v|vs\.?|AT|drew{_GAP}\d|won{_GAP}(?:\d|by{_GAP}\d))\b"
    rf"|['’]s{_GAP}(?:manager|coach|captain|striker|goalkeeper|midfielder|defender"
    rf"|pitcher|batsman|bowler|skipper|team{_GAP}mate)\b"
    rf"|{_GAP}\([A-Z][\w .]*\){_GAP}\d")
# A word that continues a longer name ("the Cleveland Indians", "Natalia Karimova").
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*[^\S\n]+$")
_NAME_AFTER = re.compile(r"[^\S\n]+[A-Z][a-z]")
# Where a place is the place, even when a club bears its name: "in St Louis", a dateline.
_AT_PLACE = re.compile(r"\b(?:in|at|In|At|IN|AT)[^\S\n]+$")
_DATELINE_AFTER = re.compile(r"[^\S\n]+\d{4}-\d\d-\d\d|,[^\S\n]+[A-Z][a-z]{2}\.?[^\S\n]+\d")


def _part_of_longer_name(text: str, m: Mention) -> bool:
    before = _NAME_BEFORE.search(text, max(0, m.start - 30), m.start)
    return _NAME_AFTER.match(text, m.end) is not None or (
        before is not None and not starts_sentence(text, before.start()))


def _plays(text: str, m: Mention) -> bool:
    if _part_of_longer_name(text, m):
        return False
    return (_BEFORE_TEAM.search(text, max(0, m.start - 30), m.start) is not None
            or _AFTER_TEAM.match(text, m.end) is not None)


def _is_the_place(text: str, m: Mention) -> bool:
    return (_AT_PLACE.search(text, max(0, m.start - 4), m.start) is not None
            or _DATELINE_AFTER.match(text, m.end) is not None)


def teams_in_play(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place (not a country) that plays, beats or is joined: a team, all through the article."""
    known = knowledge()
    teams = {m.key for m in mentions
             if m.label in _PLACES and not known.is_country(m.key) and _plays(text, m)}
    if not teams:
        return mentions
    return [m.relabelled("ORG", False)
            if m.label in _PLACES and m.key in teams and not _is_the_place(text, m) else m
            for m in mentions]
