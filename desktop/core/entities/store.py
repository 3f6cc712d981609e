"""Entities per article, stored with the model and the text they were computed on.

An analysis is current while the model (name and version), the post-processing
pipeline and the article's exact text are the ones it was computed with. A new
pipeline re-runs post-processing on the stored raw mentions (no model needed);
a new model or text needs the recognizer again. Reading never imports spaCy.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from desktop.core import settings
from desktop.core.entities.categories import (
    CATEGORIES,
    category_for,
    default_enabled,
    format_enabled,
    parse_enabled,
)
from desktop.core.entities.corrections import apply_corrections, list_corrections, phrase_pattern
from desktop.core.entities.mentions import Mention, entity_key, from_rows, to_rows
from desktop.core.entities.postprocess import DEFAULT_STEPS, improve, pipeline_id
from desktop.core.entities.recognizer import ModelIdentity, installed_model
from desktop.core.storage.library import Library, now_iso


class Freshness(Enum):
    CURRENT = "current"
    MISSING = "missing"  # never analysed
    STALE_TEXT = "stale text"  # the text changed: offsets are void
    STALE_MODEL = "stale model"  # another model: recompute, old results still usable
    STALE_PIPELINE = "stale pipeline"  # re-run post-processing only


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_analysis(library: Library, article_id: int, text: str, identity: ModelIdentity,
                  raw: list[Mention], steps: Sequence[str] = DEFAULT_STEPS) -> list[Mention]:
    """Store the model's mentions of ``text`` and their post-processed form."""
    corrected = {c.text for c in list_corrections(library)}
    improved = improve(text, raw, steps, keep=corrected)
    if library.readonly:  # another Lectern writes this library: show, don't store
        return improved
    row = library.conn.execute(
        "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:  # deleted while being analysed: nothing to store
        return improved
    with library.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO entity_analyses (article_id, model, model_version, pipeline,"
            " text_hash, content_hash, raw_json, analysed_at) VALUES (?,?,?,?,?,?,?,?)",
            (article_id, identity.name, identity.version, pipeline_id(steps), text_hash(text),
             row[0], json.dumps(to_rows(raw)), now_iso()),
        )
        _write_mentions(conn, article_id, improved)
    return improved


def _write_mentions(conn: sqlite3.Connection, article_id: int, mentions: list[Mention]) -> None:
    conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO entity_mentions (article_id, start_offset, end_offset,"
        " entity_key, label, uncertain) VALUES (?,?,?,?,?,?)",
        [(article_id, m.start, m.end, m.key, m.label, int(m.uncertain)) for m in mentions],
    )


def freshness(library: Library, article_id: int, text: str,
              identity: ModelIdentity | None = None) -> Freshness:
    row = library.conn.execute(
        "SELECT model, model_version, pipeline, text_hash FROM entity_analyses"
        " WHERE article_id = ?", (article_id,),
    ).fetchone()
    if row is None:
        return Freshness.MISSING
    if row["text_hash"] != text_hash(text):
        return Freshness.STALE_TEXT
    model = identity or installed_model()
    if (row["model"], row["model_version"]) != (model.name, model.version):
        return Freshness.STALE_MODEL
    if row["pipeline"] != pipeline_id():
        return Freshness.STALE_PIPELINE
    return Freshness.CURRENT


def reprocess(library: Library, article_id: int, text: str) -> list[Mention]:
    """Re-run post-processing on the stored raw mentions (after a pipeline change)."""
    row = library.conn.execute(
        "SELECT model, model_version, raw_json FROM entity_analyses WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    raw = from_rows(text, json.loads(row["raw_json"]))
    return save_analysis(library, article_id, text,
                         ModelIdentity(row["model"], row["model_version"]), raw)


def stored_mentions(library: Library, article_id: int, text: str) -> list[Mention] | None:
    """Post-processed mentions of ``text``, or None if it has no usable analysis.

    Results of an older model are still shown (until the new ones are ready);
    results of an older pipeline are re-processed from the raw mentions first.
    """
    row = library.conn.execute(
        "SELECT pipeline, text_hash FROM entity_analyses WHERE article_id = ?", (article_id,),
    ).fetchone()
    if row is None or row["text_hash"] != text_hash(text):
        return None
    if row["pipeline"] != pipeline_id():
        return reprocess(library, article_id, text)
    rows = library.conn.execute(
        "SELECT start_offset, end_offset, label, uncertain FROM entity_mentions"
        " WHERE article_id = ? ORDER BY start_offset", (article_id,),
    ).fetchall()
    return [Mention(s, e, text[s:e], label, bool(uncertain)) for s, e, label, uncertain in rows]


def article_entities(library: Library, article_id: int, text: str) -> list[Mention] | None:
    """What the reader sees: stored mentions with the reader's corrections applied."""
    mentions = stored_mentions(library, article_id, text)
    if mentions is None:
        return None
    return apply_corrections(text, mentions, list_corrections(library))


def articles_needing_analysis(library: Library, identity: ModelIdentity | None = None,
                              ) -> list[int]:
    """Articles never analysed, or analysed on other content or by another model."""
    model = identity or installed_model()
    # Two index-only reads (migration 0011), then the order of the library list: the
    # article rows themselves (long, with their text) are never read, so this stays
    # quick at 100,000 articles.
    needing = {int(r[0]) for r in library.conn.execute(
        "SELECT a.id FROM articles a INDEXED BY articles_hash"
        " LEFT JOIN entity_analyses e INDEXED BY entity_analyses_identity"
        " ON e.article_id = a.id"
        " WHERE e.article_id IS NULL OR e.content_hash != a.content_hash"
        " OR e.model != ? OR e.model_version != ?", (model.name, model.version))}
    if not needing:
        return []
    ordered = library.conn.execute(
        "SELECT id FROM articles INDEXED BY articles_list_saved ORDER BY saved_at DESC, id DESC")
    return [int(r[0]) for r in ordered if int(r[0]) in needing]


# -- what the reader chose to see ---------------------------------------------


def enabled_categories(library: Library) -> frozenset[str]:
    stored = settings.read(library, settings.ENTITY_CATEGORIES)
    return default_enabled() if stored is None else parse_enabled(stored)


def set_enabled_categories(library: Library, keys: frozenset[str]) -> None:
    settings.write(library, settings.ENTITY_CATEGORIES, format_enabled(keys))


def visible(mentions: list[Mention], enabled: frozenset[str]) -> list[Mention]:
    return [m for m in mentions if (c := category_for(m.label)) is not None and c.key in enabled]


# -- summaries ------------------------------------------------------------------


@dataclass(frozen=True)
class EntitySummary:
    text: str
    label: str  # the label most of its mentions have
    category: str  # category key
    mentions: list[Mention]


def summarise(mentions: list[Mention]) -> list[EntitySummary]:
    """Distinct entities (by text), most mentioned first, then in reading order."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    summaries: list[EntitySummary] = []
    for key, group in groups.items():
        label = Counter(m.label for m in group).most_common(1)[0][0]
        category = category_for(label)
        if category is not None:
            summaries.append(EntitySummary(key, label, category.key, group))
    summaries.sort(key=lambda s: (-len(s.mentions), s.mentions[0].start))
    return summaries


def entities_by_category(library: Library, article_id: int) -> dict[str, list[str]]:
    """Category display name -> distinct entity texts, most frequent first.

    Corrections applied; only the categories the reader has switched on (the
    ones the reader shows), in legend order. ``{}`` if not analysed yet.
    """
    row = library.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return {}
    mentions = article_entities(library, article_id, str(row[0]))
    if mentions is None:
        return {}
    enabled = enabled_categories(library)
    by_key: dict[str, list[str]] = {}
    for summary in summarise(visible(mentions, enabled)):
        by_key.setdefault(summary.category, []).append(summary.text)
    return {c.name: by_key[c.key] for c in CATEGORIES if c.key in by_key}


@dataclass(frozen=True)
class ArticleMentioning:
    article_id: int
    title: str
    count: int


def articles_mentioning(library: Library, text: str) -> list[ArticleMentioning]:
    """Every article in the library that mentions the entity ``text`` (corrections applied)."""
    from desktop.core.entities.corrections import correction_for

    key = entity_key(text)
    correction = correction_for(library, key)
    if correction is not None and correction.action == "remove":
        return []
    counts: Counter[int] = Counter()
    for row in library.conn.execute(
        "SELECT article_id, COUNT(*) FROM entity_mentions WHERE entity_key = ?"
        " GROUP BY article_id", (key,),
    ):
        counts[int(row[0])] = int(row[1])
    if correction is not None and correction.action == "add":
        pattern = phrase_pattern(key)
        for article_id in library.search(key):
            found = library.conn.execute(
                "SELECT text FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if found is not None:
                counts[article_id] = max(counts[article_id],
                                         len(pattern.findall(str(found[0]))))
    titles = {
        int(r[0]): str(r[1]) for r in library.conn.execute(
            f"SELECT id, title FROM articles WHERE id IN ({','.join('?' * len(counts))})",
            list(counts),
        )
    } if counts else {}
    found_list = [ArticleMentioning(i, titles[i], n) for i, n in counts.items()
                  if n > 0 and i in titles]
    found_list.sort(key=lambda a: (-a.count, a.title.casefold()))
    return found_list
