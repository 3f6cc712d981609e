"""A page from the browser into the library: cleaned like any saved page, kept under
its address, and the reader's selection made a highlight of it."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core.connector.protocol import SaveRequest
from desktop.core.importing import Source, clean_source

if TYPE_CHECKING:
    from desktop.core.library import Library

# Typography the cleaner may have changed, or the browser's selection may carry.
_LIKE: dict[str, str] = {
    **dict.fromkeys("'‘’‛′`", "['‘’‛′`]"),
    **dict.fromkeys('"“”„″', '["“”„″]'),
    **dict.fromkeys("-‐‑‒–—―", "[-‐‑‒–—―]"),
}


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
        article, encoding = clean_source(source)
        article.metadata.url = request.url  # where the reader was, not a canonical guess
        if not article.metadata.title and request.title:
            article.metadata.title = request.title
        outcome = library.add_article(source, article, encoding)
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


def find_selection(text: str, selection: str) -> tuple[int, int] | str:
    """Where the selected passage is in the cleaned text, or why it cannot be placed.

    The browser's selection and the cleaned text differ in spacing (line breaks,
    paragraph gaps) and sometimes typography; both are allowed. A passage found
    more than once is not placed: the wrong one would carry the reader's note.
    """
    words = selection.split()
    if not words:
        return "the selection is empty"
    pattern = r"\s+".join("".join(_LIKE.get(c, re.escape(c)) for c in word) for word in words)
    found = [m.span() for m, _ in zip(re.finditer(pattern, text), range(2), strict=False)]
    if not found:
        return "it is not in the article's cleaned text (it may be a caption, a menu or a comment)"
    if len(found) > 1:
        return "it appears more than once in the article; highlight it in Lectern"
    return found[0]


def highlight_selection(library: Library, article_id: int, selection: str
                        ) -> tuple[str | None, str]:
    """(the highlight's id, "") or (None, why not). A passage highlighted already is
    not highlighted twice."""
    from desktop.core.annotations import AnnotationStore

    placed = find_selection(library.article(article_id).text, selection)
    if isinstance(placed, str):
        return None, placed
    start, end = placed
    store = AnnotationStore(library)
    for existing in store.for_article(article_id):
        if (existing.start, existing.end) == (start, end):
            return existing.id, ""
    return store.create(article_id, start, end).id, ""
