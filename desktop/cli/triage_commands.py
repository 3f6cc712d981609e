"""``lectern archive | unarchive | favourite ID…``: triage from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json, fail, open_library


def register(subcommands: Any) -> None:
    for name, help_text in (("archive", "move articles out of the Inbox into the Archive"),
                            ("unarchive", "bring archived articles back to the Inbox")):
        p = subcommands.add_parser(name, help=help_text)
        p.add_argument("ids", nargs="+", type=int, metavar="ID")
        p.add_argument("--json", action="store_true", help="one JSON object per article")
        p.set_defaults(func=cmd_archive, archived=name == "archive")
    p = subcommands.add_parser("favourite", help="star articles (--remove: unstar them)")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument("--remove", action="store_true", help="remove them from the favourites")
    p.add_argument("--json", action="store_true", help="one JSON object per article")
    p.set_defaults(func=cmd_favourite)


def _known(library: Any, ids: list[int]) -> list[int] | None:
    marks = ",".join("?" * len(ids))
    found = {int(r[0]) for r in library.conn.execute(
        f"SELECT id FROM articles WHERE id IN ({marks})", ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        fail(f"no article with id {', '.join(map(str, missing))} (nothing was changed)")
        return None
    return list(dict.fromkeys(ids))


def _report(library: Any, ids: list[int], as_json: bool) -> None:
    from desktop.core.storage.reading_state import ReadingStates

    states = ReadingStates(library)
    for article_id in ids:
        state = states.get(article_id)
        if as_json:
            emit_json({"id": article_id, "archived": state.archived,
                       "favourite": state.favourite})
        else:
            where = "Archive" if state.archived else "Inbox"
            print(f"{article_id}\t{where}{'  ★' if state.favourite else ''}")


def cmd_archive(args: argparse.Namespace) -> int:
    from desktop.core.storage.reading_state import ReadingStates

    library = open_library()
    ids = _known(library, args.ids)
    if ids is None:
        return 1
    ReadingStates(library).set_archived(ids, args.archived)
    _report(library, ids, args.json)
    return 0


def cmd_favourite(args: argparse.Namespace) -> int:
    from desktop.core.storage.reading_state import ReadingStates

    library = open_library()
    ids = _known(library, args.ids)
    if ids is None:
        return 1
    ReadingStates(library).set_favourite(ids, not args.remove)
    _report(library, ids, args.json)
    return 0
