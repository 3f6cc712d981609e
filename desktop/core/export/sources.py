"""What export reads besides the library: highlights and entities.

Both live in other packages (``desktop.core.annotations``,
``desktop.core.entities``); export depends only on the small interfaces below,
so it works (with no highlights, no entities) when a package is missing and
tests can hand in a fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


class HighlightLike(Protocol):
    id: str
    article_id: int
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    color: str
    note: str
    tags: list[str]
    status: str
    created_at: str
    updated_at: str

    @property
    def block_id(self) -> str: ...


class HighlightSource(Protocol):
    def for_article(self, article_id: int) -> Sequence[HighlightLike]: ...

    def color_meanings(self) -> dict[str, str]: ...


class _NoHighlights:
    def for_article(self, article_id: int) -> Sequence[HighlightLike]:
        return []

    def color_meanings(self) -> dict[str, str]:
        return {}


def highlight_source(library: Library) -> HighlightSource:
    """The library's annotation store, or an empty one if highlights are not installed."""
    try:
        from desktop.core.annotations import AnnotationStore
    except ImportError:
        return _NoHighlights()
    store: HighlightSource = AnnotationStore(library)
    return store


def entities_for(library: Library, article_id: int) -> dict[str, list[str]]:
    """Category display name -> entity texts; {} when entities are not available."""
    try:
        from desktop.core.entities.store import entities_by_category
    except ImportError:
        return {}
    found: dict[str, list[str]] = entities_by_category(library, article_id)
    return found
