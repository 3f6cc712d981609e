"""How often a mark is right, by the reason its evidence is thin (CoNLL-2003).

    .venv/bin/python bench/entity_doubt.py [--set valid|test] [--examples N] [--json]

The measurement behind desktop/core/entities/doubt.py: every mention as it
reaches the ``doubt`` step is given its reason (or none), and counted right
when its span and kind match the gold set exactly. A reason right at least
about half the time leaves the mark shown as uncertain; one right less often
than not (``UNLIKELY``) is not shown. Chosen on validation (testa) only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.conll_data import conll_file
from bench.entity_quality_conll import (
    TO_CONLL,
    _raw_mentions,
    document,
    read_conll,
    split_documents,
)
from desktop.core.entities.doubt import UNLIKELY, doubt_reasons
from desktop.core.entities.postprocess import DEFAULT_STEPS, improve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["valid", "test"], default="valid")
    parser.add_argument("--examples", type=int, default=0, help="wrong names shown per reason")
    parser.add_argument("--json", action="store_true", help="share right per reason, JSON lines")
    parser.add_argument("--quick", action="store_true", help="(accepted; the bench is quick)")
    args = parser.parse_args(argv)
    sentences, starts = read_conll(conll_file(args.set).read_text(encoding="utf-8"))
    built = [document(d) for d in split_documents(sentences, starts)]
    texts = [t for t, _ in built]
    raw = _raw_mentions(args.set, texts)
    before_doubt = DEFAULT_STEPS[:DEFAULT_STEPS.index("doubt")]
    seen: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    wrong: dict[tuple[str, str], Counter[str]] = {}
    for (text, gold), found in zip(built, raw, strict=True):
        mentions = improve(text, list(found), before_doubt)
        for m, reason in zip(mentions, doubt_reasons(text, mentions), strict=True):
            kind = TO_CONLL.get(m.label)
            if kind not in ("PER", "ORG", "LOC"):
                continue
            key = (reason or "no doubt: shown sure", kind)
            seen[key] += 1
            if (m.start, m.end, kind) in gold:
                right[key] += 1
            else:
                wrong.setdefault(key, Counter())[m.key] += 1
    log = sys.stderr if args.json else sys.stdout
    print(f"CoNLL-2003 {args.set}: marks by reason (PER, ORG, LOC)", file=log)
    for key in sorted(seen):
        reason, kind = key
        fate = "not shown" if reason in UNLIKELY else ("sure" if "sure" in reason else "uncertain")
        line = f"{reason:<55} {kind:<4} {seen[key]:5}  right {right[key] / seen[key]:.2f}  {fate}"
        if args.examples and key in wrong:
            line += "  e.g. " + ", ".join(n for n, _ in wrong[key].most_common(args.examples))
        print(line, file=log)
    if args.json:
        for reason in sorted({r for r, _ in seen}):
            n = sum(v for (r, _), v in seen.items() if r == reason)
            share = sum(v for (r, _), v in right.items() if r == reason) / n
            fate = "not shown" if reason in UNLIKELY else "shown"
            print(json.dumps({"figure": f"CoNLL-2003 {args.set}: marks right, {reason} ({fate})",
                              "median": round(share, 3), "low": round(share, 3),
                              "high": round(share, 3), "unit": "share", "runs": 1,
                              "marks": n}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
