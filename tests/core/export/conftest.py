"""Fixtures for export tests: articles in a library, highlights on them (the real
``desktop.core.annotations.AnnotationStore``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desktop.core.annotations import Annotation, AnnotationStore
from desktop.core.importing import text_source
from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata


def store_for(library: Any) -> AnnotationStore:
    """The real highlight store (desktop.core.annotations) on ``library``."""
    return AnnotationStore(library)


def orphan(store: AnnotationStore, annotation: Annotation) -> Annotation:
    """Mark a highlight orphaned, as re-anchoring does when its passage is gone."""
    annotation.status = "orphaned"
    store.restore(annotation)
    return annotation


@pytest.fixture
def highlights(library: Any) -> AnnotationStore:
    return store_for(library)


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
