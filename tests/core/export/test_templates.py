"""Presets ship; users add their own; bad templates give a clear message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from export_fixtures import PARAGRAPHS, add_article, store_for
from export_readback import split_front_matter
from markdown_it import MarkdownIt

from desktop.core.export.templates import (
    PRESETS,
    TemplateProblem,
    available_templates,
    load_template,
    preset_folder,
)
from desktop.core.export.writer import Exporter

README = preset_folder() / "README.md"


def _export(library: Any, template: str, folder: Path, user: Path | None = None) -> str:
    store = store_for(library)
    article_id = add_article(library)
    text = library.article(article_id).text
    start = text.index(PARAGRAPHS[0])
    store.create(article_id, start, start + len(PARAGRAPHS[0]), note="*my* note",
                 tags=["method"])
    library.save_note(article_id, "Free **notes**")
    report = Exporter(library, load_template(template, user), store).export([article_id], folder)
    return report.files[0].path.read_text(encoding="utf-8")


def test_three_presets_are_listed_first() -> None:
    names = [t.name for t in available_templates(None)]
    assert names[:3] == list(PRESETS) and {"default", "zotero", "plain"} <= set(names)


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_renders_commonmark_with_the_quote_and_note(
        library: Any, tmp_path: Path, name: str) -> None:
    text = _export(library, name, tmp_path)
    front, body = split_front_matter(text)
    if name != "plain":
        assert front is not None and front["lectern_id"] == 1 and front["citekey"]
    else:
        assert front is None
    html = MarkdownIt("commonmark").render(body)
    assert "<em>my</em>" not in html  # the note shows as written
    assert "*my* note" in html and "Free <strong>notes</strong>" in html
    assert "Reading well is a skill" in html


def test_zotero_preset_looks_like_zotero_note_export(library: Any, tmp_path: Path) -> None:
    text = _export(library, "zotero", tmp_path)
    assert "# Annotations" in text
    assert "“Reading well is a skill" in text and "([Smith, 2024](lectern://article/1#hl-" in text


def test_user_templates_are_listed_and_used(library: Any, tmp_path: Path) -> None:
    user = tmp_path / "config-templates"
    user.mkdir()
    (user / "brief.md.j2").write_text(
        "{{ front_matter | front_matter }}\n\n# {{ article.title | md_line }}\n"
        "{% for h in highlights %}\n- {{ h.quote | md_line }} ({{ h.color_meaning }})\n"
        "{% endfor %}\n", encoding="utf-8")
    listed = available_templates(user)
    assert [t.name for t in listed][-1] == "brief" and not listed[-1].preset
    text = _export(library, "brief", tmp_path / "out", user)
    assert yaml.safe_load(text.split("---")[1])["title"] == "The Art of *Careful* Reading"
    assert "- Reading well is a skill" in text and "(key point)" in text


def test_template_given_as_a_file_path(library: Any, tmp_path: Path) -> None:
    own = tmp_path / "mine.md.j2"
    own.write_text("{{ article.title }} has {{ all_highlights | length }} highlight(s)\n")
    assert _export(library, str(own), tmp_path / "out") == (
        "The Art of *Careful* Reading has 1 highlight(s)\n")


def test_bad_templates_say_what_is_wrong(tmp_path: Path, library: Any) -> None:
    with pytest.raises(TemplateProblem, match=r"no template named 'nope'.*default"):
        load_template("nope", None)
    broken = tmp_path / "broken.md.j2"
    broken.write_text("line\n{% for x in %}\n")
    with pytest.raises(TemplateProblem, match="line 2"):
        load_template(str(broken), None)
    typo = tmp_path / "typo.md.j2"
    typo.write_text("{{ article.titel }}\n")
    article_id = add_article(library)
    report = Exporter(library, load_template(str(typo), None), store_for(library)
                      ).export([article_id], tmp_path / "out")
    assert report.files[0].status == "failed" and "titel" in report.files[0].message
    assert not list((tmp_path / "out").iterdir())


def test_readme_documents_every_variable_and_filter() -> None:
    from desktop.core.export.context import ArticleVars, HighlightVars
    from desktop.core.export.templates import FILTERS

    readme = README.read_text(encoding="utf-8")
    names = ["article", "highlights", "orphaned", "all_highlights", "notes", "tags", "entities",
             "front_matter", "exported_at", "today", "lectern_version"]
    names += [f"article.{f}" for f in ArticleVars.__dataclass_fields__]
    names += [f"h.{f}" for f in HighlightVars.__dataclass_fields__]
    names += list(FILTERS)
    missing = [n for n in names if f"`{n}`" not in readme]
    assert not missing
