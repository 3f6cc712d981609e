"""Corrections: stored, applied library-wide (now and for future imports), undoable."""

from __future__ import annotations

import pytest

from desktop.core.entities.corrections import (
    BadCorrection,
    apply_corrections,
    correction_for,
    delete_correction,
    list_corrections,
    put_correction,
    set_correction,
)
from desktop.core.entities.mentions import Mention
from desktop.core.entities.recognizer import ModelIdentity
from desktop.core.entities.store import article_entities, save_analysis
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

MODEL = ModelIdentity("test-model", "1")


def add_article(library: Library, body: str, title: str = "A Headline Here") -> tuple[int, str]:
    record = import_source(library, text_source(f"{title}\n\n{body}")).article
    return record.id, record.text


def mention(text: str, phrase: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Mention(start, start + len(phrase), phrase, label)


def test_corrections_persist_across_reopening(library: Library) -> None:
    set_correction(library, "Brookings", "relabel", "ORG")
    set_correction(library, "  Green   Zone ", "remove")
    path = library.path
    library.close()
    reopened = Library.open(path)
    try:
        found = {(c.text, c.action, c.label) for c in list_corrections(reopened)}
    finally:
        reopened.close()
    assert found == {("Brookings", "relabel", "ORG"), ("Green Zone", "remove", "")}


def test_bad_corrections_are_refused_with_a_message(library: Library) -> None:
    with pytest.raises(BadCorrection, match="category"):
        set_correction(library, "Brookings", "relabel", "")
    with pytest.raises(BadCorrection, match="text"):
        set_correction(library, "   ", "remove")
    assert list_corrections(library) == []


def test_correction_applies_to_every_article_and_future_imports(library: Library) -> None:
    first_id, first = add_article(library, "Analysts at Brookings disagreed with the plan.")
    save_analysis(library, first_id, first, MODEL, [mention(first, "Brookings", "GPE")])
    set_correction(library, "Brookings", "relabel", "ORG")
    # An article imported (and analysed) after the correction gets it too.
    second_id, second = add_article(library, "Brookings later published a long report.",
                                    title="Another Headline Entirely")
    save_analysis(library, second_id, second, MODEL, [mention(second, "Brookings", "GPE")])
    for article_id, text in ((first_id, first), (second_id, second)):
        labels = {(m.text, m.label) for m in article_entities(library, article_id, text) or []}
        assert ("Brookings", "ORG") in labels


def test_add_marks_every_occurrence_and_wins_over_overlaps(library: Library) -> None:
    article_id, text = add_article(
        library, "The Kestrel Array went live. Engineers praised Kestrel Array twice.")
    save_analysis(library, article_id, text, MODEL, [mention(text, "Engineers", "NORP")])
    set_correction(library, "Kestrel Array", "add", "PRODUCT")
    result = article_entities(library, article_id, text) or []
    assert [(m.text, m.label) for m in result if m.label == "PRODUCT"] == [
        ("Kestrel Array", "PRODUCT"), ("Kestrel Array", "PRODUCT"),
    ]
    assert all(text[m.start:m.end] == m.text for m in result)


def test_remove_then_undo_by_restoring_what_was_there(library: Library) -> None:
    set_correction(library, "Tovar", "relabel", "PERSON")
    previous = set_correction(library, "Tovar", "remove")
    assert previous is not None and previous.label == "PERSON"
    assert correction_for(library, "Tovar").action == "remove"
    put_correction(library, previous)  # undo
    restored = correction_for(library, "Tovar")
    assert restored is not None and (restored.action, restored.label) == ("relabel", "PERSON")
    removed = delete_correction(library, "Tovar")  # undo of the first correction
    assert removed == restored and correction_for(library, "Tovar") is None


def test_apply_corrections_is_pure_and_drops_removed() -> None:
    text = "Orla Venn met Venn Partners."
    mentions = [mention(text, "Orla Venn", "PERSON"), mention(text, "Venn Partners", "ORG")]
    from desktop.core.entities.corrections import Correction

    result = apply_corrections(text, mentions, [Correction("Venn Partners", "remove")])
    assert [m.text for m in result] == ["Orla Venn"]
    assert len(mentions) == 2


def test_a_name_the_reader_corrected_is_never_dropped_as_unlikely(library: Library) -> None:
    """A one-word person never named in full is not shown (more likely wrong than right),
    unless the reader has given that name a kind: then it shows, in every article, and
    disappears again when the correction is undone."""
    body = "Tarnwick spoke to the crowd for an hour on Tuesday."
    article_id, text = add_article(library, body)
    save_analysis(library, article_id, text, MODEL, [mention(text, "Tarnwick", "PERSON")])
    assert [m.text for m in article_entities(library, article_id, text) or []] == []
    set_correction(library, "Tarnwick", "relabel", "ORG")
    shown = [(m.text, m.label, m.uncertain)
             for m in article_entities(library, article_id, text) or []]
    assert shown == [("Tarnwick", "ORG", False)]
    other_id, other = add_article(library, "Tarnwick answered the next day.",
                                  title="Another Headline Entirely")
    save_analysis(library, other_id, other, MODEL, [mention(other, "Tarnwick", "PERSON")])
    assert [m.label for m in article_entities(library, other_id, other) or []] == ["ORG"]
    delete_correction(library, "Tarnwick")
    assert article_entities(library, article_id, text) == []
