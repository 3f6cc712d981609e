"""Entities found in an article reach the front matter, by category."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from export_fixtures import add_article, store_for

from desktop.core.entities.mentions import Mention
from desktop.core.entities.recognizer import installed_model
from desktop.core.entities.store import entities_by_category, save_analysis
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter


def test_entities_by_category_in_front_matter(library: Any, tmp_path: Path) -> None:
    paragraphs = ["Ada Lovelace wrote to Charles Babbage from London.",
                  "Later Ada Lovelace returned to London."]
    article_id = add_article(library, title="Letters", paragraphs=paragraphs)
    text = library.article(article_id).text
    mentions = []
    for name, label in (("Ada Lovelace", "PERSON"), ("Charles Babbage", "PERSON"),
                        ("London", "GPE")):
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name, label))
            start = text.find(name, start + 1)
    save_analysis(library, article_id, text, installed_model(), mentions)
    expected = entities_by_category(library, article_id)
    assert expected  # the entities package sees them

    report = Exporter(library, load_template("default", None), store_for(library)).export(
        [article_id], tmp_path)
    front = yaml.safe_load(report.files[0].path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["entities"] == expected
    people = next(v for k, v in front["entities"].items() if "Ada Lovelace" in v)
    assert people[0] == "Ada Lovelace"  # most frequent first
