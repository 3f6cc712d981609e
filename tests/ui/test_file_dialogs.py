"""The file dialogs offer exactly what the registry of kinds reads."""

from __future__ import annotations

from desktop.core.importing.kinds import suffixes
from desktop.ui.file_dialogs import article_filter


def test_the_dialog_filter_lists_every_registered_suffix() -> None:
    first, *each, last = article_filter().split(";;")
    assert first.startswith("Articles (") and "*.xhtml" in first and "*.md" in first
    assert all(f"*{s}" in first for s in suffixes())
    assert "Saved web pages (*.html" in each[0]
    assert last == "All files (*)"
