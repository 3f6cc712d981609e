"""Each post-processing step on text written for the tests."""

from __future__ import annotations

from pathlib import Path

from desktop.core.entities.headlines import title_case_lines
from desktop.core.entities.mentions import Mention
from desktop.core.entities.postprocess import (  # type: ignore[attr-defined]
    add_later_person_mentions,
    headline_organisations,
    honorific_people,
    improve,
    majority_label,
    surname_inherits_person,
    trim_spans,
)


def spans(text: str, *items: tuple[str, str], nth: int = 0) -> list[Mention]:
    """Mentions of each (phrase, label), at the phrase's first occurrence after the last."""
    found: list[Mention] = []
    pos = 0
    for phrase, label in items:
        start = text.index(phrase, pos)
        found.append(Mention(start, start + len(phrase), phrase, label))
        pos = start + len(phrase)
    return found


def texts(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def test_trim_drops_leading_the_and_possessive() -> None:
    text = "Officials said the Ministry of Ports's plan worried the Danes."
    raw = spans(text, ("the Ministry of Ports's", "ORG"), ("the Danes", "NORP"))
    trimmed = trim_spans(text, raw)
    assert texts(trimmed) == [("Ministry of Ports", "ORG"), ("Danes", "NORP")]
    for m in trimmed:
        assert text[m.start:m.end] == m.text


def test_trim_keeps_a_capitalised_the_inside_a_sentence_and_dates() -> None:
    text = "Talks moved to The Hague during the last two weeks. The Senate agreed."
    raw = spans(text, ("The Hague", "GPE"), ("the last two weeks", "DATE"),
                ("The Senate", "ORG"))
    assert texts(trim_spans(text, raw)) == [
        ("The Hague", "GPE"), ("the last two weeks", "DATE"), ("Senate", "ORG"),
    ]


def test_trim_curly_possessive_and_plural_apostrophe() -> None:
    text = "Norway’s fleet and the Smiths' farm"
    raw = spans(text, ("Norway’s", "GPE"), ("Smiths'", "PERSON"))
    assert texts(trim_spans(text, raw)) == [("Norway", "GPE"), ("Smiths", "PERSON")]


def test_honorific_marks_people_and_replaces_wrong_labels() -> None:
    text = "Ms. Okafor met Dr. Lena van Dijk, and Mr Brightwater of Acme said no."
    raw = spans(text, ("Okafor", "ORG"), ("Brightwater of Acme", "ORG"))
    result = texts(honorific_people(text, raw))
    assert result == [("Okafor", "PERSON"), ("Lena van Dijk", "PERSON"),
                      ("Brightwater", "PERSON")]


def test_honorific_needs_a_capitalised_name() -> None:
    text = "The Dr. said little. Mr. and Mrs. nobody came."
    assert honorific_people(text, []) == []


def test_honorific_on_the_seed_article(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "seed-article.txt").read_text(encoding="utf-8")
    people = {m.text for m in honorific_people(text, []) if m.label == "PERSON"}
    assert {"Sky", "Alaaldin"} <= people
    assert not any(p.startswith(("Ms", "Mr")) for p in people)


def test_bare_surname_inherits_person_from_full_name() -> None:
    text = "Amara Quell founded the studio. Later, Quell sold it to Ostrander Labs."
    raw = spans(text, ("Amara Quell", "PERSON"), ("Quell", "ORG"), ("Ostrander Labs", "ORG"))
    assert texts(surname_inherits_person(text, raw)) == [
        ("Amara Quell", "PERSON"), ("Quell", "PERSON"), ("Ostrander Labs", "ORG"),
    ]


def test_surname_step_leaves_dates_and_unrelated_names() -> None:
    text = "Jo May left in May. Ghent is in Belgium."
    raw = spans(text, ("Jo May", "PERSON"), ("May", "DATE"), ("Ghent", "GPE"))
    assert texts(surname_inherits_person(text, raw))[1:] == [("May", "DATE"), ("Ghent", "GPE")]


def test_majority_label_wins_and_ties_change_nothing() -> None:
    text = "Velmor rose. Velmor fell. Velmor won. Kiro ran. Kiro hid."
    raw = spans(text, ("Velmor", "GPE"), ("Velmor", "ORG"), ("Velmor", "GPE"),
                ("Kiro", "LOC"), ("Kiro", "ORG"))
    assert [m.label for m in majority_label(text, raw)] == [
        "GPE", "GPE", "GPE", "LOC", "ORG",
    ]


def test_later_mentions_of_a_person_are_added() -> None:
    text = ("Talia Brennick spoke first. Brennick then left; "
            "Talia Brennick returned at noon. Brennickville is a town.")
    raw = spans(text, ("Talia Brennick", "PERSON"))
    result = add_later_person_mentions(text, raw)
    assert texts(result) == [
        ("Talia Brennick", "PERSON"), ("Brennick", "PERSON"), ("Talia Brennick", "PERSON"),
    ]


def test_later_mentions_never_overlap_existing_spans() -> None:
    text = "Ida Marsh spoke. The Marsh Foundation paid."
    raw = spans(text, ("Ida Marsh", "PERSON"), ("Marsh Foundation", "ORG"))
    assert texts(add_later_person_mentions(text, raw)) == texts(raw)


def test_title_case_lines_are_headlines_not_sentences() -> None:
    text = "Rivers Rise Across the Northern Valley\n\nThe river rose in the valley today."
    lines = title_case_lines(text)
    assert lines == [(0, len("Rivers Rise Across the Northern Valley"))]


def test_headline_is_not_one_long_organisation() -> None:
    text = "Quarry Workers Strike Against Norvik\n\nWorkers at Norvik walked out on Monday."
    raw = spans(text, ("Quarry Workers Strike Against Norvik", "ORG"), ("Norvik", "ORG"),
                ("Monday", "DATE"))
    result = texts(headline_organisations(text, raw))
    # The headline ORG goes; the name the body knows is found inside it.
    assert result == [("Norvik", "ORG"), ("Norvik", "ORG"), ("Monday", "DATE")]


def test_headline_organisation_kept_when_the_body_names_it() -> None:
    text = "Harbour Trust Buys Pier\n\nThe Harbour Trust bought the pier."
    raw = spans(text, ("Harbour Trust", "ORG"), ("Harbour Trust", "ORG"))
    assert headline_organisations(text, raw) == raw


def test_improve_returns_sorted_spans_that_match_the_text() -> None:
    text = "Ms. Arden met the Tovar Group. Arden said Tovar Group's plan works."
    raw = spans(text, ("the Tovar Group", "ORG"), ("Tovar Group's", "ORG"))
    result = improve(text, raw)
    assert [m.start for m in result] == sorted(m.start for m in result)
    for m in result:
        assert text[m.start:m.end] == m.text
    assert ("Arden", "PERSON") in texts(result)
    assert texts(result).count(("Tovar Group", "ORG")) == 2


def test_a_name_never_runs_across_a_line_break() -> None:
    from desktop.core.entities.postprocess import within_lines

    text = "Floods Reach the Port Authority\n\nHeavy rain fell."
    start = text.index("Port Authority")
    raw = [Mention(start, text.index("rain") - 1, text[start:text.index("rain") - 1], "ORG")]
    assert texts(within_lines(text, raw)) == [("Port Authority", "ORG")]
    only_body = [Mention(text.index("\n"), text.index("Heavy") + 5, "\n\nHeavy", "ORG")]
    assert within_lines(text, only_body) == []


def test_titles_without_a_full_stop_mark_people_too() -> None:
    text = "Councillor Priya Raman spoke, then Mayor Ilse Brandt left."
    raw = spans(text, ("Councillor Priya Raman", "ORG"))
    assert texts(honorific_people(text, raw)) == [
        ("Priya Raman", "PERSON"), ("Ilse Brandt", "PERSON"),
    ]


def test_honorific_names_stop_at_line_breaks_and_institutions() -> None:
    text = ("Thanks to Mr. Okafor\n\nThe Board met at Queen Mary University and "
            "King Abdullah Airport, with Queen Elena present.")
    raw = spans(text, ("King Abdullah Airport", "FAC"))
    result = texts(honorific_people(text, raw))
    assert result == [("Okafor", "PERSON"), ("King Abdullah Airport", "FAC"),
                      ("Elena", "PERSON")]


def test_honorific_inside_a_longer_name_keeps_that_name() -> None:
    text = "She lived at the Queen Anne Mews of Westminster last year."
    raw = spans(text, ("Queen Anne Mews of Westminster", "FAC"))
    assert honorific_people(text, raw) == raw
