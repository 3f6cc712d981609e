"""A later mention is not spread into a longer name (text written for the test)."""

from __future__ import annotations

from desktop.core.entities.mentions import Mention
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
