"""Save a page sent from the browser: cleaned like any saved page, kept under its
address, and the reader's selection made a highlight of it (desktop/core/connector
receives the pages)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

from desktop.core.annotations import AnnotationStore
from desktop.core.annotations.passages import find_passage
from desktop.core.importing import prepare
from desktop.core.models import Source
from desktop.core.storage.library import Library


@dataclass(frozen=True)
class SaveRequest:
    """A page sent from the browser, as its reader saw it (checked by the connector)."""

    url: str  # http(s), without its #fragment
    html: str
    title: str = ""
    selection: str = ""


@dataclass(frozen=True)
class SaveResult:
    article_id: int
    title: str
    duplicate: bool  # the library had the page already (same address or same text)
    highlight_id: str | None = None
    highlight_problem: str = ""  # why the selection could not be highlighted

    def message(self) -> str:
        said = f"Already in Lectern: {self.title}" if self.duplicate else f"Saved: {self.title}"
        if self.highlight_id is not None:
            return said + " (passage highlighted)"
        if self.highlight_problem:
            return f"{said}; the passage was not highlighted: {self.highlight_problem}"
        return said

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": True, "article_id": self.article_id, "title": self.title,
            "duplicate": self.duplicate, "highlight_id": self.highlight_id,
            "highlight_problem": self.highlight_problem, "message": self.message(),
        }


def save_page(library: Library, request: SaveRequest) -> SaveResult:
    """Store the page (unless its address is already in the library) and highlight
    the selection on it. Cleaning fails with an ImportProblem; nothing is stored then."""
    existing = _article_at(library, request.url)
    if existing is not None:
        article_id, duplicate = existing, True
    else:
        # The browser's text is Unicode; a BOM makes the kept bytes read back as
        # UTF-8 whatever <meta charset> the page declares.
        data = codecs.BOM_UTF8 + request.html.encode("utf-8", "replace")
        source = Source(data=data, kind="html", name=request.url)
        ready = prepare(source)
        ready.article.metadata.url = request.url  # where the reader was, not a canonical guess
        if not ready.article.metadata.title and request.title:
            ready.article.metadata.title = request.title
        outcome = library.add_article(source, ready.article, ready.encoding, ready.content_hash)
        article_id, duplicate = outcome.article.id, outcome.duplicate
    title = library.article(article_id).title
    if not request.selection:
        return SaveResult(article_id, title, duplicate)
    highlight_id, problem = highlight_selection(library, article_id, request.selection)
    return SaveResult(article_id, title, duplicate, highlight_id, problem)


def _article_at(library: Library, url: str) -> int | None:
    row = library.conn.execute(
        "SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", (url,)).fetchone()
    return int(row[0]) if row else None


def highlight_selection(library: Library, article_id: int, selection: str
                        ) -> tuple[str | None, str]:
    """(the highlight's id, "") or (None, why not). A passage highlighted already is
    not highlighted twice."""
    placed = find_passage(library.article(article_id).text, selection)
    if isinstance(placed, str):
        return None, placed
    start, end = placed
    store = AnnotationStore(library)
    for existing in store.for_article(article_id):
        if (existing.start, existing.end) == (start, end):
            return existing.id, ""
    return store.create(article_id, start, end).id, ""
