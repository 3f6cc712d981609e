"""Searching the library: ranked articles, each with a snippet of the match and its field.

The index (migration 0010) has one row per article with six columns; bm25 weighs a
match in the title most, then highlights, tags, notes, the site and the text, so an
article whose title or highlights say the words comes before one that only mentions
them somewhere in its text.

Ranking is bounded. bm25 costs about a microsecond per matching article (it reads
each one's column sizes), so a word found in most of 100,000 articles took 0.1-0.5 s
to rank, while finding the matches without ranking them takes a few milliseconds. So
at most ``2 * CANDIDATES`` matches are ranked: the newest ``CANDIDATES`` articles that
say a word of the query in a title, highlight, note or tag (the fields that weigh
most, so the best matches are among them) and the newest ``CANDIDATES`` matches
anywhere. A query with fewer matches than that (nearly every real query) is ranked
whole, exactly as before. For a very common word, an older article that has it only
in its text, which bm25 might have put above a newer one, comes after the ranked ones
(newest first) instead: exact order deep in a list of tens of thousands is traded for
an answer that always comes in milliseconds. bm25's statistics (how rare each word
is, how long the fields are) still come from the whole library.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.search.query import FIELDS, ParsedQuery, QueryError, parse

# bm25 weights, in the order of FIELDS (title, text, highlights, notes, tags, site).
WEIGHTS = (10.0, 1.0, 5.0, 3.0, 4.0, 2.0)
# The fields that weigh most: an article saying the words there is always a candidate.
TELLING_FIELDS = ("title", "highlights", "notes", "tags")
CANDIDATES = 2000  # of each kind (telling fields, anywhere): see the docstring above
# Where a match is reported from when it is in several fields: the most telling first.
_FIELD_ORDER = ("title", "highlights", "notes", "tags", "site", "text")
# What a result says it was found in (the JSON `field`), per column.
FIELD_LABELS = {"title": "title", "text": "text", "highlights": "highlight",
                "notes": "note", "tags": "tag", "site": "site"}
_OPEN, _CLOSE = "\x02", "\x03"  # marks around matched words inside FTS5's snippet
SNIPPET_WORDS = 16

_RANK = "bm25(search_index, " + ", ".join(str(w) for w in WEIGHTS) + ")"
_SNIPPETS = ", ".join(
    f"snippet(search_index, {column}, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_WORDS})"
    for column in range(len(FIELDS)))


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    snippet: str  # the matched words are wrapped in ** (Markdown bold)
    score: float  # higher is better
    field: str  # title | highlight | note | tag | site | text


@dataclass(frozen=True)
class Allowed:
    """A condition on ``articles`` (a view, filters) that every result must meet too."""

    where: str = ""  # SQL over the articles table, with ? parameters
    params: tuple[object, ...] = ()

    def clause(self) -> str:
        # +rowid: a plain "rowid IN" is handed to FTS5, which then runs the whole
        # query once per allowed id (21 s instead of 28 ms at 10,000 articles).
        return f" AND +rowid IN (SELECT id FROM articles WHERE {self.where})" \
            if self.where else ""


EVERYWHERE = Allowed()


def _parsed(query: str | ParsedQuery, typing: bool) -> ParsedQuery:
    return query if isinstance(query, ParsedQuery) else parse(query, typing=typing)


def _telling(parsed: ParsedQuery) -> str:
    """FTS5: some word of the query in a telling field ("" when no word may be there)."""
    columns = "{" + " ".join(TELLING_FIELDS) + "} : "
    return " OR ".join(columns + term.fts() if not term.field else term.fts()
                       for group in parsed.groups for term in group
                       if term.field in ("", *TELLING_FIELDS))


def _candidates(parsed: ParsedQuery, allowed: Allowed) -> tuple[str, list[object]]:
    """SQL for the ids worth ranking (see the module's docstring), and its parameters."""
    newest = (f"SELECT * FROM (SELECT rowid AS id FROM search_index WHERE search_index MATCH ?"
              f"{allowed.clause()} ORDER BY rowid DESC LIMIT ?)")
    expression = parsed.fts()
    sql, params = newest, [expression, *allowed.params, CANDIDATES]
    telling = _telling(parsed)
    if telling:
        sql += " UNION " + newest
        params += [f"({expression}) AND ({telling})", *allowed.params, CANDIDATES]
    return sql, params


def best_first(conn: sqlite3.Connection, query: str | ParsedQuery, *, typing: bool = False,
               allowed: Allowed = EVERYWHERE, limit: int = -1,
               offset: int = 0) -> list[tuple[int, float]]:
    """(id, score) of the ranked matches of ``query``, best first: every match when
    there are fewer than CANDIDATES, else the candidates (the module's docstring)."""
    parsed = _parsed(query, typing)
    candidates, params = _candidates(parsed, allowed)
    found = _run(conn, f"SELECT '[' || group_concat(id) || ']', min(id) FROM ({candidates})",
                 tuple(params))
    chosen, oldest = found[0] if found else (None, None)
    if chosen is None:
        return []
    # rowid >= the oldest candidate: FTS5 seeks there, so the rank pass reads only the
    # part of each word's list the candidates lie in (for a common word, its newest 5%).
    rows = _run(conn, (
        f"SELECT rowid, {_RANK} AS score FROM search_index WHERE search_index MATCH ?"
        f" AND rowid >= ? AND +rowid IN (SELECT value FROM json_each(?))"
        f" ORDER BY score LIMIT ? OFFSET ?"), (parsed.fts(), oldest, chosen, limit, offset))
    return [(int(r[0]), -float(r[1])) for r in rows]


def search(conn: sqlite3.Connection, query: str | ParsedQuery, *, limit: int = 20,
           offset: int = 0, typing: bool = False) -> list[SearchHit]:
    """The best ``limit`` articles for ``query`` (after ``offset``), best first.

    Raises QueryError for a query that means nothing (one line, for the user).
    """
    parsed = _parsed(query, typing)
    ranked = best_first(conn, parsed, limit=limit, offset=offset)
    if len(ranked) < limit and offset + len(ranked) >= CANDIDATES:
        # Past the ranked candidates: the other matches, newest first, scored 0 (below
        # every ranked one, whose scores are positive).
        ranked += [(article_id, 0.0) for article_id in _unranked(
            conn, parsed, EVERYWHERE, skip=offset + len(ranked), take=limit - len(ranked))]
    if not ranked:
        return []
    ids = [article_id for article_id, _ in ranked]
    titles = _titles(conn, ids)
    # The snippets of these articles only, in one pass over the part of the matches
    # they lie in (a prefix is expanded once per statement: not one per article).
    marks = ",".join("?" * len(ids))
    snippets = {int(r[0]): r[1:] for r in _run(conn, (
        f"SELECT rowid, {_SNIPPETS} FROM search_index WHERE search_index MATCH ?"
        f" AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})"),
        (parsed.fts(), min(ids), max(ids), *ids))}
    hits = []
    for article_id, score in ranked:
        by_field = dict(zip(FIELDS, (str(s or "") for s in snippets.get(article_id, ())),
                            strict=False))
        field = next((f for f in _FIELD_ORDER if _OPEN in by_field.get(f, "")), "text")
        hits.append(SearchHit(article_id, titles.get(article_id, ""),
                              _readable(by_field.get(field, "")), score, FIELD_LABELS[field]))
    return hits


def ranked_ids(conn: sqlite3.Connection, query: str | ParsedQuery, *, typing: bool = False,
               allowed: Allowed = EVERYWHERE) -> list[int]:
    """Every matching (and allowed) article id, best first: the ranked ones, then any
    others newest first (the list in the window shows these).

    The same candidates as ``best_first``, found differently: the whole list is
    needed anyway, so every allowed match is read once, newest first (the allowed
    articles are looked up once, not once per kind of candidate)."""
    parsed = _parsed(query, typing)
    expression = parsed.fts()
    every = id_list(conn, f"SELECT rowid AS id FROM search_index WHERE search_index MATCH ?"
                          f"{allowed.clause()} ORDER BY rowid DESC",
                    (expression, *allowed.params))
    if len(every) <= CANDIDATES:
        return _rank(conn, expression, every)
    chosen = every[:CANDIDATES]
    telling = _telling(parsed)
    if telling:
        listed = set(every)
        said = id_list(conn, "SELECT rowid AS id FROM search_index WHERE search_index MATCH ?"
                             " ORDER BY rowid DESC", (f"({expression}) AND ({telling})",))
        chosen += itertools.islice(filter(listed.__contains__, said), CANDIDATES)
    ranked = _rank(conn, expression, chosen)
    done = set(ranked)
    return ranked + list(itertools.filterfalse(done.__contains__, every))


def _rank(conn: sqlite3.Connection, expression: str, ids: list[int]) -> list[int]:
    """``ids`` (matches of ``expression``) best first."""
    if not ids:
        return []
    return id_list(conn, (
        f"SELECT rowid AS id FROM search_index WHERE search_index MATCH ? AND rowid >= ?"
        f" AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY {_RANK}"),
        (expression, min(ids), "[" + ",".join(map(str, ids)) + "]"))


def _unranked(conn: sqlite3.Connection, parsed: ParsedQuery, allowed: Allowed, *,
              exclude: set[int] | None = None, skip: int = 0, take: int = -1) -> list[int]:
    """The matches best_first leaves out, newest first."""
    if exclude is None:
        exclude = {i for i, _ in best_first(conn, parsed, allowed=allowed)}
        skip -= len(exclude)
    found = id_list(conn, f"SELECT rowid AS id FROM search_index WHERE search_index MATCH ?"
                          f"{allowed.clause()} ORDER BY rowid DESC",
                    (parsed.fts(), *allowed.params))
    found = list(itertools.filterfalse(exclude.__contains__, found))  # a C loop, as above
    return found[max(0, skip):] if take < 0 else found[max(0, skip):max(0, skip) + take]


def id_list(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[int]:
    """The ids ``sql`` selects, in its order, read as one string.

    A list of 100,000 ids fetched row by row takes the interpreter's lock 100,000
    times in a worker thread, and the GUI thread waits for it between every event
    (stalls of 20-45 ms while typing); as one string, SQLite works with the lock
    released and the ints are made in one C loop. (The huge LIMIT keeps SQLite from
    ever dropping the ORDER BY of a subquery whose order an aggregate cannot see.)
    """
    rows = _run(conn, f"SELECT group_concat(id) FROM ({sql} LIMIT 9223372036854775807)",
                params)
    text = rows[0][0] if rows else None
    return list(map(int, str(text).split(","))) if text else []


def count(conn: sqlite3.Connection, query: str | ParsedQuery) -> int:
    rows = _run(conn, "SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                (_parsed(query, False).fts(),))
    return int(rows[0][0])


def matching_clause(query: str | ParsedQuery, *, typing: bool = False) -> tuple[str, str]:
    """An SQL condition on ``articles.id`` for filters that combine with a search."""
    return ("id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)",
            _parsed(query, typing).fts())


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


def abort_when(conn: sqlite3.Connection, stale: Callable[[], bool], every: int = 2000) -> None:
    """Make queries on ``conn`` stop (sqlite3.OperationalError 'interrupted') once
    ``stale()`` says their answer is no longer wanted (the user typed on); checked
    every ``every`` SQLite instructions."""
    conn.set_progress_handler(lambda: 1 if stale() else 0, every)
