"""Replace with New Version: a newer copy of an article's page replaces its text, and
every highlight moves to where its passage now is (or is kept, orphaned)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.annotations import AnnotationStore, ReanchorReport, reanchor_article
from desktop.core.importing import prepare
from desktop.core.models import ArticleRecord, Source
from desktop.core.storage.library import Library


@dataclass(frozen=True)
class UpdateOutcome:
    record: ArticleRecord  # as stored now
    report: ReanchorReport  # where its highlights went

    @property
    def article_id(self) -> int:
        return self.record.id

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def stayed(self) -> int:
        return self.report.stayed

    @property
    def moved(self) -> int:
        return self.report.moved

    @property
    def orphaned(self) -> int:
        return self.report.orphaned

    def summary(self) -> str:
        if not self.stayed + self.moved + self.orphaned:
            return f"Updated “{self.title}”"
        return (f"Updated “{self.title}”: {self.stayed} highlights stayed, {self.moved} moved, "
                f"{self.orphaned} orphaned")


def replace_content(library: Library, article_id: int,
                    source: Source) -> tuple[ArticleRecord, str]:
    """Clean ``source`` and store it as the article's new text; returns the new record
    and the previous text. Highlights are not moved: see ``update_article``."""
    library.article(article_id)  # NotFound before any cleaning
    ready = prepare(source)
    return library.replace_content(article_id, ready.source, ready.article, ready.encoding,
                                   ready.content_hash)


def update_article(library: Library, article_id: int, source: Source) -> UpdateOutcome:
    record, _old_text = replace_content(library, article_id, source)
    report = reanchor_article(AnnotationStore(library), article_id, record.text)
    return UpdateOutcome(record, report)
