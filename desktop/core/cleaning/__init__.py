"""Turning saved pages, pasted text and Markdown into clean articles (no Qt here)."""

from .errors import CleaningError
from .html import clean_html
from .markdown_source import clean_markdown
from .pasted import clean_pasted

__all__ = ["CleaningError", "clean_html", "clean_markdown", "clean_pasted"]
