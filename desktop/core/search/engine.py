"""Searching the library: ranked articles, each with a snippet of the match and its field.

The index (migration 0010) has one row per article with six columns; bm25 weighs a
match in the title most, then highlights, tags, notes, the site and the text, so an
article whose title or highlights say the words comes before one that only mentions
them somewhere in its text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.search.query import FIELDS, ParsedQuery, QueryError, parse

# bm25 weights, in the order of FIELDS (title, text, highlights, notes, tags, site).
WEIGHTS = (10.0, 1.0, 5.0, 3.0, 4.0, 2.0)
# Where a match is reported from when it is in several fields: the most telling first.
_FIELD_ORDER = ("title", "highlights", "notes", "tags", "site", "text")
# What a result says it was found in (the JSON `field`), per column.
FIELD_LABELS = {"title": "title", "text": "text", "highlights": "highlight",
                "notes": "note", "tags": "tag", "site": "site"}
_OPEN, _CLOSE = "\x02", "\x03"  # marks around matched words inside FTS5's snippet
SNIPPET_WORDS = 16

_RANK = "bm25(search_index, " + ", ".join(str(w) for w in WEIGHTS) + ")"


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    snippet: str  # the matched words are wrapped in ** (Markdown bold)
    score: float  # higher is better
    field: str  # title | highlight | note | tag | site | text


def _fts(query: str | ParsedQuery, typing: bool) -> str:
    parsed = query if isinstance(query, ParsedQuery) else parse(query, typing=typing)
    return parsed.fts()


def search(conn: sqlite3.Connection, query: str | ParsedQuery, *, limit: int = 20,
           offset: int = 0, typing: bool = False) -> list[SearchHit]:
    """The best ``limit`` articles for ``query`` (after ``offset``), best first.

    Raises QueryError for a query that means nothing (one line, for the user).
    """
    expression = _fts(query, typing)
    snippets = ", ".join(
        f"snippet(search_index, {column}, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_WORDS})"
        for column in range(len(FIELDS)))
    rows = _run(conn, (
        f"SELECT rowid, {_RANK} AS score, {snippets} FROM search_index"
        f" WHERE search_index MATCH ? ORDER BY score LIMIT ? OFFSET ?"),
        (expression, limit, offset))
    if not rows:
        return []
    titles = _titles(conn, [int(r[0]) for r in rows])
    hits = []
    for row in rows:
        by_field = dict(zip(FIELDS, (str(s or "") for s in row[2:]), strict=True))
        field = next((f for f in _FIELD_ORDER if _OPEN in by_field[f]), "text")
        hits.append(SearchHit(int(row[0]), titles.get(int(row[0]), ""),
                              _readable(by_field[field]), -float(row[1]),
                              FIELD_LABELS[field]))
    return hits


def ranked_ids(conn: sqlite3.Connection, query: str | ParsedQuery, *,
               typing: bool = False, limit: int = -1) -> list[int]:
    """Every matching article id, best first (the list in the window shows these)."""
    rows = _run(conn, f"SELECT rowid FROM search_index WHERE search_index MATCH ?"
                      f" ORDER BY {_RANK} LIMIT ?", (_fts(query, typing), limit))
    return [int(r[0]) for r in rows]


def count(conn: sqlite3.Connection, query: str | ParsedQuery) -> int:
    rows = _run(conn, "SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                (_fts(query, False),))
    return int(rows[0][0])


def matching_clause(query: str | ParsedQuery, *, typing: bool = False) -> tuple[str, str]:
    """An SQL condition on ``articles.id`` for filters that combine with a search."""
    return ("id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)",
            _fts(query, typing))


def _run(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
        # The parser only ever writes quoted strings, so this is a query FTS5 still
        # refuses (e.g. a prefix too short to look up); say so in one line.
        raise QueryError(f"cannot search for that ({exc})") from None


def _titles(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", ids)
    return {int(r[0]): str(r[1]) for r in rows}


def _readable(snippet: str) -> str:
    flat = " ".join(snippet.split()).strip(" ;")  # tags are kept as "a ; b ; c"
    return flat.replace(_OPEN, "**").replace(_CLOSE, "**")


def abort_when(conn: sqlite3.Connection, stale: Callable[[], bool]) -> None:
    """Make queries on ``conn`` stop (sqlite3.OperationalError 'interrupted') once
    ``stale()`` says their answer is no longer wanted (the user typed on)."""
    conn.set_progress_handler(lambda: 1 if stale() else 0, 2000)
