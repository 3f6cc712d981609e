"""``lectern searches``: the saved searches of the window's sidebar, from the command line.

    lectern searches                          # each with how many articles it lists
    lectern searches --save "Water" --search "drought OR flood" --tag policy
    lectern searches --remove "Water"
    lectern list --saved "Water"              # the articles a saved search lists
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.list_options import add_list_options, list_query
from desktop.cli.output import emit_json, fail, open_library


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "searches", help="the saved searches (as in the sidebar), with counts; save or remove one",
        description="Without options: every saved search with how many articles it lists. "
                    "--save NAME keeps the search and filters given (the options of "
                    "`lectern list`) under NAME; --remove NAME forgets one.")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--save", metavar="NAME", help="save the search and filters given")
    action.add_argument("--remove", metavar="NAME", help="forget this saved search")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per saved search: name, count, query")
    add_list_options(p)
    p.set_defaults(func=cmd_searches)


def cmd_searches(args: argparse.Namespace) -> int:
    from desktop.core.search.query import QueryError
    from desktop.core.search.saved import remove_search, save_search, saved_searches

    library = open_library(write=bool(args.save or args.remove))
    if args.remove is not None:
        if args.remove not in {s.name for s in saved_searches(library)}:
            return fail(f"no saved search named {args.remove!r}")
        remove_search(library, args.remove)
    elif args.save is not None:
        query = list_query(args)
        if query.search.strip():
            from desktop.core.search.query import parse

            try:
                parse(query.search)
            except QueryError as exc:
                return fail(str(exc))
        save_search(library, args.save, query)
    _print(library, saved_searches(library), args.json)
    return 0


def _print(library: Any, searches: list[Any], as_json: bool) -> None:
    from dataclasses import asdict

    from desktop.core.search.listing import count
    from desktop.core.search.query import QueryError

    for saved in searches:
        try:
            found: int | None = count(library.conn, saved.query)
        except QueryError:
            found = None
        if as_json:
            query = {k: v for k, v in asdict(saved.query).items()
                     if v not in ("", None, False) and k != "typing"}
            emit_json({"name": saved.name, "count": found, "query": query})
        else:
            print(f"{saved.name}\t{'?' if found is None else found}\t{saved.query.search}")


def saved_query(library: Any, name: str) -> Any:
    """The ListQuery saved as ``name``, or None."""
    from desktop.core.search.saved import saved_searches

    return next((s.query for s in saved_searches(library) if s.name == name), None)
