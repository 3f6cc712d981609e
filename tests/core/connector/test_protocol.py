"""The connector's checks as pure functions: any body is a SaveRequest or a Refusal,
and a browser's selection is found in the cleaned text or said not to be."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.annotations.passages import find_passage as find_selection
from desktop.core.connector.protocol import Refusal, cors_origin, host_allowed, parse_save

# A shared, loaded machine: no timing checks (the code under test is not timed here).
QUICK = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])
TEXT = ("A Plan to Widen the Old Channel\n\nThe commission’s chair said the vote would come "
        "next month.\n\n“We cannot wait,” said a fisherman — twice.\n\nThe end of the story.")


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_are_a_request_or_a_refusal(body: bytes) -> None:
    try:
        parse_save(body)
    except Refusal as refusal:
        assert refusal.status in {400, 413} and refusal.message


@QUICK
@given(st.dictionaries(st.sampled_from(["url", "html", "title", "selection", "x"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=40),
                                 st.lists(st.text(max_size=5), max_size=2)), max_size=5))
def test_any_json_object_is_a_request_or_a_refusal(data: dict[str, object]) -> None:
    try:
        request = parse_save(json.dumps(data).encode())
    except Refusal as refusal:
        assert refusal.status in {400, 413}
    else:
        assert request.url.startswith(("http://", "https://")) and request.html.strip()


@pytest.mark.parametrize(("selection", "expected"), [
    # A selection across two paragraphs: the browser puts one line break between them.
    ("next month.\n“We cannot wait,”", "next month.\n\n“We cannot wait,”"),
    # Straight quotes and a hyphen where the page (and the cleaned text) has curly ones.
    ('"We cannot wait," said a fisherman - twice', "“We cannot wait,” said a fisherman — twice"),
    ("The commission's chair", "The commission’s chair"),
    # Non-breaking spaces and stray spaces at the edges.
    ("  the\u00a0vote   would come ", "the vote would come"),
])
def test_a_selection_is_found_despite_spacing_and_typography(selection: str, expected: str
                                                             ) -> None:
    found = find_selection(TEXT, selection)
    assert isinstance(found, tuple)
    assert TEXT[found[0]:found[1]] == expected


@pytest.mark.parametrize(("selection", "why"), [
    ("", "empty"), ("   ", "empty"),
    ("Share on Facebook", "not in the article"),
    ("The", "more than once"),
])
def test_a_selection_that_cannot_be_placed_says_why(selection: str, why: str) -> None:
    found = find_selection(TEXT, selection)
    assert isinstance(found, str) and why in found


def test_regex_characters_in_a_selection_are_literal() -> None:
    text = "Title\n\nThe cost (in euros) rose by 3.5% [see table] to * levels."
    found = find_selection(text, "(in euros) rose by 3.5% [see table] to *")
    assert isinstance(found, tuple) and text[found[0]:found[1]].startswith("(in euros)")
    assert isinstance(find_selection(text, "3x5%"), str)


def test_hosts_and_origins() -> None:
    assert host_allowed("127.0.0.1:23200", 23200) and host_allowed("localhost", 23200)
    assert not host_allowed("127.0.0.1:23201", 23200)
    assert not host_allowed("lectern.example", 23200) and not host_allowed(None, 23200)
    extension = "moz-extension://6b1e3c0a-5a4f-4bd0-9a0e-2a6f8f0d1c11"
    assert cors_origin(extension, "/status") == extension
    assert cors_origin("https://a.example", "/save") == "https://a.example"
    assert cors_origin("https://a.example", "/status") is None
    assert cors_origin("null", "/save") is None and cors_origin(None, "/save") is None
