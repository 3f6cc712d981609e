"""Delete an article with everything hanging off it (highlights, notes, entities,
loaded images): the database cascades from ``articles``."""

from __future__ import annotations

from desktop.core.storage.library import Library


def delete_article(library: Library, article_id: int) -> None:
    library.delete_article(article_id)
