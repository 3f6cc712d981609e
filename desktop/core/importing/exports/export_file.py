"""An export file as readers see it: its bytes, its text (decoded once, on demand)
and, when it is a ZIP, its checked archive."""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from desktop.core.errors import ImportProblem
from desktop.core.importing.exports.archive import ExportArchive, is_zip
from desktop.core.importing.exports.fields import csv_header, text_of


class ExportFile:
    def __init__(self, data: bytes, name: str = "") -> None:
        self.data = data
        self.name = name

    @cached_property
    def archive(self) -> ExportArchive | None:
        return ExportArchive(self.data) if is_zip(self.data) else None

    @cached_property
    def text(self) -> str:
        if self.archive is not None:
            return ""
        try:
            return text_of(self.data)
        except ImportProblem:
            return ""

    @cached_property
    def head(self) -> str:
        return self.text[:4096].lstrip()

    @cached_property
    def header(self) -> list[str]:
        """Column names when the text reads as CSV with a header, else []."""
        first_line = self.head.split("\n", 1)[0]
        if "," not in first_line or first_line.startswith(("<", "{", "[")):
            return []
        return csv_header(self.text)

    @cached_property
    def json(self) -> Any:
        if not self.head.startswith(("{", "[")):
            return None
        try:
            return json.loads(self.text)
        except (ValueError, RecursionError):
            return None
