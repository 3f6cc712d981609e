"""A mention: one span of an article's cleaned text that names something."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True, order=True)
class Mention:
    """Text offsets [start, end) into the cleaned text, and the model's label (e.g. PERSON).

    ``uncertain``: the evidence for the label is weak or conflicting; the reader
    shows such a mention fainter, its kind with a question mark.
    """

    start: int
    end: int
    text: str
    label: str
    uncertain: bool = False

    @property
    def key(self) -> str:
        return entity_key(self.text)

    def relabelled(self, label: str, uncertain: bool | None = None) -> Mention:
        return replace(self, label=label,
                       uncertain=self.uncertain if uncertain is None else uncertain)

    def marked_uncertain(self, uncertain: bool = True) -> Mention:
        return self if self.uncertain == uncertain else replace(self, uncertain=uncertain)


def entity_key(text: str) -> str:
    """What mentions of "the same entity" share: the text with its whitespace normalised."""
    return " ".join(text.split())


def mention_at(text: str, start: int, end: int, label: str) -> Mention:
    return Mention(start, end, text[start:end], label)


def overlaps(a: Mention, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def sorted_unique(mentions: Iterable[Mention]) -> list[Mention]:
    """Sorted by position; where spans overlap, the earlier (then longer) one wins."""
    result: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.end <= m.start:
            continue
        if result and m.start < result[-1].end:
            continue
        result.append(m)
    return result


def to_rows(mentions: Iterable[Mention]) -> list[list[object]]:
    return [[m.start, m.end, m.label] for m in mentions]


def from_rows(text: str, rows: Iterable[list[object]]) -> list[Mention]:
    found: list[Mention] = []
    for start, end, label in rows:
        s, e = int(str(start)), int(str(end))
        found.append(Mention(s, e, text[s:e], str(label)))
    return found


class Taken:
    """Spans already taken, for "does this span overlap any of them?" without
    checking every one (a long article has thousands of mentions)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        # Only spans starting before end can overlap, and of those only the ones
        # starting within the longest span's length before start can reach it.
        i = bisect_left(self._spans, (end, end))
        while i > 0:
            i -= 1
            s, e = self._spans[i]
            if s + self._longest <= start:
                return False
            if e > start:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)
