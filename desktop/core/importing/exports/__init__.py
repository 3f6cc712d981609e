"""Moving in from other apps: their exports, recognised by content, read into items.

``detect`` names the app whose export a file is (by its content, never its name:
Pocket's 2025 export is a ZIP named ``.csv``); ``read_export`` reads it into a
``Bundle`` (pure: bytes in, items, highlights and problems out); ``store`` writes
a bundle into the library, adding only what is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.importing.decoding import describe_binary
from desktop.core.importing.exports import (
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
from desktop.core.importing.exports.archive import is_zip
from desktop.core.importing.exports.bundle import Bundle, Highlight, Item, Problem
from desktop.core.importing.exports.export_file import ExportFile

__all__ = ["FORMATS", "Bundle", "ExportFormat", "Highlight", "Item", "Problem", "detect",
           "open_export", "read_export"]


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


# An export of years of reading, with the articles' text (Omnivore, wallabag), is
# far larger than any one article Lectern imports.
MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024


def open_export(path: Path) -> tuple[ExportFormat, ExportFile] | None:
    """The export in ``path`` with its format, or None when it is no export (then
    it is an article, or not readable: the article import says which)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_EXPORT_BYTES:
            return None
        with path.open("rb") as handle:
            head = handle.read(65536)
            if not is_zip(head) and describe_binary(head) is not None:
                return None
            data = head + handle.read(MAX_EXPORT_BYTES)
    except OSError:
        return None
    export = ExportFile(data, str(path))
    found = detect(export)
    return None if found is None else (found, export)
