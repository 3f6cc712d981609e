"""Post-processing must not invent people: sentence ends, function words, things
after "the", headline numbers, ties. Text written for the tests."""

from __future__ import annotations

from desktop.core.entities.headlines import headline_numbers
from desktop.core.entities.mentions import Mention
from desktop.core.entities.places import places_in_place_context
from desktop.core.entities.postprocess import (
    add_later_person_mentions,
    improve,
    majority_label,
    surname_inherits_person,
)
from desktop.core.entities.sentences import no_person_after_the, within_sentences


def at(text: str, phrase: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Mention(start, start + len(phrase), phrase, label)


def texts(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


KING = ("The decree honours the young king Ptolemy V. The middle block is in Greek. "
        "The scribes worked fast. The stone was found near a fort.")


def test_a_name_stops_where_the_next_sentence_starts() -> None:
    raw = [at(KING, "Ptolemy V. The", "PERSON")]
    assert texts(within_sentences(KING, raw)) == [("Ptolemy V", "PERSON")]


def test_initials_and_dotted_abbreviations_stay_inside_a_name() -> None:
    text = "John F. Kennedy met the U.S. Army and Acme Inc. The talks ended."
    raw = [at(text, "John F. Kennedy", "PERSON"), at(text, "U.S. Army", "ORG"),
           at(text, "Acme Inc. The", "ORG")]
    assert texts(within_sentences(text, raw)) == [
        ("John F. Kennedy", "PERSON"), ("U.S. Army", "ORG"), ("Acme Inc.", "ORG"),
    ]


def test_a_sentence_end_after_a_lower_case_word_or_question_mark_cuts() -> None:
    text = ("Nobody saw the Velmor files. Ostrander left. Who hired Kiro? Nobody knew. "
            "It rained last week. The end.")
    raw = [at(text, "files. Ostrander", "ORG"), at(text, "Kiro? Nobody", "PERSON"),
           at(text, "last week. The", "DATE")]
    # "files" has no capital: nothing of a name is left before the cut; a date may
    # be lower case.
    assert texts(within_sentences(text, raw)) == [("Kiro", "PERSON"), ("last week", "DATE")]


def test_the_is_never_a_surname_after_a_name_runs_into_a_sentence() -> None:
    raw = [at(KING, "Ptolemy V. The", "PERSON")]
    result = improve(KING, raw)
    assert texts(result) == [("Ptolemy V", "PERSON")]
    assert not any(m.text == "The" for m in result)


def test_function_words_days_and_short_words_never_spread_as_surnames() -> None:
    text = ("Ida Of met Jo May and Lu X. Of course. In May, X left. Tomas Ferreira spoke. "
            "Ferreira agreed.")
    raw = [at(text, "Ida Of", "PERSON"), at(text, "Jo May", "PERSON"),
           at(text, "Lu X", "PERSON"), at(text, "Tomas Ferreira", "PERSON")]
    added = [m for m in add_later_person_mentions(text, raw) if m not in raw]
    assert texts(added) == [("Ferreira", "PERSON")]


def test_a_surname_step_ignores_stop_words() -> None:
    text = "Ann The spoke. The Group agreed."
    raw = [at(text, "Ann The", "PERSON"), at(text, "The Group", "ORG")]
    assert surname_inherits_person(text, raw) == raw


def test_name_suffix_is_not_the_surname() -> None:
    text = "Ricky Stenhouse Jr. won. Stenhouse thanked the crew. Jr. is a suffix."
    raw = [at(text, "Ricky Stenhouse Jr.", "PERSON")]
    added = [m for m in add_later_person_mentions(text, raw) if m not in raw]
    assert texts(added) == [("Stenhouse", "PERSON")]


def test_lower_case_words_and_numbers_never_spread() -> None:
    text = ("Officers found marijuana legalization papers. Ana Marsh 1 goal. "
            "Possession of marijuana legalization papers and 1 goal.")
    raw = [at(text, "marijuana legalization", "PERSON"), at(text, "Ana Marsh 1 goal", "PERSON")]
    assert add_later_person_mentions(text, raw) == raw


def test_a_surname_that_is_also_an_ordinary_word_still_spreads() -> None:
    text = "Chris Early runs sales. Early said the early results were good."
    raw = [at(text, "Chris Early", "PERSON")]
    added = [m for m in add_later_person_mentions(text, raw) if m not in raw]
    assert [(m.text, m.start) for m in added] == [("Early", text.index("Early said"))]


def test_a_word_labelled_otherwise_more_often_is_not_spread() -> None:
    text = "Velmor praised Velmor and Velmor. Later Velmor closed."
    raw = [at(text, "Velmor", "PERSON"), at(text, "Velmor", "ORG", 1),
           at(text, "Velmor", "ORG", 2)]
    assert add_later_person_mentions(text, raw) == raw


def test_a_surname_inside_another_full_name_is_not_that_person() -> None:
    text = "Erik Jones won. Blake Jones was tenth and the Jones cup went to Jones."
    raw = [at(text, "Erik Jones", "PERSON")]
    added = [m for m in add_later_person_mentions(text, raw) if m not in raw]
    assert [(m.text, text[m.end:m.end + 1]) for m in added] == [("Jones", ".")]


def test_one_word_after_the_is_a_thing_not_a_person() -> None:
    text = ("The module passed behind the Moon. The crew saw the Moon rise. "
            "Then the Kennedys arrived; Ana Vell wrote the Vell report.")
    raw = [at(text, "Moon", "PERSON"), at(text, "Moon", "PERSON", 1),
           at(text, "Kennedys", "PERSON"), at(text, "Ana Vell", "PERSON"),
           at(text, "Vell", "PERSON", 1)]
    assert texts(no_person_after_the(text, raw)) == [
        ("Kennedys", "PERSON"), ("Ana Vell", "PERSON"), ("Vell", "PERSON"),
    ]


def test_later_mentions_do_not_bring_back_a_thing_after_the() -> None:
    text = "Moon spoke first. Later the Moon rose over the Moon Hotel."
    raw = [at(text, "Moon", "PERSON"), at(text, "Moon Hotel", "FAC")]
    assert add_later_person_mentions(text, raw) == raw


def test_headline_words_are_not_dates_or_times() -> None:
    text = ("Fifty-Six Hours in Lunar Orbit: How the Crew Came Home\n\n"
            "Three Days in May: The Flight Home\n\n"
            "The crew spent fifty-six hours in orbit.")
    raw = [at(text, "Fifty-Six Hours", "TIME"), at(text, "Three Days in May", "DATE"),
           at(text, "fifty-six hours", "TIME")]
    assert texts(headline_numbers(text, raw)) == [
        ("Three Days in May", "DATE"), ("fifty-six hours", "TIME"),
    ]


def test_headline_dates_with_digits_stay() -> None:
    text = "Floods Return to the Valley After 40 Years\n\nRain fell."
    raw = [at(text, "40 Years", "DATE")]
    assert headline_numbers(text, raw) == raw


def test_majority_needs_more_than_a_tie() -> None:
    text = "Velmor grew. Traders in Velmor cheered; Velmor won."
    tie = [at(text, "Velmor", "GPE"), at(text, "Velmor", "ORG", 1)]
    assert majority_label(text, tie) == tie
    three = [*tie, at(text, "Velmor", "GPE", 2)]
    assert [m.label for m in majority_label(text, three)] == ["GPE"] * 3


def test_a_tie_against_person_goes_to_the_other_label() -> None:
    text = "Titusville (0-1) lost. Titusville scored first."
    tie = [at(text, "Titusville", "PERSON"), at(text, "Titusville", "ORG", 1)]
    assert [m.label for m in majority_label(text, tie)] == ["ORG", "ORG"]


def test_a_title_settles_a_tie_for_person() -> None:
    text = "Ms. Okonkwo spoke. Later Okonkwo left."
    tie = [at(text, "Okonkwo", "PERSON"), at(text, "Okonkwo", "ORG", 1)]
    assert [m.label for m in majority_label(text, tie)] == ["PERSON", "PERSON"]


def test_a_person_in_a_place_context_is_a_place() -> None:
    text = ("Soldiers camped near the town of Varnholm. Scholars in Oslo, Bergen and "
            "Tromsvik read it; Oslo, Bergen and Ana Vell did not. Vell, Oslo and Bergen agreed.")
    raw = [at(text, "Varnholm", "PERSON"), at(text, "Oslo", "GPE"), at(text, "Bergen", "GPE"),
           at(text, "Tromsvik", "PERSON"), at(text, "Oslo", "GPE", 1),
           at(text, "Bergen", "GPE", 1), at(text, "Ana Vell", "PERSON"),
           at(text, "Vell", "PERSON", 1), at(text, "Oslo", "GPE", 2),
           at(text, "Bergen", "GPE", 2)]
    labels = [(m.text, m.label) for m in places_in_place_context(text, raw)
              if m.text not in ("Oslo", "Bergen")]
    assert labels == [("Varnholm", "GPE"), ("Tromsvik", "GPE"), ("Ana Vell", "PERSON"),
                      ("Vell", "PERSON")]


def test_a_place_taken_for_a_person_is_not_spread() -> None:
    text = "They dug near the town of Varnholm. Varnholm lies on the coast."
    raw = [at(text, "Varnholm", "PERSON")]
    assert texts(improve(text, raw)) == [("Varnholm", "GPE")]
