"""Which addresses Lectern fetches, and the one form it stores and compares."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.net.urls import BadAddress, canonical_url, looks_like_url, web_address


@pytest.mark.parametrize(("given_url", "expected"), [
    ("HTTPS://Example.COM:443/story?utm_source=news&utm_medium=mail&id=7#comments",
     "https://example.com/story?id=7"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com:8080/a?fbclid=XYZ&gclid=1&mc_cid=2&page=2",
     "http://example.com:8080/a?page=2"),
    ("https://example.com/a?q", "https://example.com/a?q"),  # a bare parameter is kept as is
    ("https://example.com/a%20b?x=1&y=%2F", "https://example.com/a%20b?x=1&y=%2F"),
])
def test_canonical_form_drops_tracking_fragment_case_and_default_port(
        given_url: str, expected: str) -> None:
    assert canonical_url(given_url) == expected


@given(st.sampled_from(["utm_source", "utm_campaign", "fbclid", "gclid", "mc_eid"]),
       st.text("abcdefgh0123456789", min_size=1, max_size=8))
def test_a_tracking_parameter_never_makes_a_second_address(name: str, value: str) -> None:
    plain = "https://news.example.org/2024/story?id=3"
    assert canonical_url(f"{plain}&{name}={value}") == canonical_url(plain)
    assert canonical_url(canonical_url(plain)) == canonical_url(plain)


@pytest.mark.parametrize("address", [
    "file:///etc/passwd", "ftp://example.com/a.html", "javascript:alert(1)",
    "data:text/html,<h1>hi</h1>", "mailto:someone@example.com", "http://", "http://host:port/",
])
def test_only_web_addresses_are_fetched(address: str) -> None:
    with pytest.raises(BadAddress) as caught:
        web_address(address)
    assert "\n" not in str(caught.value)


def test_what_counts_as_an_address() -> None:
    assert looks_like_url("https://example.com/a")
    assert looks_like_url("file:///tmp/x.html")
    assert looks_like_url("www.example.com/story")
    assert not looks_like_url("C:\\Users\\me\\story.html")  # a Windows path
    assert not looks_like_url("notes/story.html")
    assert not looks_like_url("An article: with words")
