"""The sweep finds exactly the highlights over each piece, as the n² scan did."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.annotations.pieces import pieces


@dataclass(frozen=True)
class R:
    start: int
    end: int


def brute(ranges: list[R]) -> list[tuple[int, int, list[R]]]:
    edges = sorted({x for r in ranges for x in (r.start, r.end)})
    found = []
    for left, right in pairwise(edges):
        over = [r for r in ranges if r.start <= left and right <= r.end]
        if over:
            found.append((left, right, over))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=60))
def test_pieces_match_the_scan(raw: list[tuple[int, int]]) -> None:
    ranges = [R(s, s + n) for s, n in raw]
    assert pieces(ranges) == brute(ranges)

