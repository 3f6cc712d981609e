"""Issue 15: one fix of a kind applies to the whole library and says how many mentions
it changed; the uncertain flag is stored with each mention and read back."""

from __future__ import annotations

from desktop.core.entities.corrections import correction_effect, set_correction
from desktop.core.entities.mentions import Mention
from desktop.core.entities.recognizer import ModelIdentity
from desktop.core.entities.store import article_entities, save_analysis, stored_mentions
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

MODEL = ModelIdentity("test-model", "1")


def analysed(library: Library, body: str, *items: tuple[str, str]) -> tuple[int, str]:
    record = import_source(library, text_source(f"A Headline Here\n\n{body}")).article
    raw, pos = [], 0
    for phrase, label in items:
        start = record.text.index(phrase, pos)
        raw.append(Mention(start, start + len(phrase), phrase, label))
        pos = start + len(phrase)
    save_analysis(library, record.id, record.text, MODEL, raw, steps=())
    return record.id, record.text


def test_a_relabel_counts_the_mentions_it_changes_across_articles(library: Library) -> None:
    analysed(library, "Halloran spoke. Halloran left.", ("Halloran", "ORG"), ("Halloran", "ORG"))
    analysed(library, "Then Halloran came back.", ("Halloran", "PERSON"))
    effect = correction_effect(library, "Halloran", "relabel", "PERSON")
    assert (effect.mentions, effect.articles) == (2, 1)
    assert effect.describe() == "2 mentions changed in 1 article"
    set_correction(library, "Halloran", "relabel", "PERSON")
    again = correction_effect(library, "Halloran", "relabel", "PERSON")
    assert again.describe() == "no mention changed"


def test_removing_counts_every_mention_and_adding_counts_unmarked_ones(
        library: Library) -> None:
    analysed(library, "Velmor and Velmor.", ("Velmor", "GPE"))
    analysed(library, "Velmor again.")
    assert correction_effect(library, "Velmor", "remove").describe() == (
        "1 mention changed in 1 article")
    added = correction_effect(library, "Velmor", "add", "GPE")
    assert (added.mentions, added.articles) == (2, 2)  # the second of the first, and one more


def test_the_uncertain_flag_is_stored_and_read_back(library: Library) -> None:
    article_id, text = analysed(library, "Tarnwick sued Pell Bank.",
                                ("Tarnwick", "ORG"), ("Pell Bank", "ORG"))
    record = library.article(article_id)
    save_analysis(library, article_id, record.text, MODEL,
                  [Mention(text.index("Tarnwick"), text.index("Tarnwick") + 8, "Tarnwick", "ORG"),
                   Mention(text.index("Pell"), text.index("Pell") + 9, "Pell Bank", "ORG")])
    stored = stored_mentions(library, article_id, text) or []
    assert [(m.text, m.uncertain) for m in stored] == [("Tarnwick", True), ("Pell Bank", False)]
    set_correction(library, "Tarnwick", "relabel", "PERSON")
    shown = article_entities(library, article_id, text) or []
    assert [(m.text, m.label, m.uncertain) for m in shown][:1] == [("Tarnwick", "PERSON", False)]
