"""The reader's corrections: a gazetteer that applies to the whole library.

One correction per entity text (whitespace-normalised, case-sensitive):

- ``remove``: this text is not an entity;
- ``relabel``: where the model finds this text, it is a LABEL;
- ``add``: this text is a LABEL wherever it occurs, found by the model or not.

Corrections are applied when results are read, so they hold for articles
already analysed and for future imports alike, and undoing one is deleting it
(or putting back the one it replaced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.entities.mentions import Mention, entity_key, mention_at, overlaps, sorted_unique
from desktop.core.errors import LecternError
from desktop.core.storage.library import Library, now_iso

ACTIONS = ("remove", "relabel", "add")


class BadCorrection(LecternError):
    pass


@dataclass(frozen=True)
class Correction:
    text: str  # the entity key
    action: str
    label: str = ""
    created_at: str = ""

    def describe(self) -> str:
        if self.action == "remove":
            return f"“{self.text}” is not an entity"
        if self.action == "relabel":
            return f"“{self.text}” is a {self.label} where found"
        return f"“{self.text}” is a {self.label} everywhere"


def _validated(text: str, action: str, label: str) -> Correction:
    key = entity_key(text)
    if not key:
        raise BadCorrection("an entity needs some text")
    if len(key) > 200:
        raise BadCorrection("an entity is at most 200 characters long")
    if action not in ACTIONS:
        raise BadCorrection(f"unknown correction {action!r}")
    if action != "remove" and not label:
        raise BadCorrection("choose a category for the entity")
    return Correction(key, action, label if action != "remove" else "")


def list_corrections(library: Library) -> list[Correction]:
    rows = library.conn.execute(
        "SELECT entity_key, action, label, created_at FROM entity_corrections"
        " ORDER BY entity_key COLLATE NOCASE"
    ).fetchall()
    return [Correction(r[0], r[1], r[2], r[3]) for r in rows]


def correction_for(library: Library, text: str) -> Correction | None:
    row = library.conn.execute(
        "SELECT entity_key, action, label, created_at FROM entity_corrections"
        " WHERE entity_key = ?", (entity_key(text),),
    ).fetchone()
    return Correction(row[0], row[1], row[2], row[3]) if row else None


def set_correction(library: Library, text: str, action: str, label: str = "") -> Correction | None:
    """Store a correction; returns the one it replaced (for undo), if any."""
    wanted = _validated(text, action, label)
    previous = correction_for(library, wanted.text)
    put_correction(library, Correction(wanted.text, wanted.action, wanted.label, now_iso()))
    return previous


def put_correction(library: Library, correction: Correction) -> None:
    """Store ``correction`` exactly as given (undo puts old ones back with this)."""
    with library.transaction() as conn:
        conn.execute(
            "INSERT INTO entity_corrections (entity_key, action, label, created_at)"
            " VALUES (?,?,?,?) ON CONFLICT(entity_key) DO UPDATE SET action=excluded.action,"
            " label=excluded.label, created_at=excluded.created_at",
            (correction.text, correction.action, correction.label,
             correction.created_at or now_iso()),
        )


def delete_correction(library: Library, text: str) -> Correction | None:
    """Delete the correction for ``text``; returns it (for undo)."""
    previous = correction_for(library, text)
    with library.transaction() as conn:
        conn.execute("DELETE FROM entity_corrections WHERE entity_key = ?", (entity_key(text),))
    return previous


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w])" + r"[^\S\n]+".join(words) + r"(?![\w])")


def apply_corrections(text: str, mentions: list[Mention],
                      corrections: list[Correction]) -> list[Mention]:
    """The mentions as the reader corrected them."""
    if not corrections:
        return mentions
    by_key = {c.text: c for c in corrections}
    result: list[Mention] = []
    for m in mentions:
        c = by_key.get(m.key)
        if c is None:
            result.append(m)
        elif c.action != "remove":
            result.append(m if m.label == c.label else m.relabelled(c.label))
    added: list[Mention] = []
    for c in corrections:
        if c.action != "add" or not _may_occur(text, c.text):
            continue
        for match in phrase_pattern(c.text).finditer(text):
            added.append(mention_at(text, match.start(), match.end(), c.label))
    if not added:
        return result
    # A span the reader marked wins over the model's spans it overlaps.
    added = sorted_unique(added)
    kept = [m for m in result if not any(overlaps(m, a.start, a.end) for a in added)]
    return sorted(kept + added)


def _may_occur(text: str, key: str) -> bool:
    """Cheap pre-check before the regex: the first word must be in the text."""
    return key.split()[0] in text
