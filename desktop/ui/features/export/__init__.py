"""Export: Markdown files per article, citations, web annotations, library backups."""

from desktop.ui.features.export.feature import install

__all__ = ["install"]
