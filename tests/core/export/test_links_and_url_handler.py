"""Exported links open in Lectern: the desktop entry registers the lectern:// scheme,
and every link an export writes parses back to its article and highlight."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import PARAGRAPHS, add_article, store_for
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.export.templates import PRESETS, load_template
from desktop.core.export.writer import Exporter
from desktop.core.links import article_link, parse_link

REPO = Path(__file__).resolve().parents[3]
DESKTOP_FILE = REPO / "packaging" / "linux" / "lectern.desktop"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP_FILE.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_desktop_entry_registers_the_lectern_scheme() -> None:
    entry = desktop_entry()
    for key in ("Type", "Name", "Exec", "Icon", "MimeType", "Categories"):
        assert entry.get(key), key
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "lectern %u"  # the link arrives as one argument
    mime = entry["MimeType"]
    assert mime.endswith(";") and "x-scheme-handler/lectern" in mime.split(";")
    assert entry["Categories"].endswith(";")
    text = DESKTOP_FILE.read_text(encoding="utf-8")
    assert all(re.match(r"^(\[Desktop Entry\]|[A-Za-z0-9-]+=.*)$", line)
               for line in text.splitlines() if line), "only keys and the group header"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@given(st.integers(1, 10**12), st.from_regex(r"hl-[0-9a-f]{12}", fullmatch=True))
def test_article_links_round_trip(article_id: int, block_id: str) -> None:
    target = parse_link(article_link(article_id, block_id))
    assert target is not None and (target.article_id, target.fragment) == (article_id, block_id)


@pytest.mark.parametrize("template", [p for p in PRESETS if p != "plain"])
def test_every_link_an_export_writes_parses_to_its_highlight(
        library: Any, tmp_path: Path, template: str) -> None:
    store = store_for(library)
    article_id = add_article(library)
    text = library.article(article_id).text
    made = []
    for paragraph in PARAGRAPHS:
        start = text.index(paragraph)
        made.append(store.create(article_id, start, start + len(paragraph)))
    report = Exporter(library, load_template(template, None), store).export([article_id],
                                                                             tmp_path)
    written = report.files[0].path.read_text(encoding="utf-8")
    links = re.findall(r"\]\((lectern://[^)\s]+)\)", written)
    targets = [parse_link(link) for link in links]
    assert all(t is not None and t.article_id == article_id for t in targets)
    fragments = {t.fragment for t in targets if t is not None}
    assert {h.block_id for h in made} <= fragments
