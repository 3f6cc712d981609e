"""What the cleaning tests share: the dev set, the benchmark's metric, hostile inputs."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.cleaning import CleaningError
from desktop.core.models import CleanedArticle

# The repository's parent holds shared/ (samples and the extraction dev set).
SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DEV_SET = SHARED / "data" / "extraction-dev"
SEED = SHARED / "samples" / "seed-article.txt"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared beside the repository)")
    return path


@dataclass(frozen=True)
class DevPage:
    html: str
    pasted: str
    truth: str
    url: str


def dev_page(prefix: str) -> DevPage:
    """The dev-set page whose name starts with ``prefix``."""
    folder = need(DEV_SET)
    (meta,) = folder.glob(f"{prefix}*.json")
    name = meta.name.removesuffix(".json")
    record = json.loads(meta.read_text(encoding="utf-8"))
    return DevPage(
        html=gzip.decompress((folder / f"{name}.html.gz").read_bytes()).decode("utf-8"),
        pasted=(folder / f"{name}.txt").read_text(encoding="utf-8"),
        truth=record["articleBody"],
        url=record["url"],
    )


def _grams(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def four_gram_f1(output: str, truth: str) -> float:
    """The extraction benchmark's per-page score (see bench/scoring.py)."""
    got, want = _grams(output), _grams(truth)
    shared = sum((got & want).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(got.values()), shared / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def has_words(text: str, phrase: str) -> bool:
    """``phrase``'s words appear in ``text`` in a row (punctuation and spacing aside)."""
    return f" {_words(phrase)} " in f" {_words(text)} "


def key_phrases(truth: str, words: int = 10) -> tuple[str, str]:
    """The first and the last words of the true article body."""
    tokens = re.findall(r"\w+", truth)
    return " ".join(tokens[:words]), " ".join(tokens[-words:])


# Hostile inputs every cleaner must survive quickly (a result or a CleaningError).
HOSTILE: dict[str, str] = {
    "nested 100,000 deep": "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000,
    "10 MB single line": "word " * 2_000_000,
    "10 MB of sentences on one line": "The cat sat on the mat and it was fine. " * 250_000,
    "NUL bytes": "Title\x00\n\nA paragraph\x00 with NUL bytes in it, long enough to be prose.\n",
    "only NUL bytes": "\x00" * 10_000,
    "brackets": "[" * 100_000 + "x" + "]" * 100_000,
    "unclosed emphasis": "**a " * 200_000,
    "empty": "",
    "blank": " \n\t\n\r\n ",
}
HOSTILE_SECONDS = 20.0  # generous for slow CI machines; measured well under 5 s


def survives(clean: Callable[[str], CleanedArticle], text: str) -> CleanedArticle | None:
    """Run ``clean``; only CleaningError may escape, and it must finish in time."""
    start = time.monotonic()
    try:
        article: CleanedArticle | None = clean(text)
    except CleaningError as exc:
        assert str(exc), "a CleaningError must tell the user what is wrong"
        article = None
    assert time.monotonic() - start < HOSTILE_SECONDS
    if article is not None:
        assert article.blocks[0].kind.value == "headline"
        assert "\x00" not in article.text
    return article
