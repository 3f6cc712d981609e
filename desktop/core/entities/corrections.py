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
    _post_process_again(library, correction.text)


def delete_correction(library: Library, text: str) -> Correction | None:
    """Delete the correction for ``text``; returns it (for undo)."""
    previous = correction_for(library, text)
    with library.transaction() as conn:
        conn.execute("DELETE FROM entity_corrections WHERE entity_key = ?", (entity_key(text),))
    _post_process_again(library, entity_key(text))
    return previous


def _post_process_again(library: Library, key: str) -> None:
    """Articles that may name ``key`` are post-processed again when next read: the
    doubt step keeps the mentions of a name the reader corrected (postprocess.improve),
    and drops them again once the correction is gone."""
    ids = library.search(key)
    if not ids:
        return
    with library.transaction() as conn:
        conn.executemany("UPDATE entity_analyses SET pipeline = '' WHERE article_id = ?",
                         [(i,) for i in ids])


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
        elif c.action != "remove":  # the reader has decided: no longer uncertain
            result.append(m.relabelled(c.label, uncertain=False))
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


@dataclass(frozen=True)
class CorrectionEffect:
    """How many mentions a correction changes across the library, and in how many articles."""

    mentions: int
    articles: int

    def describe(self) -> str:
        if self.mentions == 0:
            return "no mention changed"
        plural = "s" if self.mentions != 1 else ""
        where = f" in {self.articles} articles" if self.articles != 1 else " in 1 article"
        return f"{self.mentions} mention{plural} changed{where}"


def correction_effect(library: Library, text: str, action: str,
                      label: str = "") -> CorrectionEffect:
    """What setting this correction would change, counted before it is set.

    A mention changes when it disappears (remove), appears (add) or shows another
    category than it shows now (relabel, add); the reader's earlier correction for
    the same text is taken as what shows now. Uncertain mentions the reader confirms
    in their kind count too: they lose their question mark.
    """
    from desktop.core.entities.categories import category_for

    key = entity_key(text)
    previous = correction_for(library, key)
    if previous is not None and previous.action == "remove" and action != "add":
        return CorrectionEffect(0, 0)  # nothing shows now, and relabelling shows nothing
    new_category = category_for(label) if label else None
    counts: dict[int, int] = {}
    rows = library.conn.execute(
        "SELECT article_id, label, uncertain FROM entity_mentions WHERE entity_key = ?", (key,),
    ).fetchall()
    for article_id, stored, uncertain in rows:
        shown = previous.label if previous is not None and previous.action != "remove" else stored
        if action == "remove" or category_for(shown) != new_category or (
                uncertain and previous is None):
            counts[int(article_id)] = counts.get(int(article_id), 0) + 1
    if action == "add":  # occurrences the model did not mark appear too
        for article_id in library.search(key):
            stored_here = sum(1 for r in rows if int(r[0]) == article_id)
            extra = max(0, _occurrences(library, article_id, key) - stored_here)
            if extra:
                counts[article_id] = counts.get(article_id, 0) + extra
    return CorrectionEffect(sum(counts.values()), len(counts))


def _occurrences(library: Library, article_id: int, key: str) -> int:
    row = library.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    return len(phrase_pattern(key).findall(str(row[0]))) if row else 0
