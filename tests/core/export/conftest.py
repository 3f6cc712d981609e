"""Fixtures for export tests: articles in a library, highlights on them.

``highlights`` is the real ``desktop.core.annotations.AnnotationStore`` once that
package exists, else a small in-memory fake with the same interface.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from desktop.core.importing import text_source
from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata


@dataclass
class FakeAnnotation:
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
    def block_id(self) -> str:
        return f"hl-{self.id[:12]}"


@dataclass
class FakeAnnotationStore:
    library: Any
    items: list[FakeAnnotation] = field(default_factory=list)

    def for_article(self, article_id: int) -> list[FakeAnnotation]:
        mine = [a for a in self.items if a.article_id == article_id]
        return sorted(mine, key=lambda a: (a.status == "orphaned", a.start))

    def create(self, article_id: int, start: int, end: int, *, color: str = "yellow",
               note: str = "", tags: tuple[str, ...] | list[str] = ()) -> FakeAnnotation:
        text = self.library.article(article_id).text
        ident = hashlib.sha1(f"{article_id}:{start}:{end}:{len(self.items)}".encode()).hexdigest()
        item = FakeAnnotation(ident, article_id, text[start:end], text[max(0, start - 32):start],
                              text[end:end + 32], start, end, color, note, list(tags),
                              "anchored", "2026-01-01T00:00:00+00:00",
                              "2026-01-01T00:00:00+00:00")
        self.items.append(item)
        return item

    def update(self, annotation_id: str, *, color: str | None = None, note: str | None = None,
               tags: list[str] | None = None) -> FakeAnnotation:
        for item in self.items:
            if item.id == annotation_id:
                item.color = color if color is not None else item.color
                item.note = note if note is not None else item.note
                item.tags = list(tags) if tags is not None else item.tags
                return item
        raise KeyError(annotation_id)

    def color_meanings(self) -> dict[str, str]:
        return {"yellow": "key point", "green": "evidence", "blue": "definition",
                "pink": "question", "purple": "to follow up"}


def _real_store_class() -> Any:
    try:
        from desktop.core.annotations import AnnotationStore
    except ImportError:
        return None
    return AnnotationStore


@pytest.fixture
def highlights(library: Any) -> Any:
    real = _real_store_class()
    return real(library) if real is not None else FakeAnnotationStore(library)


TITLE = "The Art of *Careful* Reading"
PARAGRAPHS = [
    "Reading well is a skill: it takes > patience & practice, and a # of habits.",
    "- Lists start lines; 1. so do numbers | and pipes `code` <b>tags</b>.",
    "Emoji 📚 and right-to-left: مرحبا بالعالم, שלום עולם. The end.",
]


def add_article(library: Any, title: str = TITLE, paragraphs: list[str] | None = None,
                **meta: str) -> int:
    """An article stored as if cleaned (export does not depend on the cleaners)."""
    blocks = [Block(BlockKind.HEADLINE, title)] + [
        Block(BlockKind.PARAGRAPH, p) for p in (paragraphs or PARAGRAPHS)]
    fields = {"title": title, "author": "Jane Smith", "site": "The Reading Times",
              "url": "https://example.org/reading?id=1", "published": "2024-03-05",
              "language": "en"}
    fields.update(meta)
    article = CleanedArticle(blocks, Metadata(**fields))
    source = text_source("\n\n".join(b.text for b in blocks), name=f"{title[:20]}.txt")
    outcome = library.add_article(source, article, "utf-8")
    return int(outcome.article.id)


@pytest.fixture
def make_article(library: Any) -> Callable[..., int]:
    def make(title: str = TITLE, paragraphs: list[str] | None = None, **meta: str) -> int:
        return add_article(library, title, paragraphs, **meta)

    return make
