"""File-dialog filters, built from the one registry of the kinds Lectern reads."""

from __future__ import annotations

from desktop.core.importing.kinds import READERS, suffixes


def article_filter() -> str:
    """"Articles (*.html …);;Saved web pages (*.html …);;…;;All files (*)"."""
    every = " ".join(f"*{s}" for s in suffixes())
    each = [f"{r.label} ({' '.join(f'*{s}' for s in r.suffixes)})" for r in READERS]
    return ";;".join([f"Articles ({every})", *each, "All files (*)"])
