"""Issue 15, honest uncertainty: a mark on thin evidence is shown uncertain, and one
whose evidence says it is more likely wrong than right is not shown. Texts written
for these tests."""

from __future__ import annotations

from desktop.core.entities.doubt import (
    COMMON_WORD,
    ORG_GIVEN_NAME,
    ORG_IN_CAPITALS,
    THIN_ORG,
    UNLIKELY,
    doubt_reasons,
    mark_doubt,
)
from desktop.core.entities.evidence import names_an_organisation, weigh_evidence
from desktop.core.entities.mentions import Mention, mention_at


def spans(text: str, *items: tuple[str, str]) -> list[Mention]:
    found: list[Mention] = []
    pos = 0
    for phrase, label in items:
        start = text.index(phrase, pos)
        found.append(mention_at(text, start, start + len(phrase), label))
        pos = start + len(phrase)
    return found


def test_each_thin_organisation_gets_its_reason() -> None:
    text = "TARNWICK WINS AGAIN\nMarcus Vell sued. Tarnwick paid; Quorlan Group and Ostry lost."
    raw = spans(text, ("TARNWICK", "ORG"), ("Marcus Vell", "ORG"), ("Tarnwick", "ORG"),
                ("Quorlan Group", "ORG"), ("Ostry", "ORG"))
    assert doubt_reasons(text, raw) == [ORG_IN_CAPITALS, ORG_GIVEN_NAME, THIN_ORG, None,
                                        THIN_ORG]
    shown = [(m.text, m.uncertain) for m in mark_doubt(text, raw)]
    assert shown == [("Tarnwick", True), ("Quorlan Group", False), ("Ostry", True)]


def test_a_word_the_article_also_writes_in_lower_case_is_not_a_name() -> None:
    """Only names are judged so: "one" and "first" written in words stay numbers."""
    text = "Sales rose in May. Analysts said sales of Vorlix rose too."
    raw = spans(text, ("Sales", "ORG"), ("Vorlix", "ORG"))
    assert doubt_reasons(text, raw)[0] == COMMON_WORD and COMMON_WORD in UNLIKELY
    assert [m.text for m in mark_doubt(text, raw)] == ["Vorlix"]


def test_a_country_code_or_a_place_is_not_taken_for_the_common_word() -> None:
    text = "The US told us no. Nice was nice. First, Iraq agreed first."
    raw = spans(text, ("US", "GPE"), ("Nice", "GPE"), ("First", "ORDINAL"), ("Iraq", "GPE"))
    assert [m.text for m in mark_doubt(text, raw)] == ["US", "Nice", "First", "Iraq"]


def test_a_readers_pattern_keeps_a_mark_sure_whatever_else() -> None:
    text = "The Halloran administration said no."
    raw = spans(text, ("Halloran", "PERSON"))
    assert [(m.text, m.uncertain) for m in mark_doubt(text, raw)] == [("Halloran", False)]


def test_the_words_of_a_name_say_organisation() -> None:
    assert names_an_organisation("Bank of Norland")
    assert names_an_organisation("Real Castova")
    assert names_an_organisation("Kettle Daily")
    assert not names_an_organisation("Bank Street") and not names_an_organisation("Daily")


def test_a_country_named_like_an_organisation_stays_a_place() -> None:
    text = "The Russian Federation said no; the Russian Federation signed later."
    raw = spans(text, ("Russian Federation", "ORG"), ("Russian Federation", "GPE"))
    assert [m.label for m in weigh_evidence(text, raw)] == ["GPE", "GPE"]


def test_a_capital_inside_one_word_names_a_brand_not_a_person() -> None:
    text = "SpaceX hired LeBron Tate. LeBron met McCain, then Zentrix and VoltaCorp."
    raw = spans(text, ("SpaceX", "PERSON"), ("LeBron Tate", "PERSON"), ("LeBron", "PERSON"),
                ("McCain", "PERSON"), ("VoltaCorp", "PERSON"))
    assert [(m.text, m.label) for m in weigh_evidence(text, raw)] == [
        ("SpaceX", "ORG"), ("LeBron Tate", "PERSON"), ("LeBron", "PERSON"),
        ("McCain", "PERSON"), ("VoltaCorp", "ORG")]
