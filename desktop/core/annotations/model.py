"""A highlight on an article, with its note and tags, and the five colours."""

from __future__ import annotations

from dataclasses import dataclass, field

COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")  # storage keys, fixed order

DEFAULT_MEANINGS: dict[str, str] = {
    "yellow": "key point",
    "green": "evidence",
    "blue": "question",
    "pink": "disagree",
    "purple": "follow up",
}

ANCHORED = "anchored"
ORPHANED = "orphaned"
STATUSES = (ANCHORED, ORPHANED)


@dataclass
class Annotation:
    """One highlight. ``start``/``end`` are offsets into ``ArticleRecord.text``; for
    an orphaned highlight they are where it last was, and point at nothing."""

    id: str  # uuid4 hex, never changes
    article_id: int
    quote: str
    prefix: str  # ~32 chars before
    suffix: str  # ~32 chars after
    start: int
    end: int
    color: str  # one of COLORS
    note: str
    tags: list[str] = field(default_factory=list)
    status: str = ANCHORED  # "anchored" | "orphaned"
    created_at: str = ""  # ISO UTC
    updated_at: str = ""

    @property
    def block_id(self) -> str:
        """Used as the ``^block`` id in exported Markdown and as the link fragment."""
        return f"hl-{self.id[:12]}"

    @property
    def anchored(self) -> bool:
        return self.status == ANCHORED


def reading_order(annotations: list[Annotation]) -> list[Annotation]:
    """Anchored highlights by position (start, end), then the orphaned ones."""
    anchored = sorted((a for a in annotations if a.anchored), key=lambda a: (a.start, a.end))
    orphaned = sorted((a for a in annotations if not a.anchored), key=lambda a: a.created_at)
    return anchored + orphaned
