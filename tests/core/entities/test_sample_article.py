"""Issue 15's sample article: the real model and the whole pipeline name its people,
organisations and places right (../shared/samples/seed-article.txt, read from there)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.entities.postprocess import improve
from desktop.core.entities.recognizer import Recognizer

PEOPLE = {"Trump", "Bashar al-Assad", "Farnaz Fassihi", "Falih Hassan", "Michael Crowley"}
ORGANISATIONS = {"Kataib Hezbollah", "Brookings"}
PLACES = {"Iraq", "Iran", "Syria", "Mosul"}
KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}


def test_the_sample_articles_names_have_the_right_kind(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "seed-article.txt").read_text(encoding="utf-8")
    raw = next(iter(Recognizer().analyse([text])))
    found: dict[str, set[str]] = {}
    for m in improve(text, raw):
        found.setdefault(m.text, set()).add(KIND.get(m.label, m.label))
    expected = ({n: {"person"} for n in PEOPLE} | {n: {"organisation"} for n in ORGANISATIONS}
                | {n: {"place"} for n in PLACES})
    assert {n: found.get(n) for n in expected} == expected
    # Edges: no punctuation or space at either end, but for the dots of "U.S."
    assert [t for t in found if not (t[0].isalnum() and (t[-1].isalnum() or t == "U.S."))] == []
