"""``lectern search QUERY``: the library's full-text search from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json, fail, open_library

_SYNTAX = ('words (all of them), "exact phrase", deter* (prefix), -word (leave out), '
           "a OR b, and fields: title: text: highlight: note: tag: site:")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "search", help="search titles, text, highlights, notes and tags",
        description=f"Search the library, best matches first. Query: {_SYNTAX}.")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per line: id, title, snippet, score, field")
    p.add_argument("--limit", type=_positive, default=20, metavar="N",
                   help="at most N results (default 20)")
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from desktop.core.search import QueryError, search

    query = " ".join(args.query)
    library = open_library()
    try:
        hits = search(library.conn, query, limit=args.limit)
    except QueryError as exc:
        return fail(str(exc))
    for hit in hits:
        if args.json:
            emit_json({"id": hit.id, "title": hit.title, "snippet": hit.snippet,
                       "score": hit.score, "field": hit.field})
        else:
            print(f"{hit.id}\t{hit.title}\t[{hit.field}] {hit.snippet}")
    return 0
