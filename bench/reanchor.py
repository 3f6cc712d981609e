"""Re-anchoring benchmark: highlights on real articles, then generated edits.

Reads the article texts of ../shared/data/extraction-dev/*.json ("articleBody")
at run time. On each article it places highlights (words, sentences, passages
across paragraphs, overlapping ones, repeated short quotes), then makes new
versions of the text: scattered insertions, deletions and replacements of up to
10% of the characters, a moved paragraph, a changed quote, and all at once. Every
character is tracked through the edits, so the true place of each quote in the
new text is known. Each highlight is re-anchored with the real code
(``reanchor_annotations``) and judged:

- correct: anchored over its true place (overlap / union >= 0.75);
- wrong: anchored anywhere else (the failure that must never happen);
- orphaned: not placed.

Run: .venv/bin/python bench/reanchor.py [--articles N] [--seed S]
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _figures import Report

from desktop.core.annotations import Annotation, reanchor_annotations
from desktop.core.annotations.anchoring import selector_for

# The shared dev pages sit beside the repository, as in CI (never copied into it).
DATA = str(Path(__file__).resolve().parents[2] / "shared/data/extraction-dev/*.json")
WORDS = ["the", "new", "report", "said", "market", "city", "government", "people", "data",
         "according", "however", "year", "officials", "research", "company", "also"]


@dataclass
class Version:
    """A text as a list of characters, each with the index it had in the original (-1: new)."""

    chars: list[str]
    origin: list[int]

    @classmethod
    def of(cls, text: str) -> Version:
        return cls(list(text), list(range(len(text))))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def insert(self, at: int, text: str) -> None:
        self.chars[at:at] = list(text)
        self.origin[at:at] = [-1] * len(text)

    def delete(self, start: int, end: int) -> None:
        del self.chars[start:end]
        del self.origin[start:end]

    def move(self, start: int, end: int, to: int) -> None:
        piece_c, piece_o = self.chars[start:end], self.origin[start:end]
        self.delete(start, end)
        to = to if to <= start else to - (end - start)
        self.chars[to:to] = piece_c
        self.origin[to:to] = piece_o


def filler(rng: random.Random, size: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:max(1, size)]


def scattered_edits(version: Version, rng: random.Random, share: float) -> None:
    """Insertions, deletions and replacements of chunks, about ``share`` of the characters."""
    budget = int(len(version.chars) * share)
    while budget > 0:
        size = min(budget, rng.choice([1, 2, 5, 12, 30, 80, 200]))
        at = rng.randrange(0, max(1, len(version.chars) - size))
        kind = rng.choice(["insert", "delete", "replace"])
        if kind != "insert":
            version.delete(at, at + size)
        if kind != "delete":
            version.insert(at, filler(rng, size))
        budget -= size


def move_paragraph(version: Version, rng: random.Random) -> None:
    text = version.text
    breaks = [i for i in range(len(text) - 1) if text[i:i + 2] == "\n\n"]
    if len(breaks) < 3:
        return
    i = rng.randrange(0, len(breaks) - 1)
    start, end = breaks[i] + 2, breaks[i + 1] + 2
    to = rng.choice([b + 2 for b in breaks if not start <= b + 2 <= end] or [0])
    version.move(start, end, to)


def change_quote(version: Version, rng: random.Random, original: Annotation) -> None:
    """Replace one word inside a highlight's quote (as an editor's correction would)."""
    positions = [i for i, o in enumerate(version.origin) if original.start <= o < original.end]
    if len(positions) < 20:
        return
    at = rng.choice(positions[5:-5])
    text = version.text
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    end = at
    while end < len(text) and not text[end].isspace():
        end += 1
    version.delete(at, end)
    version.insert(at, rng.choice(WORDS))


def make_highlights(text: str, rng: random.Random, count: int) -> list[Annotation]:
    found: list[Annotation] = []
    spaces = [i + 1 for i, c in enumerate(text) if c.isspace()] or [0]
    # a few short quotes that repeat in the article (the hard case for exact matching)
    common = [w for w in (" the ", " and ", " of ") if text.count(w) > 3]
    for n in range(count):
        if common and n % 7 == 0:
            w = rng.choice(common)
            starts = [i + 1 for i in range(len(text)) if text.startswith(w, i)]
            start = rng.choice(starts)
            end = start + len(w) - 2
        else:
            start = rng.choice(spaces)
            length = rng.choice([12, 25, 40, 80, 120, 200, 400, 900])  # 900: across paragraphs
            end = min(len(text), start + rng.randint(length // 2, length))
            if n % 5 == 1 and found:  # overlapping the previous one
                start = max(0, found[-1].start + (found[-1].end - found[-1].start) // 2)
                end = min(len(text), start + rng.randint(20, 150))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 3:
            continue
        s = selector_for(text, start, end)
        found.append(Annotation(f"{n:032x}", 1, s.exact, s.prefix, s.suffix, start, end,
                                "yellow", "", []))
    return found


def truth(version: Version, highlight: Annotation) -> tuple[float, set[int]]:
    """How much of the quote survives as one passage, and where its characters are now.

    The share is 0 when what survives is scattered (a paragraph inside the quote
    moved away): the quote is no longer one passage to find.
    """
    kept = [i for i, o in enumerate(version.origin) if highlight.start <= o < highlight.end]
    length = highlight.end - highlight.start
    if not kept or kept[-1] + 1 - kept[0] > 1.25 * length + 10:
        return 0.0, set(kept)
    return len(kept) / length, set(kept)


def judge(true_chars: set[int], got: Annotation, origin: list[int]) -> str:
    """correct: on the quote's characters (>= 75% of the anchored text is theirs) and
    covering >= 75% of them; partial: on them but covering less; wrong: otherwise."""
    if got.status != "anchored":
        return "orphaned"
    # Text inserted inside the quote's passage belongs to it too.
    inside = set(range(min(true_chars), max(true_chars) + 1)) if true_chars else set()
    fine = true_chars | {i for i in inside if origin[i] == -1}
    shared = len(fine & set(range(got.start, got.end)))
    precision = shared / max(1, got.end - got.start)
    recall = shared / max(1, len(true_chars))
    if precision < 0.75:
        return "wrong"
    return "correct" if recall >= 0.75 else "partial"


SCENARIOS = ("unchanged", "edits 2%", "edits 5%", "edits 10%", "moved paragraph",
             "changed quote", "all at once")


def new_version(text: str, scenario: str, rng: random.Random,
                highlights: list[Annotation]) -> Version:
    version = Version.of(text)
    if scenario.startswith("edits"):
        scattered_edits(version, rng, int(scenario.split()[1].rstrip("%")) / 100)
    elif scenario == "moved paragraph":
        move_paragraph(version, rng)
    elif scenario == "changed quote":
        for h in rng.sample(highlights, min(5, len(highlights))):
            change_quote(version, rng, h)
    elif scenario == "all at once":
        move_paragraph(version, rng)
        for h in rng.sample(highlights, min(3, len(highlights))):
            change_quote(version, rng, h)
        scattered_edits(version, rng, 0.05)
    return version


def main() -> int:
    report = Report.from_argv()
    quick = Report.quick()
    with report.human_text_to_stderr():
        found = measure(quick)
    if found is None:
        return 1
    survivors, all_wrong, ms_per_highlight = found
    total = sum(survivors.values())
    report.figure("re-anchoring: correct where >= 90% of the quote survives",
                  100 * survivors["correct"] / total, "%", runs=total, target=">= 98%")
    report.figure("re-anchoring: wrong where >= 90% of the quote survives",
                  100 * survivors["wrong"] / total, "%", runs=total, target="0")
    report.figure("re-anchoring: placed elsewhere, all scenarios (quotes the edits destroyed "
                  "included; see bench/ANNOTATIONS.md)", all_wrong,
                  "highlights")
    report.figure("re-anchoring time per highlight (mean)", ms_per_highlight, "ms")
    return 0


def measure(quick: bool) -> tuple[dict[str, int], int, float] | None:
    """Survivors by verdict, highlights anchored wrongly, ms per highlight."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20 if quick else 0,
                        help="how many (0: all)")
    parser.add_argument("--per-article", type=int, default=30, help="highlights per article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()
    paths = sorted(glob.glob(DATA))
    if not paths:
        print(f"no articles at {DATA}", file=sys.stderr)
        return None
    texts = [json.loads(Path(p).read_text(encoding="utf-8"))["articleBody"] for p in paths]
    texts = [t for t in texts if len(t) > 500][: args.articles or None]
    rng = random.Random(args.seed)
    table: dict[str, dict[str, int]] = {s: {} for s in SCENARIOS}
    survivors = {"correct": 0, "partial": 0, "wrong": 0, "orphaned": 0}
    all_wrong = 0
    elapsed, calls, longest = 0.0, 0, 0.0
    for text in texts:
        highlights = make_highlights(text, rng, args.per_article)
        for scenario in SCENARIOS:
            version = new_version(text, scenario, rng, highlights)
            new_text = version.text
            began = time.perf_counter()
            report = reanchor_annotations(highlights, new_text)
            took = time.perf_counter() - began
            elapsed += took
            calls += len(highlights)
            longest = max(longest, took)
            by_id = {a.id: a for a in report.annotations}
            for h in highlights:
                share, true_chars = truth(version, h)
                verdict = judge(true_chars, by_id[h.id], version.origin)
                row = table[scenario]
                row[verdict] = row.get(verdict, 0) + 1
                if share >= 0.9:
                    survivors[verdict] += 1
                all_wrong += verdict == "wrong"
                if verdict == "wrong" and args.show_wrong:
                    got = by_id[h.id]
                    first = min(true_chars, default=-1)
                    print(f"WRONG [{scenario}] {h.quote[:60]!r} -> "
                          f"{new_text[got.start:got.end][:60]!r} true={first} got="
                          f"{(got.start, got.end)} share={share:.2f}")
    print(f"{len(texts)} articles ({sum(map(len, texts)) // len(texts)} chars on average), "
          f"{args.per_article} highlights each, seed {args.seed}\n")
    print(f"{'scenario':<16}{'highlights':>11}{'correct':>9}{'partial':>9}{'orphaned':>10}"
          f"{'wrong':>7}")
    for scenario, row in table.items():
        total = sum(row.values())
        print(f"{scenario:<16}{total:>11}{row.get('correct', 0) / total:>9.1%}"
              f"{row.get('partial', 0) / total:>9.1%}"
              f"{row.get('orphaned', 0) / total:>10.1%}{row.get('wrong', 0) / total:>7.1%}")
    total = sum(survivors.values())
    print(f"\nwhere >= 90% of the quote survives as one passage ({total} highlights): "
          f"correct {survivors['correct'] / total:.2%}, partial "
          f"{survivors['partial'] / total:.2%}, orphaned "
          f"{survivors['orphaned'] / total:.2%}, wrong {survivors['wrong'] / total:.2%}")
    print(f"anchored wrongly, all scenarios: {all_wrong}")
    print(f"time: {elapsed / calls * 1000:.2f} ms per highlight on average; "
          f"slowest article re-anchoring {longest * 1000:.0f} ms")
    big_article(texts, rng)
    return survivors, all_wrong, elapsed / calls * 1000


def big_article(texts: list[str], rng: random.Random) -> None:
    """Speed on a ~100 KB article (the real ones joined): 200 highlights, 5% edits."""
    text = "\n\n".join(texts)[:100_000]
    highlights = make_highlights(text, rng, 200)
    version = new_version(text, "edits 5%", rng, highlights)
    began = time.perf_counter()
    report = reanchor_annotations(highlights, version.text)
    took = time.perf_counter() - began
    by_id = {a.id: a for a in report.annotations}
    verdicts = [judge(truth(version, h)[1], by_id[h.id], version.origin) for h in highlights]
    print(f"\n100 KB article, {len(highlights)} highlights, 5% edits: re-anchored in "
          f"{took * 1000:.0f} ms ({took / len(highlights) * 1000:.1f} ms each); correct "
          f"{verdicts.count('correct')}, orphaned {verdicts.count('orphaned')}, wrong "
          f"{verdicts.count('wrong')}")


if __name__ == "__main__":
    raise SystemExit(main())
