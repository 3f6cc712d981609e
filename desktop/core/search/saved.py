"""Saved searches: a name for a search and its filters, kept in the library's settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from desktop.core import settings
from desktop.core.search.listing import ListQuery
from desktop.core.storage.library import Library


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: ListQuery


def saved_searches(library: Library) -> list[SavedSearch]:
    try:
        stored = json.loads(settings.read(library, settings.SAVED_SEARCHES))
    except ValueError:
        return []  # a hand-edited setting that is not JSON: as if none were saved
    known = {f.name for f in fields(ListQuery)}
    found = []
    for entry in stored if isinstance(stored, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            values = {k: v for k, v in dict(entry.get("query", {})).items() if k in known}
            try:
                found.append(SavedSearch(entry["name"], ListQuery(**values)))
            except TypeError:
                continue
    return found


def save_search(library: Library, name: str, query: ListQuery) -> list[SavedSearch]:
    """Save (or replace, by name) a search; returns them all, in the order saved."""
    name = " ".join(name.split())
    if not name:
        from desktop.core.errors import LecternError

        raise LecternError("a saved search needs a name")
    kept = [s for s in saved_searches(library) if s.name != name]
    kept.append(SavedSearch(name, query.with_changes(typing=False)))
    _write(library, kept)
    return kept


def remove_search(library: Library, name: str) -> list[SavedSearch]:
    kept = [s for s in saved_searches(library) if s.name != name]
    _write(library, kept)
    return kept


def _write(library: Library, searches: list[SavedSearch]) -> None:
    settings.write(library, settings.SAVED_SEARCHES, json.dumps(
        [{"name": s.name, "query": asdict(s.query)} for s in searches], ensure_ascii=False))
