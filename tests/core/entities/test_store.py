"""Storage of entities per article: freshness, recompute triggers, summaries."""

from __future__ import annotations

import json

from desktop.core.entities.mentions import Mention
from desktop.core.entities.recognizer import ModelIdentity
from desktop.core.entities.store import (
    Freshness,
    articles_mentioning,
    articles_needing_analysis,
    entities_by_category,
    freshness,
    save_analysis,
    set_enabled_categories,
    stored_mentions,
)
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

MODEL = ModelIdentity("test-model", "1")
BODY = ("Mira Castell told the Harbour Board on Tuesday that Castell would stay in office "
        "for another term, whatever the council decided about the new ferry terminal. "
        "The Harbour Board agreed after a long evening of questions from the fishermen. "
        "Lisbon cheered the news, and 40 boats sailed out of the port in celebration. "
        "Castell thanked the crews who had waited all afternoon for the decision.")


def analysed(library: Library, body: str = BODY, title: str = "Port Town Keeps Its Mayor",
             ) -> tuple[int, str]:
    record = import_source(library, text_source(f"{title}\n\n{body}")).article
    text = record.text
    raw: list[Mention] = []
    for phrase, label in (("Mira Castell", "PERSON"), ("Harbour Board", "ORG"),
                          ("Tuesday", "DATE"), ("Castell", "ORG"), ("Lisbon", "GPE"),
                          ("40", "CARDINAL")):
        start = text.index(phrase, raw[-1].end if raw else 0)
        raw.append(Mention(start, start + len(phrase), phrase, label))
    save_analysis(library, record.id, text, MODEL, raw)
    return record.id, text


def test_stored_results_are_post_processed(library: Library) -> None:
    article_id, text = analysed(library)
    found = stored_mentions(library, article_id, text)
    assert found is not None
    labels = {(m.text, m.label) for m in found}
    assert ("Castell", "PERSON") in labels  # surname inherits person
    assert ("Harbour Board", "ORG") in labels  # added later mention, same text


def test_freshness_follows_model_and_text(library: Library) -> None:
    article_id, text = analysed(library)
    assert freshness(library, article_id, text, MODEL) is Freshness.CURRENT
    assert freshness(library, article_id, text, ModelIdentity("test-model", "2")) is (
        Freshness.STALE_MODEL)
    assert freshness(library, article_id, text + " More.", MODEL) is Freshness.STALE_TEXT
    assert stored_mentions(library, article_id, text + " More.") is None
    assert articles_needing_analysis(library, MODEL) == []
    assert articles_needing_analysis(library, ModelIdentity("other", "1")) == [article_id]


def test_a_new_pipeline_reprocesses_from_raw_without_the_model(library: Library) -> None:
    article_id, text = analysed(library)
    library.conn.execute("UPDATE entity_analyses SET pipeline = 'v0:old'")
    raw = json.loads(library.conn.execute("SELECT raw_json FROM entity_analyses").fetchone()[0])
    assert stored_mentions(library, article_id, text) is not None
    row = library.conn.execute("SELECT pipeline, raw_json FROM entity_analyses").fetchone()
    assert row[0] != "v0:old" and json.loads(row[1]) == raw


def test_unanalysed_and_new_articles_need_analysis(library: Library) -> None:
    record = import_source(library, text_source("Fresh Headline Here\n\n" + BODY)).article
    assert record.id in articles_needing_analysis(library, MODEL)
    assert entities_by_category(library, record.id) == {}
    assert entities_by_category(library, 9999) == {}


def test_entities_by_category_contract(library: Library) -> None:
    article_id, _text = analysed(library)
    result = entities_by_category(library, article_id)
    assert list(result) == ["People", "Organisations", "Places", "Dates and times"]
    assert result["People"] == ["Castell", "Mira Castell"]  # most frequent first
    assert result["Organisations"] == ["Harbour Board"]
    assert "Numbers and money" not in result  # off by default
    set_enabled_categories(library, frozenset({"people", "numbers"}))
    assert entities_by_category(library, article_id) == {
        "People": ["Castell", "Mira Castell"], "Numbers and money": ["40"],
    }


def test_entities_by_category_applies_corrections(library: Library) -> None:
    from desktop.core.entities.corrections import set_correction

    article_id, _text = analysed(library)
    set_correction(library, "Lisbon", "remove")
    set_correction(library, "Harbour Board", "relabel", "GPE")
    result = entities_by_category(library, article_id)
    assert all("Lisbon" not in texts for texts in result.values())
    assert result["Places"] == ["Harbour Board"]


def test_articles_mentioning_lists_every_article(library: Library) -> None:
    first, _ = analysed(library)
    second, _ = analysed(library, BODY.replace("all afternoon", "all evening"),
                         title="Second Port Story")
    third = import_source(library,
        text_source("Unrelated Things Happen\n\n" + BODY.replace("Harbour Board", "board")
                    .replace("Lisbon", "Faro"))).article.id
    found = {a.article_id: a.count for a in articles_mentioning(library, "Harbour Board")}
    assert found == {first: 1, second: 1}
    assert {a.article_id for a in articles_mentioning(library, "Lisbon")} == {first, second}
    assert third not in found


def test_articles_mentioning_follows_add_and_remove_corrections(library: Library) -> None:
    from desktop.core.entities.corrections import set_correction

    first, _ = analysed(library)
    set_correction(library, "boats", "add", "PRODUCT")
    assert [a.article_id for a in articles_mentioning(library, "boats")] == [first]
    set_correction(library, "Lisbon", "remove")
    assert articles_mentioning(library, "Lisbon") == []


def test_deleting_an_article_deletes_its_entities(library: Library) -> None:
    article_id, _ = analysed(library)
    library.delete_article(article_id)
    count = library.conn.execute("SELECT COUNT(*) FROM entity_mentions").fetchone()[0]
    assert count == 0
