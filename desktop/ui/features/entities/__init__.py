"""Named entities: marked in the reader, listed by category in the Entities tab,
recognised in a worker process, corrected library-wide."""

from desktop.ui.features.entities.controller import install

__all__ = ["install"]
