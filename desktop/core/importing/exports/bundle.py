"""What a reader makes of another app's export: items, their highlights, problems.

Readers are pure (bytes in, a ``Bundle`` out) and know nothing of the library:
``desktop.core.operations.move_in.store`` decides what is new and writes it. Every field a
format may lack has a neutral default, so one reader's gaps never leak into another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Other apps' colour names, mapped to Lectern's five (annotations.model.COLORS).
_COLOR_NAMES = {
    "yellow": "yellow", "orange": "yellow", "gold": "yellow", "amber": "yellow",
    "green": "green", "lime": "green", "teal": "green",
    "blue": "blue", "cyan": "blue", "sky": "blue",
    "pink": "pink", "red": "pink", "magenta": "pink", "rose": "pink",
    "purple": "purple", "violet": "purple", "lavender": "purple", "grey": "purple",
    "gray": "purple",
}


def lectern_color(name: str) -> str:
    """A colour of another app as one of Lectern's (yellow when it says nothing)."""
    key = name.strip().lower()
    for word, color in _COLOR_NAMES.items():
        if word in key:
            return color
    return "yellow"


@dataclass(frozen=True)
class Highlight:
    quote: str
    note: str = ""
    color: str = "yellow"
    tags: tuple[str, ...] = ()
    created_at: str = ""  # ISO 8601 UTC, '' when the export does not say
    location: str = ""  # where it stands in a book: "page 12 · location 180-182"


@dataclass(frozen=True)
class Item:
    """One saved article, link or book, with what the app knew about it."""

    title: str = ""
    url: str = ""
    saved_at: str = ""  # ISO 8601 UTC
    tags: tuple[str, ...] = ()
    archived: bool = False
    favourite: bool = False
    progress: float = 0.0  # share read, 0..1
    author: str = ""
    description: str = ""  # the app's note or excerpt: kept as the article's note
    content: str = ""  # the article's text when the export carries it
    content_kind: str = ""  # "html" or "markdown" (with content)
    book: bool = False  # no web page: a book or document known by its quotes
    highlights: tuple[Highlight, ...] = ()
    entry: str = ""  # where it stands in the export ("row 12"), for problems


@dataclass(frozen=True)
class Problem:
    entry: str  # "row 12", "entry 7", "annotations/part_000000.json"
    message: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.message}"


@dataclass
class Bundle:
    app: str  # the app's name as users know it: "Pocket", "Kindle"
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # e.g. {"bookmarks": 3}

    def problem(self, entry: str, message: str) -> None:
        self.problems.append(Problem(entry, message))

    def skip(self, what: str, count: int = 1) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + count
