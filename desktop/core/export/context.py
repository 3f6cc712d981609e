"""The variables a template sees (documented in resources/templates/README.md).

Built once per article from the library and the highlight/entity stores, as
plain frozen data, so a template can only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.core.export.citation import citekey, short_author, year_of
from desktop.core.export.front_matter import FrontMatterValue
from desktop.core.export.markdown_escape import hashtag, tag_name
from desktop.core.export.sources import HighlightLike, HighlightSource, entities_for
from desktop.core.links import article_link
from desktop.core.models import ArticleRecord

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


@dataclass(frozen=True)
class HighlightVars:
    id: str
    block_id: str
    quote: str
    note: str
    tags: list[str]
    hashtags: list[str]  # "#tag" forms, safe for Obsidian
    color: str
    color_meaning: str
    color_tag: str  # "#key-point": the colour's meaning as a tag
    link: str  # lectern://article/ID#hl-...
    orphaned: bool
    start: int
    end: int
    prefix: str
    suffix: str
    created: str
    updated: str


@dataclass(frozen=True)
class ArticleVars:
    id: int
    title: str
    author: str
    site: str
    url: str
    published: str
    saved: str
    language: str
    word_count: int
    source_kind: str
    link: str
    citekey: str
    short_author: str  # "Smith"; an organisation whole; else the site
    year: str  # of publication, else of saving; "nd" if neither is known


@dataclass(frozen=True)
class ExportContext:
    article: ArticleVars
    highlights: list[HighlightVars]  # anchored, in reading order
    orphaned: list[HighlightVars]  # their passage is no longer in the article
    notes: str  # the free-form notes, Markdown as the user wrote it
    note_sha256: str
    tags: list[str]
    entities: dict[str, list[str]]
    exported_at: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def all_highlights(self) -> list[HighlightVars]:
        return self.highlights + self.orphaned

    def front_matter(self) -> dict[str, FrontMatterValue]:
        a = self.article
        return {
            "title": a.title, "author": a.author, "site": a.site, "url": a.url,
            "published": a.published, "saved": a.saved, "tags": list(self.tags),
            "entities": {k: list(v) for k, v in self.entities.items()},
            "lectern_id": a.id, "citekey": a.citekey,
        }

    def template_vars(self) -> dict[str, Any]:
        return {
            "article": self.article, "highlights": self.highlights, "orphaned": self.orphaned,
            "all_highlights": self.all_highlights, "notes": self.notes, "tags": self.tags,
            "entities": self.entities, "front_matter": self.front_matter(),
            "exported_at": self.exported_at, "today": self.exported_at[:10],
            "lectern_version": __version__, **self.extra,
        }


def _highlight_vars(h: HighlightLike, meanings: dict[str, str]) -> HighlightVars:
    meaning = meanings.get(h.color, "") or h.color
    return HighlightVars(
        id=h.id, block_id=h.block_id, quote=h.quote, note=h.note, tags=list(h.tags),
        hashtags=[t for t in (hashtag(x) for x in h.tags) if t], color=h.color,
        color_meaning=meaning, color_tag=hashtag(meaning),
        link=article_link(h.article_id, h.block_id), orphaned=h.status == "orphaned",
        start=h.start, end=h.end, prefix=h.prefix, suffix=h.suffix,
        created=h.created_at, updated=h.updated_at,
    )


def article_vars(record: ArticleRecord) -> ArticleVars:
    return ArticleVars(
        id=record.id, title=record.title, author=record.author, site=record.site,
        url=record.url, published=record.published, saved=record.saved_at,
        language=record.language, word_count=record.word_count,
        source_kind=record.source_kind, link=article_link(record.id), citekey=citekey(record),
        short_author=short_author(record), year=year_of(record),
    )


def build_context(library: Library, highlights: HighlightSource, article_id: int,
                  *, meanings: dict[str, str] | None = None,
                  now: datetime | None = None) -> ExportContext:
    """Everything a template may show about one article."""
    import hashlib

    record = library.article(article_id)
    meanings = highlights.color_meanings() if meanings is None else meanings
    items = [_highlight_vars(h, meanings) for h in highlights.for_article(article_id)]
    # The user's Markdown, as written, but with one kind of line ending (a file
    # mixing them confuses editors and diff tools).
    notes = library.note(article_id).replace("\r\n", "\n").replace("\r", "\n")
    tags = sorted({tag_name(t) for h in items for t in h.tags} - {""}, key=str.casefold)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return ExportContext(
        article=article_vars(record),
        highlights=[h for h in items if not h.orphaned],
        orphaned=[h for h in items if h.orphaned],
        notes=notes,
        note_sha256=hashlib.sha256(notes.encode("utf-8")).hexdigest() if notes.strip() else "",
        tags=tags,
        entities=entities_for(library, article_id),
        exported_at=stamp,
    )
