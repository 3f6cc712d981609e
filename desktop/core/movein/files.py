"""Reading an export from a file the user chose: sniffed before it is read whole."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.decoding import describe_binary
from desktop.core.errors import ImportProblem
from desktop.core.movein import ExportFormat, detect
from desktop.core.movein.archive import is_zip
from desktop.core.movein.export_file import ExportFile

if TYPE_CHECKING:
    from desktop.core.library import Library
    from desktop.core.movein.store import ProgressLike
    from desktop.core.movein.summary import MoveInSummary

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


def move_in(library: Library, path: Path,
            progress: ProgressLike | None = None) -> MoveInSummary | None:
    """Import ``path`` if it is another app's export; None if it is not one."""
    from desktop.core.movein.store import import_bundle

    opened = open_export(path)
    if opened is None:
        return None
    found, export = opened
    try:
        bundle = found.read(export)
    except RecursionError:
        raise ImportProblem(f"this {found.app} export is nested too deeply to read") from None
    return import_bundle(library, bundle, str(path), progress)
