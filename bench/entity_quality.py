"""Entity quality: span-level precision/recall/F1 of the raw model and of each
post-processing step, on a hand-annotated set written for Lectern.

    .venv/bin/python bench/entity_quality.py [-v] [--json] [--quick]

A span counts when its start, end and category (People, Places, ...) all match;
"Numbers and money" is not scored. The standard news NER test set (CoNLL-2003,
not in the repository) is measured by bench/entity_quality_conll.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.entities.categories import category_for
from desktop.core.entities.mentions import Mention
from desktop.core.entities.postprocess import DEFAULT_STEPS, STEPS, improve
from desktop.core.entities.recognizer import Recognizer

GOLD = Path(__file__).resolve().parent / "data" / "entity_gold.txt"
MARK = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
Span = tuple[int, int, str]


def load_gold(path: Path = GOLD) -> list[tuple[str, set[Span]]]:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    documents = []
    for chunk in "\n".join(lines).split("\n=====\n"):
        text, spans, pos = "", set(), 0
        for match in MARK.finditer(chunk):
            text += chunk[pos:match.start()]
            start = len(text)
            text += match.group(1)
            spans.add((start, len(text), _category(match.group(2))))
            pos = match.end()
        text += chunk[pos:]
        documents.append((text.strip("\n"), spans))
    return documents


def _category(label: str) -> str:
    category = category_for(label)
    return category.key if category else "none"


def scored(mentions: list[Mention]) -> set[Span]:
    return {(m.start, m.end, c) for m in mentions
            if (c := _category(m.label)) not in ("numbers", "none")}


def prf(gold: list[set[Span]], found: list[set[Span]]) -> tuple[float, float, float]:
    tp = sum(len(g & f) for g, f in zip(gold, found, strict=True))
    n_found, n_gold = sum(map(len, found)), sum(map(len, gold))
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _figures(name: str, p: float, r: float, f: float) -> list[dict[str, object]]:
    return [{"figure": f"hand-annotated set, {name}: {what} (exact span and category)",
             "median": round(value, 3), "low": round(value, 3), "high": round(value, 3),
             "unit": unit, "runs": 1, "precision": round(p, 3), "recall": round(r, 3)}
            for what, value, unit in (("precision", p, "P"), ("F1", f, "F1"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true", help="list every missed and wrong span")
    parser.add_argument("--json", action="store_true", help="figures as JSON lines")
    parser.add_argument("--quick", action="store_true", help="(accepted; the bench is quick)")
    args = parser.parse_args(argv)
    log = sys.stderr if args.json else sys.stdout
    documents = load_gold()
    texts = [t for t, _ in documents]
    gold = [g for _, g in documents]
    raw = list(Recognizer().analyse(texts))
    print(f"{len(documents)} documents, {sum(map(len, gold))} gold entities "
          f"({sum(len(t.split()) for t in texts)} words)", file=log)
    rows: list[tuple[str, tuple[str, ...]]] = [("raw model", ())]
    rows += [(f"raw + {name} only", (name,)) for name in STEPS]
    rows += [(f"pipeline up to {name}", tuple(DEFAULT_STEPS[:i + 1]))
             for i, name in enumerate(DEFAULT_STEPS)]
    rows += [(f"all but {name}", tuple(s for s in DEFAULT_STEPS if s != name))
             for name in DEFAULT_STEPS]
    rows += [(f"all + {name} (not default)", (*DEFAULT_STEPS, name))
             for name in STEPS if name not in DEFAULT_STEPS]
    print(f"{'configuration':<38} {'P':>6} {'R':>6} {'F1':>6}", file=log)
    figures = []
    for title, steps in rows:
        found = [scored(improve(t, list(r), steps)) for t, r in zip(texts, raw, strict=True)]
        p, r, f = prf(gold, found)
        print(f"{title:<38} {p:6.3f} {r:6.3f} {f:6.3f}", file=log)
        if steps in ((), DEFAULT_STEPS):
            figures += _figures("raw model" if not steps else "all marks", p, r, f)
    if args.v:
        for text, g, r in zip(texts, gold, raw, strict=True):
            found = scored(improve(text, list(r)))
            for s in sorted(g - found):
                print("  missed", repr(text[s[0]:s[1]]), s[2], file=log)
            for s in sorted(found - g):
                print("  wrong ", repr(text[s[0]:s[1]]), s[2], file=log)
    if args.json:
        for figure in figures:
            print(json.dumps(figure))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
