"""Which articles the library list shows, in which order: views, filters, sorts and search.

``article_ids(conn, ListQuery(...))`` answers with ids only (a 100,000-article list is
a list of ints); the rows a list shows are read a page at a time with ``list_rows``.
The list is read in order from the sort's index (migration 0011), which also holds the
state columns (archived, favourite); every other filter is an ``id IN (...)`` over its
own index, so no query reads the article rows themselves, whose text makes them long.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from desktop.core.search.engine import Allowed, id_list, ranked_ids
from desktop.core.search.query import parse

VIEWS = ("inbox", "archive", "favourites", "all")
SORTS = {  # name: (ORDER BY for ascending, ascending by default, the index read in order)
    "saved": ("saved_at, id", False, "articles_list_saved"),
    "published": ("published, id", False, "articles_list_published"),
    "title": ("title COLLATE NOCASE, id", True, "articles_list_title"),
    "length": ("word_count, id", False, "articles_list_words"),
}


@dataclass(frozen=True)
class ListQuery:
    view: str = "inbox"  # one of VIEWS
    search: str = ""  # the search language of desktop.core.search.query
    tag: str = ""
    site: str = ""
    entity: str = ""  # an entity's text (desktop.core.entities.mentions.entity_key)
    feed: int | None = None  # articles that came from this feed (waiting_links origin)
    color: str = ""  # has a highlight of this colour
    has_notes: bool = False  # a free-form note or a highlight with a note
    saved_from: str = ""  # ISO dates, inclusive; "" for open-ended
    saved_to: str = ""
    published_from: str = ""
    published_to: str = ""
    sort: str = ""  # one of SORTS, or "" (best match when searching, else saved)
    descending: bool | None = None  # None: the sort's natural direction
    typing: bool = False  # the search's last word is still being typed (prefix)

    def with_changes(self, **changes: object) -> ListQuery:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ListRow:
    """What one row of the library list shows."""

    id: int
    title: str
    site: str
    published: str
    saved_at: str
    word_count: int
    archived: bool
    favourite: bool
    progress: float  # 0..1 of the text read
    url: str = ""


def _conditions(query: ListQuery) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if query.view not in VIEWS:
        raise ValueError(f"unknown view {query.view!r}")
    if query.view == "inbox":
        where.append("archived = 0")
    elif query.view == "archive":
        where.append("archived = 1")
    elif query.view == "favourites":
        where.append("favourite = 1")
    if query.tag:
        where.append("id IN (SELECT article_id FROM article_tags WHERE tag = ? COLLATE NOCASE)")
        params.append(query.tag)
    if query.site:
        where.append("id IN (SELECT id FROM articles INDEXED BY articles_site"
                     " WHERE site = ? COLLATE NOCASE)")
        params.append(query.site)
    if query.entity:
        where.append("id IN (SELECT article_id FROM entity_mentions WHERE entity_key = ?)")
        # entity_key's normalisation (desktop.core.entities.mentions, a sibling layer)
        params.append(" ".join(query.entity.split()))
    if query.feed is not None:
        where.append("id IN (SELECT article_id FROM waiting_links WHERE origin = ?"
                     " AND article_id IS NOT NULL)")
        params.append(f"feed:{query.feed}")
    if query.color:
        where.append("id IN (SELECT article_id FROM annotations WHERE color = ?)")
        params.append(query.color)
    if query.has_notes:
        where.append("(id IN (SELECT article_id FROM notes WHERE markdown != '')"
                     " OR id IN (SELECT article_id FROM annotations WHERE note != ''))")
    for column, index, low, high in (
            ("saved_at", "articles_list_saved", query.saved_from, query.saved_to),
            ("published", "articles_list_published", query.published_from, query.published_to)):
        if low or high:  # inclusive of the whole last day: "2026-03-01T..." < "2026-03-01~"
            where.append(f"id IN (SELECT id FROM articles INDEXED BY {index}"
                         f" WHERE {column} >= ? AND {column} <= ?)")
            params.extend([low, (high + "~") if high else "~"])
    return where, params


def article_ids(conn: sqlite3.Connection, query: ListQuery) -> list[int]:
    """The ids the list shows for ``query``, in its order.

    Raises QueryError for a search that means nothing.
    """
    where, params = _conditions(query)
    if query.search.strip():
        parsed = parse(query.search, typing=query.typing)
        if not query.sort:  # best match first, among the articles the rest allows
            return ranked_ids(conn, parsed, allowed=Allowed(" AND ".join(where), tuple(params)))
        where.insert(0, "id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)")
        params.insert(0, parsed.fts())
    order, ascending, index = SORTS.get(query.sort or "saved", SORTS["saved"])
    descending = (not ascending) if query.descending is None else query.descending
    if descending:
        order = ", ".join(f"{part} DESC" for part in order.split(", "))
    # Read in order from the sort's index, which holds the state columns too: the
    # article rows (long, with their text) are never read to make the list.
    sql = (f"SELECT id FROM articles INDEXED BY {index}"
           f" WHERE {' AND '.join(where) or '1'} ORDER BY {order}")
    return id_list(conn, sql, tuple(params))


def count(conn: sqlite3.Connection, query: ListQuery) -> int:
    """How many articles ``query`` lists (for the counts beside saved searches)."""
    where, params = _conditions(query)
    if query.search.strip():
        where.insert(0, "id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)")
        params.insert(0, parse(query.search, typing=query.typing).fts())
    sql = f"SELECT count(*) FROM articles WHERE {' AND '.join(where) or '1'}"
    return int(conn.execute(sql, params).fetchone()[0])


def list_rows(conn: sqlite3.Connection, ids: list[int]) -> dict[int, ListRow]:
    """The rows for ``ids`` (those still in the library), by id."""
    found: dict[int, ListRow] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on parameters is far above
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        # The state columns come after the text in each record: read from their index
        # (0011), so only the start of each row is read (29 s -> seconds at 100,000).
        state = {int(r[0]): (bool(r[1]), bool(r[2]), float(r[3])) for r in conn.execute(
            "SELECT id, archived, favourite, progress FROM articles"
            f" INDEXED BY articles_row_state WHERE id IN ({marks})", chunk)}
        rows = conn.execute("SELECT id, title, site, published, saved_at, word_count, url"
                            f" FROM articles WHERE id IN ({marks})", chunk)
        for r in rows:
            archived, favourite, progress = state.get(int(r[0]), (False, False, 0.0))
            found[int(r[0])] = ListRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]),
                                       int(r[5]), archived, favourite, progress, str(r[6]))
    return found
