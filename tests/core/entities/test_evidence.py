"""Issue 15, kinds and honest uncertainty: the strongest evidence in the article
decides a name's kind; thin evidence is marked uncertain. Texts written for these tests."""

from __future__ import annotations

from desktop.core.entities.corrections import Correction, apply_corrections
from desktop.core.entities.doubt import mark_doubt
from desktop.core.entities.evidence import weigh_evidence
from desktop.core.entities.mentions import Mention
from desktop.core.entities.postprocess import improve


def spans(text: str, *items: tuple[str, str]) -> list[Mention]:
    found: list[Mention] = []
    pos = 0
    for phrase, label in items:
        start = text.index(phrase, pos)
        found.append(Mention(start, start + len(phrase), phrase, label))
        pos = start + len(phrase)
    return found


def kinds(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def test_an_administration_names_a_person_everywhere_in_the_article() -> None:
    text = "Officials said Halloran wants out. The Halloran administration disagreed."
    raw = spans(text, ("Halloran", "ORG"), ("Halloran", "ORG"))
    assert kinds(weigh_evidence(text, raw)) == [("Halloran", "PERSON"), ("Halloran", "PERSON")]


def test_the_leader_of_a_group_makes_it_an_organisation() -> None:
    text = "Sanctions hit the leader of Brava Tesh. The United States acted."
    raw = spans(text, ("Brava Tesh", "PERSON"))
    assert kinds(weigh_evidence(text, raw)) == [("Brava Tesh", "ORG")]


def test_a_titled_person_of_an_institution() -> None:
    text = "“It is over,” said Mr. Quorrin of Palmstead. Palmstead agreed."
    raw = spans(text, ("Quorrin", "PERSON"), ("Palmstead", "GPE"), ("Palmstead", "GPE"))
    assert kinds(weigh_evidence(text, raw))[1:] == [("Palmstead", "ORG"), ("Palmstead", "ORG")]


def test_a_country_is_a_place_whatever_the_model_says() -> None:
    text = "Iraq said no. Later Iraq said yes."
    raw = spans(text, ("Iraq", "PERSON"), ("Iraq", "PERSON"))
    assert kinds(weigh_evidence(text, raw)) == [("Iraq", "GPE"), ("Iraq", "GPE")]


def test_a_company_word_and_initials_decide() -> None:
    text = "Dorvan Holdings hired J. Pellow last year."
    raw = spans(text, ("Dorvan Holdings", "PERSON"), ("J. Pellow", "ORG"))
    assert kinds(weigh_evidence(text, raw)) == [
        ("Dorvan Holdings", "ORG"), ("J. Pellow", "PERSON")]


def test_split_votes_without_other_evidence_are_uncertain() -> None:
    text = "Velmor rose. Velmor fell."
    raw = spans(text, ("Velmor", "GPE"), ("Velmor", "ORG"))
    assert all(m.uncertain for m in weigh_evidence(text, raw))


def test_an_organisation_named_once_without_evidence_is_uncertain() -> None:
    text = "Tarnwick sued Ostrander Labs; Ostrander Labs lost. Then Pell Bank paid."
    raw = spans(text, ("Tarnwick", "ORG"), ("Ostrander Labs", "ORG"), ("Ostrander Labs", "ORG"),
                ("Pell Bank", "ORG"))
    flags = [(m.text, m.uncertain) for m in mark_doubt(text, raw)]
    assert flags == [("Tarnwick", True), ("Ostrander Labs", False), ("Ostrander Labs", False),
                     ("Pell Bank", False)]


def test_the_readers_correction_removes_the_doubt() -> None:
    text = "Tarnwick sued."
    doubtful = [m.marked_uncertain() for m in spans(text, ("Tarnwick", "ORG"))]
    corrected = apply_corrections(text, doubtful, [Correction("Tarnwick", "relabel", "PERSON")])
    assert [(m.label, m.uncertain) for m in corrected] == [("PERSON", False)]


def test_a_person_named_in_full_with_a_given_name_is_sure() -> None:
    text = "Michael Orrow spoke. Orrow left."
    raw = spans(text, ("Michael Orrow", "PERSON"), ("Orrow", "ORG"))
    result = improve(text, raw)
    assert [(m.text, m.label, m.uncertain) for m in result] == [
        ("Michael Orrow", "PERSON", False), ("Orrow", "PERSON", False)]


def test_a_lone_surname_never_named_in_full_nor_titled_is_not_marked() -> None:
    """Such a mark was right 0.39 of the time (CoNLL validation): more likely wrong than
    right, so it is not shown; a title or the full name elsewhere keeps it, sure."""
    text = "Halloran spoke. Ms. Quorrin agreed. Tova Brisk left; Brisk waved."
    raw = spans(text, ("Halloran", "PERSON"), ("Quorrin", "PERSON"), ("Tova Brisk", "PERSON"),
                ("Brisk", "PERSON"))
    flags = [(m.text, m.uncertain) for m in mark_doubt(text, raw)]
    assert flags == [("Quorrin", False), ("Tova Brisk", False), ("Brisk", False)]


def test_a_one_word_person_that_is_a_known_place_is_not_marked() -> None:
    text = "Glenbrook took three wickets before Mosul declared."
    raw = spans(text, ("Glenbrook", "ORG"), ("Mosul", "PERSON"))
    assert [m.text for m in mark_doubt(text, raw)] == ["Glenbrook"]


def test_known_places_and_country_codes_are_sure_unknown_ones_are_not() -> None:
    text = "The U.S. and Iraq met in Mosul and in Qarvelle."
    raw = spans(text, ("U.S.", "GPE"), ("Iraq", "GPE"), ("Mosul", "GPE"), ("Qarvelle", "GPE"))
    flags = [(m.text, m.uncertain) for m in mark_doubt(text, raw)]
    assert flags == [("U.S.", False), ("Iraq", False), ("Mosul", False), ("Qarvelle", True)]
