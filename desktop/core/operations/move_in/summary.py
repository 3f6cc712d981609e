"""What one export brought: the summary a user reads after moving in."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from desktop.core.importing.exports.bundle import Problem


@dataclass
class MoveInSummary:
    source: str  # the file, as the user named it
    app: str  # "Pocket", "Kindle"…
    items: int = 0  # new in the library: articles, books and links waiting
    read_now: int = 0  # of which articles whose text came along
    waiting: int = 0  # of which links waiting to be downloaded
    books: int = 0  # of which books known by their quotes
    duplicates: int = 0  # items the library had already (only what is new was added)
    highlights: int = 0  # new highlights: placed, orphaned or waiting for their page
    orphaned: int = 0  # of which not found in their article's text (kept, listed)
    notes: int = 0  # new highlights carrying a note
    duplicate_highlights: int = 0  # highlights the library had already
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    article_ids: list[int] = field(default_factory=list)  # articles added or changed

    def line(self) -> str:
        parts = [f"{self.items} new item{'s' if self.items != 1 else ''}"]
        details = [f"{n} {what}" for n, what in ((self.read_now, "to read now"),
                                                 (self.waiting, "waiting to download"),
                                                 (self.books, "books")) if n]
        if details:
            parts[0] += f" ({', '.join(details)})"
        parts.append(f"{self.highlights} highlight{'s' if self.highlights != 1 else ''}"
                     f" ({self.notes} with notes)")
        if self.orphaned:
            parts.append(f"{self.orphaned} not found in their text (kept as orphans)")
        if self.duplicates or self.duplicate_highlights:
            parts.append(f"already in the library: {self.duplicates} items, "
                         f"{self.duplicate_highlights} highlights")
        for what, count in self.skipped.items():
            parts.append(f"{count} {what} skipped")
        if self.problems:
            parts.append(f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}")
        return f"{self.app}: " + ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        found = asdict(self)
        found["problems"] = [str(p) for p in self.problems]
        del found["article_ids"]
        return found
