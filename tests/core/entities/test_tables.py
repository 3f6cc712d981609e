"""Teams in results tables (standings and scores): organisations, unless a person is
named there. Lines written for this test."""

from __future__ import annotations

from desktop.core.entities.mentions import Mention
from desktop.core.entities.tables import teams_in_tables

TEXT = ("Results on Saturday:\n\n"
        "Harrowgate 2 Tolland Vale 1\n\n"
        "Standings: Harrowgate 16 10 4 2 27 13 34\n\n"
        "Harrowgate 16 10 4 2 27 13 34\n\n"
        "Ernest Pryde 70 68 72 210\n\n"
        "Harrowgate won 2 of its 3 games in 10 days.")


def test_names_in_standings_and_results_are_teams() -> None:
    town = TEXT.index("Harrowgate")
    raw = [Mention(town, town + 10, "Harrowgate", "GPE")]
    found = [(m.text, m.label) for m in teams_in_tables(TEXT, raw)]
    assert found == [("Harrowgate", "ORG"), ("Tolland Vale", "ORG"), ("Harrowgate", "ORG")]


def test_a_person_with_scores_stays_a_person_and_prose_is_left_alone() -> None:
    golfer = TEXT.index("Ernest Pryde")
    last = TEXT.rindex("Harrowgate")
    raw = [Mention(golfer, golfer + 12, "Ernest Pryde", "PERSON"),
           Mention(last, last + 10, "Harrowgate", "GPE")]
    result = teams_in_tables(TEXT, raw)
    assert ("Ernest Pryde", "PERSON") in [(m.text, m.label) for m in result]
    assert result[-1] == raw[-1]  # a sentence with numbers is not a table
