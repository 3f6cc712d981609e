"""Issue 15 in the window: an uncertain mention is a fainter mark whose hover text asks
("Organisations? — …"), and one fix of its kind says how many mentions it changed."""

from __future__ import annotations

from typing import Any

from desktop.core.entities.mentions import Mention
from desktop.core.entities.recognizer import installed_model
from desktop.core.entities.store import save_analysis
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.ui.features.entities.controller import EntitiesController, controller_of

BODY = ("Tarnwick wrote to the council about the ferry, and Pell Bank paid for the new quay. "
        "Pell Bank said the work would finish in spring.")
RAW = (("Tarnwick", "ORG"), ("Pell Bank", "ORG"), ("Pell Bank", "ORG"))


def add_analysed(window: Any, title: str) -> int:
    record = import_source(window.library, text_source(f"{title}\n\n{BODY}")).article
    raw: list[Mention] = []
    for phrase, label in RAW:
        start = record.text.index(phrase, raw[-1].end if raw else 0)
        raw.append(Mention(start, start + len(phrase), phrase, label))
    save_analysis(window.library, record.id, record.text, installed_model(), raw)
    return record.id


def controller(window: Any) -> EntitiesController:
    found = controller_of(window)
    assert found is not None
    return found


def marks(window: Any) -> dict[str, Any]:
    text = window.current_article.text
    return {text[s.start:s.end]: s for s in window.reader.layer("entities")}


def test_an_uncertain_mention_is_fainter_and_asks_in_its_hover_text(window: Any) -> None:
    window.open_article(add_analysed(window, "Ferry Quay Paid For"))
    shown = marks(window)
    unsure, sure = shown["Tarnwick"], shown["Pell Bank"]
    assert unsure.tooltip.startswith("Tarnwick — Organisations? — organisation, perhaps")
    assert sure.tooltip == "Pell Bank — Organisations — organisation"
    assert (unsure.format.background().color().alpha()
            < sure.format.background().color().alpha())
    panel = controller(window).panel
    names = [panel.tree.topLevelItem(0).child(i).text(0)
             for i in range(panel.tree.topLevelItem(0).childCount())]
    assert "Tarnwick ?" in names and "Pell Bank" in names
    assert "1 uncertain" in panel.status.text()


def test_one_fix_says_how_many_mentions_it_changed_and_removes_the_doubt(
        window: Any) -> None:
    first = add_analysed(window, "Ferry Quay Paid For")
    add_analysed(window, "Second Ferry Story")
    window.open_article(first)
    entities = controller(window)
    entities.panel.relabel_requested.emit("Tarnwick", "people")
    said = window.statusBar().currentMessage()
    assert said.endswith("2 mentions changed in 2 articles"), said
    assert "2 mentions changed in 2 articles" in entities.panel.status.text()
    tarnwick = marks(window)["Tarnwick"]
    assert tarnwick.tooltip == "Tarnwick — People — person"
