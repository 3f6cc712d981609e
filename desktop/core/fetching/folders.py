"""A folder of saved articles: every file Lectern reads by its name, recursively.

Hidden files and folders (``.git``, ``.DS_Store``) are skipped, symbolic links to
folders are not followed (a link loop must not hang an import), and the files
come in a stable order (by path), so a re-import goes the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt", ".md", ".markdown",
                              ".mdown", ".mkd"})


def article_files(folder: Path) -> list[Path]:
    """The article files under ``folder``, sorted by path."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            found.append(Path(root) / name)
    return sorted(found)
