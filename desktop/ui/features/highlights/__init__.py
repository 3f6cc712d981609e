"""Highlights: select text, pick a colour, add a note and tags; listed in the Notes tab,
every change undoable; and Replace with New Version, which moves them to the new text."""

from desktop.ui.features.highlights.feature import install

__all__ = ["install"]
