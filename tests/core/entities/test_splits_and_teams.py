"""Issue 15, spans and kinds: two names taken as one are cut apart, and a club named
after its town is a team, not the town. Texts written for these tests."""

from __future__ import annotations

from desktop.core.entities.knowledge import knowledge
from desktop.core.entities.mentions import Mention, mention_at
from desktop.core.entities.splits import split_joined_names
from desktop.core.entities.sports import teams_in_play


def span(text: str, phrase: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return mention_at(text, start, start + len(phrase), label)


def kinds(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def test_a_spaced_dash_a_comma_or_an_or_separates_two_names() -> None:
    text = ("Tavaria - Omrik Dellaway scored. Pell Bank, Corvane Group or Astry Mills paid. "
            "Omrik Dellaway smiled.")
    raw = [span(text, "Tavaria - Omrik Dellaway", "ORG"),
           span(text, "Pell Bank, Corvane Group or Astry Mills", "ORG"),
           span(text, "Omrik Dellaway", "PERSON", 1)]
    assert [m.text for m in split_joined_names(text, raw)] == [
        "Omrik Dellaway", "Pell Bank", "Corvane Group", "Astry Mills", "Omrik Dellaway"]


def test_a_piece_of_one_word_stays_only_when_named_elsewhere_or_a_known_place() -> None:
    text = "CYCLING - Iraq wins. Mosul - Prices fell. Quellin, Varrow agreed; Varrow left."
    raw = [span(text, "CYCLING - Iraq", "ORG"), span(text, "Mosul - Prices", "GPE"),
           span(text, "Quellin, Varrow", "PERSON"), span(text, "Varrow", "PERSON", 1)]
    assert [m.text for m in split_joined_names(text, raw)] == [
        "Iraq", "Mosul", "Varrow", "Varrow"]


def test_a_bracket_the_name_never_closes_and_a_lower_case_tail_are_cut() -> None:
    text = "The Union of Brass Makers (UBM said so, and the Kolvar news agency agreed. UBM won."
    raw = [span(text, "Union of Brass Makers (UBM", "ORG"),
           span(text, "Kolvar news agency", "ORG"), span(text, "UBM", "ORG", 1)]
    assert [m.text for m in split_joined_names(text, raw)] == [
        "Union of Brass Makers", "UBM", "Kolvar", "UBM"]


def test_a_name_with_its_own_closed_bracket_is_left_whole() -> None:
    text = "Mladost (Brno) won."
    raw = [span(text, "Mladost (Brno)", "ORG")]
    assert split_joined_names(text, raw) == raw


def test_a_town_that_beats_or_is_joined_is_a_team_everywhere_in_the_article() -> None:
    text = ("Leicester beat Derby by nine wickets. He joined Bristol from Leeds. "
            "Fans in Derby cheered. Bristol's coach said Derby played well.")
    raw = [span(text, "Leicester", "GPE"), span(text, "Derby", "GPE"),
           span(text, "Bristol", "GPE"), span(text, "Leeds", "GPE"),
           span(text, "Derby", "GPE", 1), span(text, "Bristol", "GPE", 1),
           span(text, "Derby", "GPE", 2)]
    assert kinds(teams_in_play(text, raw)) == [
        ("Leicester", "ORG"), ("Derby", "ORG"), ("Bristol", "ORG"), ("Leeds", "GPE"),
        ("Derby", "GPE"),  # "in Derby": the town itself
        ("Bristol", "ORG"), ("Derby", "ORG")]


def test_a_country_stays_a_place_and_so_does_a_town_inside_a_longer_name() -> None:
    text = "Scotland beat Iraq. The Boston Hawks beat Denver Pilots."
    raw = [span(text, "Scotland", "GPE"), span(text, "Iraq", "GPE"),
           span(text, "Boston", "GPE"), span(text, "Denver", "GPE")]
    assert [m.label for m in teams_in_play(text, raw)] == ["GPE"] * 4


def test_the_nations_of_a_country_are_countries() -> None:
    known = knowledge()
    assert known.is_country("England") and known.is_country("Wales")
    assert not known.is_country("Kent") and known.is_region("Kent")


def test_a_town_in_news_that_is_not_about_a_match_stays_a_place() -> None:
    text = "Officials held Denver responsible. Denver drew up a plan; Leeds won the vote."
    raw = [span(text, "Denver", "GPE"), span(text, "Denver", "GPE", 1),
           span(text, "Leeds", "GPE")]
    assert [m.label for m in teams_in_play(text, raw)] == ["GPE", "GPE", "GPE"]
