"""Moving in from other apps: their exports, recognised by content, read into items.

``detect`` names the app whose export a file is (by its content, never its name:
Pocket's 2025 export is a ZIP named ``.csv``); ``read_export`` reads it into a
``Bundle`` (pure: bytes in, items, highlights and problems out); ``store`` writes
a bundle into the library, adding only what is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.movein import (
    bookmarks,
    hypothesis,
    instapaper,
    kindle,
    matter,
    omnivore,
    pocket,
    readwise,
    wallabag,
)
from desktop.core.movein.bundle import Bundle, Highlight, Item, Problem
from desktop.core.movein.export_file import ExportFile

__all__ = ["FORMATS", "Bundle", "ExportFormat", "Highlight", "Item", "Problem", "detect",
           "read_export"]


@dataclass(frozen=True)
class ExportFormat:
    app: str
    sniff: Callable[[ExportFile], bool]
    read: Callable[[ExportFile], Bundle]


# Most specific first: a CSV is told apart by its columns, a JSON by its keys.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(pocket.APP, pocket.sniff, pocket.read),
    ExportFormat(omnivore.APP, omnivore.sniff, omnivore.read),
    ExportFormat(matter.APP, matter.sniff, matter.read),
    ExportFormat(wallabag.APP, wallabag.sniff, wallabag.read),
    ExportFormat(hypothesis.APP, hypothesis.sniff, hypothesis.read),
    ExportFormat(readwise.APP, readwise.sniff, readwise.read),
    ExportFormat(readwise.READER_APP, readwise.sniff_reader, readwise.read_reader),
    ExportFormat(instapaper.APP, instapaper.sniff, instapaper.read),
    ExportFormat(bookmarks.APP, bookmarks.sniff, bookmarks.read),
    ExportFormat(kindle.APP, kindle.sniff, kindle.read),
)


def detect(export: ExportFile) -> ExportFormat | None:
    """The app whose export this is, or None (then it is an article, or nothing).
    A damaged ZIP raises ImportProblem: it is refused, clearly."""
    for candidate in FORMATS:
        if candidate.sniff(export):
            return candidate
    return None


def read_export(data: bytes, name: str = "") -> Bundle | None:
    """The export's items, or None if ``data`` is no export Lectern knows."""
    export = ExportFile(data, name)
    found = detect(export)
    return None if found is None else found.read(export)
