"""A folder of saved articles: every file Lectern reads by its name (the kinds
registry, ``kinds.is_article_file``), recursively.

Hidden files and folders (``.git``, ``.DS_Store``) are skipped, symbolic links to
folders are not followed (a link loop must not hang an import), and the files
come in a stable order (by path), so a re-import goes the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.importing.kinds import is_article_file


def article_files(folder: Path) -> list[Path]:
    """The article files under ``folder``, sorted by path."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not is_article_file(Path(name)):
                continue
            found.append(Path(root) / name)
    return sorted(found)
