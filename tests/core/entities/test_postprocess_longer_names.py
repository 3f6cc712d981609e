"""A later mention is not spread into a longer name (text written for the test)."""

from __future__ import annotations

import random

from desktop.core.entities.mentions import Mention, Taken
from desktop.core.entities.postprocess import add_later_person_mentions


def at(text: str, phrase: str, label: str) -> Mention:
    start = text.index(phrase)
    return Mention(start, start + len(phrase), phrase, label)


def test_a_name_right_before_another_capitalised_word_is_part_of_a_longer_name() -> None:
    text = ("Ana Kovac scored twice. Her cousin Ana Kovac Horvat watched. Kovac Horvat "
            "waved, and Kovac thanked the fans. Ana Kovac rested on Sunday. Kovac Jr. "
            "is her son; Kovac Monday is a misprint.")
    raw = [at(text, "Ana Kovac", "PERSON")]
    added = [(m.start, m.text) for m in add_later_person_mentions(text, raw) if m not in raw]
    # Not "Ana Kovac" nor "Kovac" in "Ana Kovac Horvat" / "Kovac Horvat"; a day
    # or a suffix after the name does not make a longer name.
    expected = [text.index("Kovac thanked"), text.index("Ana Kovac rested"),
                text.index("Kovac Jr."), text.index("Kovac Monday")]
    assert added == [(start, "Kovac" if text[start] == "K" else "Ana Kovac")
                     for start in expected]


def test_taken_spans_answer_overlaps_like_checking_each() -> None:
    """Taken (log-time overlap checks for long articles) agrees with the plain check,
    overlapping spans included."""
    rng = random.Random(7)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 2000) for _ in range(300))]
    taken = Taken(spans[:150])
    for s, e in spans[150:]:
        taken.add(s, e)
    for _ in range(2000):
        start = rng.randint(0, 2050)
        end = start + rng.randint(1, 40)
        assert taken.overlaps(start, end) == any(a < end and start < b for a, b in spans)
