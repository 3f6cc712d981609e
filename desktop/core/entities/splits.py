"""Two names taken as one: "Slovakia - Lubomir Moravcik", "Mercantile, Commerce".

The model sometimes runs a name over a spaced dash, a comma, an "or", a bracket
it never closes or a score between two teams, and marks both names as one,
with one kind that is wrong for at least one of them. A name never holds those:
the span is cut there and each piece that is still a name (it has a capital)
is a mention of its own, with the model's kind until the evidence steps decide.
Lower-case words at a name's end are not part of it ("Interfax news agency",
"Guangdong province"). A pure function ``(text, mentions) -> mentions``.
"""

from __future__ import annotations

import re

from desktop.core.entities.edges import clean_edges, label_is_name
from desktop.core.entities.knowledge import Knowledge, knowledge
from desktop.core.entities.mentions import Mention, mention_at

_GAP = r"[^\S\n]+"
# Where one name ends and another begins inside a span.
# Lower-case words that do join the words of one name ("Bank of Canada", "Human
# Rights in China", "Ludwig van Beethoven"); any other ("Kent v Essex", "Leeds at
# Headingley", "Mercantile or Commerce") stands between two names.
_JOINING_WORDS = (
    "of|the|and|for|on|upon|in|to|a|de|del|della|dei|di|da|do|dos|das|du|des|la|le|les"
    "|van|von|der|den|ter|y|e|bin|binti|ibn|al|el|und|sur|am|an|zu|en|het|op|st\\.|&")
_SEPARATOR = re.compile(
    rf"{_GAP}[-–—]{_GAP}|,{_GAP}|{_GAP}\((?![^)]*\))|\){_GAP}"
    rf"|{_GAP}(?!(?:{_JOINING_WORDS}){_GAP})[a-z][\w'’.-]*{_GAP}(?=[A-Z])"
    rf"|{_GAP}\d+{_GAP}(?=[A-Z])")
_TRAILING_LOWER = re.compile(rf"(?:{_GAP}[a-z][a-z'’-]*)+$")


def _pieces(text: str, m: Mention) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = m.start
    for cut in _SEPARATOR.finditer(text, m.start, m.end):
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, m.end))
    return pieces


def _without_lower_tail(text: str, start: int, end: int) -> int:
    tail = _TRAILING_LOWER.search(text, start, end)
    return tail.start() if tail is not None and tail.start() > start else end


def split_joined_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each name in a span that holds two, cut at the separator; no lower-case tail."""
    known = knowledge()
    named = {w for m in mentions if not _SEPARATOR.search(m.text) for w in m.key.split()}
    result: list[Mention] = []
    for m in mentions:
        if not label_is_name(m.label) or m.label in ("WORK_OF_ART", "LAW", "EVENT"):
            result.append(m)
            continue
        pieces = [(s, _without_lower_tail(text, s, e)) for s, e in _pieces(text, m)]
        if pieces == [(m.start, m.end)]:
            result.append(m)
            continue
        parts = clean_edges(text, [mention_at(text, s, e, m.label) for s, e in pieces if e > s])
        result.extend(p for p in parts if _still_a_name(p, named, known))
    return result


def _still_a_name(piece: Mention, named: set[str], known: Knowledge) -> bool:
    """A piece of one word ("SOCCER" of "SOCCER - ENGLAND BEAT...", "Prices" of
    "UNITED STATES - Prices of...") is a name only when the article names it
    elsewhere or it is a known place."""
    return " " in piece.key or piece.key in named or known.is_place(piece.key)
