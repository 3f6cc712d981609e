"""The one registry of the kinds of source Lectern imports.

The CLI, the file dialogs, drag and drop, the sample library and the update
command all ask here which files are articles and which reader cleans them, so a
new kind is one reader module and one line in ``READERS``.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import ImportProblem
from desktop.core.importing.readers import html, markdown, mhtml, text
from desktop.core.importing.readers.base import SNIFF_BYTES, Reader

# Suffixes are checked first; then each reader's sniff in this order; then text.
READERS: tuple[Reader, ...] = (html.READER, mhtml.READER, markdown.READER, text.READER)
FALLBACK = text.READER


def reader(kind: str) -> Reader:
    for candidate in READERS:
        if candidate.kind == kind:
            return candidate
    raise ImportProblem(f"Lectern cannot read sources of kind {kind!r}")


def kind_for(path: Path, data: bytes) -> str:
    """The kind of a file: by its suffix, else by its first bytes, else text."""
    suffix = path.suffix.lower()
    for candidate in READERS:
        if suffix in candidate.suffixes:
            return candidate.kind
    head = data[:SNIFF_BYTES]
    for candidate in READERS:
        if candidate.sniff(head):
            return candidate.kind
    return FALLBACK.kind


def suffixes() -> tuple[str, ...]:
    """Every suffix some reader claims, in registry order."""
    return tuple(s for candidate in READERS for s in candidate.suffixes)


def is_article_file(path: Path) -> bool:
    """Whether a dropped or listed file is one Lectern reads by its name."""
    return path.suffix.lower() in suffixes()
