"""Issue 15, spans: a name never starts or ends with punctuation or a space, and the
same name is one entity however it is followed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.entities.edges import clean_edges
from desktop.core.entities.mentions import Mention, mention_at
from desktop.core.entities.store import summarise


def test_a_comma_or_quote_taken_with_a_name_is_dropped_and_both_are_one_entity() -> None:
    text = 'Blue Origin, a rival, and "Blue Origin" again; Blue Origin.'
    first = text.index("Blue Origin,")
    second = text.index('"Blue Origin"')
    third = text.rindex("Blue Origin.")
    raw = [mention_at(text, first, first + 12, "ORG"),
           mention_at(text, second, second + 13, "ORG"),
           mention_at(text, third, third + 12, "ORG")]
    cleaned = clean_edges(text, raw)
    assert [m.text for m in cleaned] == ["Blue Origin"] * 3
    summaries = summarise(cleaned)
    assert [(s.text, len(s.mentions)) for s in summaries] == [("Blue Origin", 3)]


def test_a_dot_that_belongs_to_the_name_stays() -> None:
    text = "U.S. officials met Acme Inc. and John F. at noon."
    raw = [mention_at(text, 0, 4, "GPE"), mention_at(text, 19, 28, "ORG"),
           mention_at(text, 33, 41, "PERSON")]
    assert [m.text for m in clean_edges(text, raw)] == ["U.S.", "Acme Inc.", "John F."]


def test_amounts_keep_their_signs_and_scores_leave_names() -> None:
    text = "Kent 108-3 beat Surrey; it cost $5 or 40% more (IBM)."
    raw = [mention_at(text, 0, 10, "ORG"), mention_at(text, 32, 34, "MONEY"),
           mention_at(text, 38, 41, "PERCENT"), mention_at(text, 47, 52, "ORG")]
    assert [m.text for m in clean_edges(text, raw)] == ["Kent", "$5", "40%", "IBM"]


def test_a_lower_case_name_is_no_name() -> None:
    text = "the crown fell and Acme rose"
    raw = [mention_at(text, 4, 9, "ORG"), mention_at(text, 19, 23, "ORG")]
    assert [m.text for m in clean_edges(text, raw)] == ["Acme"]


_PUNCT = st.sampled_from(list(" ,;:!?\"'“”‘’()[]-—–"))


@given(st.lists(_PUNCT, max_size=3), st.sampled_from(["Blue Origin", "Iraq", "Ms Hale"]),
       st.lists(_PUNCT, max_size=3), st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]))
def test_no_name_starts_or_ends_with_punctuation_or_space(
        before: list[str], name: str, after: list[str], label: str) -> None:
    text = "x " + "".join(before) + name + "".join(after) + " y"
    start = 2
    end = start + len("".join(before)) + len(name) + len("".join(after))
    cleaned = clean_edges(text, [Mention(start, end, text[start:end], label)])
    assert [m.text for m in cleaned] == [name]
