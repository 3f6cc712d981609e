"""Moving in from other apps: an export (read by ``desktop.core.importing.exports``)
written into the library, adding only what is new, with a summary per file."""

from desktop.core.importing.exports import open_export
from desktop.core.operations.move_in.files import move_in
from desktop.core.operations.move_in.store import import_bundle
from desktop.core.operations.move_in.summary import MoveInSummary

__all__ = ["MoveInSummary", "import_bundle", "move_in", "open_export"]
