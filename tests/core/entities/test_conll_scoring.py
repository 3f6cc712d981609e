"""The CoNLL-2003 bench's arithmetic (bench/entity_quality_conll.py): reading,
detokenising, gold spans, document splitting and scoring. CoNLL-format text
written for the test; the real test set is not needed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from desktop.core.entities.mentions import Mention

BENCH = Path(__file__).resolve().parents[3] / "bench" / "entity_quality_conll.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("entity_quality_conll", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


conll = _load()

SAMPLE = """-DOCSTART- -X- -X- O

RIVERTON NNP B-NP B-ORG
WINS VBZ B-VP O
. . O O

VELMORA NNP B-NP B-LOC
1999-01-02 CD I-NP O

Ida NNP B-NP B-PER
Brandt NNP I-NP I-PER
's POS B-NP O
team NN I-NP O
( ( O O
Riverton NNP B-NP B-ORG
Rovers NNP I-NP I-ORG
) ) O O
won VBD B-VP O
$ $ B-NP O
5 CD I-NP O
, , O O
" " O O
easily RB B-ADVP O
" " O O
. . O O

-DOCSTART- -X- -X- O

Tomas NNP B-NP I-PER
Ferreira NNP I-NP I-PER
met NN I-NP O
Velmoran NNP I-NP I-MISC
Lund NNP I-NP I-LOC
Bay NNP I-NP I-LOC
people NNS I-NP O
"""


def test_reads_sentences_and_document_starts() -> None:
    sentences, starts = conll.read_conll(SAMPLE)
    assert [len(s) for s in sentences] == [3, 2, 16, 7]
    assert starts == {0, 3}
    assert [len(d) for d in conll.split_documents(sentences, starts)] == [3, 1]


def test_detokenises_with_offsets_of_each_word() -> None:
    words = ["Ida", "Brandt", "'s", "team", "(", "Riverton", ")", "won", "$", "5", ",",
             '"', "easily", '"', "."]
    text, offsets = conll.detokenise(words)
    assert text == 'Ida Brandt\'s team (Riverton) won $5, "easily".'
    assert [text[a:b] for a, b in offsets] == words


def test_gold_spans_keep_entities_in_the_rebuilt_article() -> None:
    sentences, starts = conll.read_conll(SAMPLE)
    first, second = conll.split_documents(sentences, starts)
    text, gold = conll.document(first)
    assert text.split("\n\n") == [
        "RIVERTON WINS.", "VELMORA 1999-01-02",
        'Ida Brandt\'s team (Riverton Rovers) won $5, "easily".',
    ]
    assert sorted((text[a:b], kind) for a, b, kind in gold) == [
        ("Ida Brandt", "PER"), ("RIVERTON", "ORG"), ("Riverton Rovers", "ORG"),
        ("VELMORA", "LOC"),
    ]
    # IOB1 (the original CoNLL-2003 tags): I- after another type starts an entity.
    text, gold = conll.document(second)
    assert sorted(text[a:b] + "/" + kind for a, b, kind in gold) == [
        "Lund Bay/LOC", "Tomas Ferreira/PER", "Velmoran/MISC"]


def test_documents_split_at_datelines_without_docstart() -> None:
    lines = [line for line in SAMPLE.splitlines() if not line.startswith("-DOCSTART-")]
    text = "\n".join(lines) + "\n\nNEXT NNP B-NP O\nSTORY NN I-NP O\n\n"
    text += "Nora NNP B-NP B-PER\nVance NNP I-NP I-PER\n\n"  # a byline
    text += "OSTRAND NNP B-NP B-LOC\n, , O O\nVelmora NNP B-NP B-LOC\n1999-01-03 CD I-NP O\n"
    sentences, starts = conll.read_conll(text)
    assert not starts
    documents = conll.split_documents(sentences, starts)
    # A headline starts a document only when a dateline follows it (a byline may
    # come between), so the IOB1 sentence stays in the first document here.
    assert [" ".join(w for w, _ in d[0]) for d in documents] == ["RIVERTON WINS .", "NEXT STORY"]
    assert [len(d) for d in documents] == [4, 3]


def test_exact_span_and_type_scoring() -> None:
    gold = [{(0, 5, "PER"), (10, 15, "LOC"), (20, 25, "MISC")}, {(0, 3, "ORG")}]
    found = [conll.predicted([
        Mention(0, 5, "", "PERSON"),  # right
        Mention(10, 14, "", "GPE"),  # wrong span
        Mention(20, 25, "", "NORP"),  # right: NORP is MISC
        Mention(30, 34, "", "DATE"),  # not scored
    ]), conll.predicted([Mention(0, 3, "", "GPE")])]  # wrong type
    counts = conll.count(gold, found)
    assert counts == {"PER": (1, 1, 1), "ORG": (0, 0, 1), "LOC": (0, 2, 1), "MISC": (1, 1, 1)}
    p, r, f = conll.prf(counts, ("PER", "ORG", "LOC"))
    assert (p, r) == (1 / 3, 1 / 3)
    assert abs(f - 1 / 3) < 1e-12
    p, r, f = conll.prf(counts, conll.TYPES)
    assert (p, r, round(f, 6)) == (0.5, 0.5, 0.5)
