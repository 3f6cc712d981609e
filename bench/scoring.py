"""The extraction benchmark's metric: word 4-gram multiset precision and recall.

Same method as the Zyte/Scrapinghub article-extraction-benchmark (see the dev set's
README): tokens are ``\\w+`` runs with case kept; precision is averaged over pages where
the cleaner returned text, recall over all pages, and F1 comes from the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
N = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + N]) for i in range(len(tokens) - N + 1))


@dataclass(frozen=True)
class PageScore:
    name: str
    precision: float | None  # None: the cleaner returned nothing for this page
    recall: float

    @property
    def f1(self) -> float:
        p = self.precision or 0.0
        return 2 * p * self.recall / (p + self.recall) if p + self.recall else 0.0


def score_page(name: str, output: str | None, truth: str) -> PageScore:
    expected = shingles(truth)
    if not output:
        return PageScore(name, None, 0.0)
    got = shingles(output)
    shared = sum((got & expected).values())
    precision = shared / sum(got.values()) if got else 0.0
    # A truth too short to hold one 4-gram is recalled perfectly by anything.
    recall = shared / sum(expected.values()) if expected else 1.0
    return PageScore(name, precision, recall)


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    pages: int
    empty: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def summarize(scores: Iterable[PageScore]) -> Summary:
    scores = list(scores)
    returned = [s.precision for s in scores if s.precision is not None]
    precision = sum(returned) / len(returned) if returned else 0.0
    recall = sum(s.recall for s in scores) / len(scores) if scores else 0.0
    return Summary(precision, recall, len(scores), len(scores) - len(returned))
