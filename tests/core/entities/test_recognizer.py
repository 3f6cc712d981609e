"""The real model, NER only, batched; offsets into the text it was given."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.core.entities.analysis import analyse_articles
from desktop.core.entities.recognizer import Recognizer, installed_model, split_text
from desktop.core.entities.store import Freshness, freshness
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "seed-article.txt"


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    """The real model, loaded once for these tests (about a second)."""
    r = Recognizer()
    r.load()
    return r


TEXTS = [
    "Angela Merkel visited Paris on Monday to meet officials of the European Union.",
    "Toyota opened a factory in Kentucky.",
    "",
]


def test_only_ner_is_loaded_and_offsets_match(recognizer: Recognizer) -> None:
    assert recognizer.load().pipe_names == ["ner"]
    results = list(recognizer.analyse(TEXTS, batch_size=2))
    assert len(results) == 3 and results[2] == []
    for text, mentions in zip(TEXTS, results, strict=True):
        for m in mentions:
            assert text[m.start:m.end] == m.text
    first = {(m.text, m.label) for m in results[0]}
    assert ("Angela Merkel", "PERSON") in first and ("Paris", "GPE") in first


def test_numpy_products_find_exactly_the_entities_of_the_default_model(
        recognizer: Recognizer) -> None:
    # Lectern multiplies matrices with numpy's OpenBLAS (1.3x the words per
    # second here); the model's answers must not change with it.
    import spacy

    from desktop.core.entities.recognizer import NON_NER

    sample = SEED.read_text(encoding="utf-8") if SEED.exists() else " ".join(TEXTS) * 40
    default = spacy.load(recognizer.package, exclude=NON_NER)
    assert any(getattr(n.ops, "use_blis", False) for n in default.get_pipe("ner").model.walk())  # type: ignore[attr-defined]
    assert not any(getattr(n.ops, "use_blis", False)
                   for n in recognizer.load().get_pipe("ner").model.walk())
    ours = [(m.start, m.end, m.label) for m in next(recognizer.analyse([sample]))]
    theirs = [(e.start_char, e.end_char, e.label_) for e in default(sample).ents]
    assert len(ours) > 20 and ours == theirs


def test_identity_comes_from_package_metadata() -> None:
    identity = installed_model()
    assert identity.name == "en_core_web_sm" and identity.version[0].isdigit()


def test_long_texts_are_split_at_block_breaks() -> None:
    text = ("Word " * 30 + "\n\n") * 10
    pieces = split_text(text, limit=400)
    assert "".join(p for _o, p in pieces) == text
    assert all(len(p) <= 400 for _o, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _o, p in pieces[:-1])


def test_offsets_hold_across_chunks(recognizer: Recognizer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import desktop.core.entities.recognizer as module

    monkeypatch.setattr(module, "CHUNK_CHARS", 120)
    text = "\n\n".join(["Barack Obama spoke in Chicago about the economy."] * 6)
    [mentions] = list(recognizer.analyse([text]))
    assert sum(1 for m in mentions if m.text == "Chicago") == 6
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_analyse_articles_stores_and_skips_current(library: Library,
                                                   recognizer: Recognizer) -> None:
    ids = [import_source(library, text_source(f"Headline Number {i}\n\n{t}")).article.id
           for i, t in enumerate(TEXTS[:2])]
    progress: list[tuple[int, int]] = []
    done = analyse_articles(library, ids, recognizer, lambda d, t, _a: progress.append((d, t)))
    assert done == ids and progress == [(1, 2), (2, 2)]
    for article_id in ids:
        text = library.article(article_id).text
        assert freshness(library, article_id, text) is Freshness.CURRENT
    assert analyse_articles(library, ids, recognizer) == []


def test_window_modules_do_not_import_spacy() -> None:
    # Reading stored entities must never pull in spaCy (0.4 s) on the window's path.
    import subprocess

    code = ("import sys, desktop.core.entities.store, desktop.core.entities.worker; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_missing_model_is_a_clear_user_error() -> None:
    from desktop.core.entities.recognizer import ModelMissing
    from desktop.core.errors import LecternError

    with pytest.raises(ModelMissing, match="cannot be loaded") as caught:
        list(Recognizer("no_such_model_package").analyse(["Paris"]))
    assert isinstance(caught.value, LecternError)
