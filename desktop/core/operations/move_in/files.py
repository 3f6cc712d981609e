"""Moving in from a file the user chose, if it is another app's export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import ImportProblem
from desktop.core.importing.exports import open_export

if TYPE_CHECKING:
    from desktop.core.operations.move_in.summary import MoveInSummary
    from desktop.core.operations.progress import ProgressSink
    from desktop.core.storage.library import Library


def move_in(library: Library, path: Path,
            progress: ProgressSink | None = None) -> MoveInSummary | None:
    """Import ``path`` if it is another app's export; None if it is not one."""
    from desktop.core.operations.move_in.store import import_bundle
    from desktop.core.operations.progress import NO_PROGRESS

    opened = open_export(path)
    if opened is None:
        return None
    found, export = opened
    try:
        bundle = found.read(export)
    except RecursionError:
        raise ImportProblem(f"this {found.app} export is nested too deeply to read") from None
    return import_bundle(library, bundle, str(path), progress or NO_PROGRESS)
