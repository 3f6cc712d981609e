"""Fixtures for export tests: articles in a library, highlights on them (the real
``desktop.core.annotations.AnnotationStore``). Helpers live in export_fixtures.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from export_fixtures import TITLE, add_article, store_for

from desktop.core.annotations import AnnotationStore


@pytest.fixture
def highlights(library: Any) -> AnnotationStore:
    return store_for(library)


@pytest.fixture
def make_article(library: Any) -> Callable[..., int]:
    def make(title: str = TITLE, paragraphs: list[str] | None = None, **meta: str) -> int:
        return add_article(library, title, paragraphs, **meta)

    return make
