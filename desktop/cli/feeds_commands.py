"""``lectern feeds``: follow RSS, Atom and JSON feeds; refresh them; OPML in and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json, fail, open_library, warn


def register(subcommands: Any) -> None:
    feeds = subcommands.add_parser("feeds", help="follow feeds (RSS, Atom, JSON Feed)")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    p = actions.add_parser("add", help="follow a feed (or the feed a web page names)")
    p.add_argument("url", metavar="URL")
    p.add_argument("--json", action="store_true", help="as a JSON object")
    p.set_defaults(func=cmd_add)
    p = actions.add_parser("list", help="the feeds followed, with unread counts")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("refresh", help="fetch what is new in every feed")
    p.add_argument("id", type=int, nargs="?", metavar="ID", help="only this feed")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_refresh)
    p = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_remove)
    p = actions.add_parser("import-opml", help="follow the feeds of an OPML file")
    p.add_argument("path", metavar="FILE")
    p.set_defaults(func=cmd_import_opml)
    p = actions.add_parser("export-opml", help="print the feeds followed as OPML")
    p.set_defaults(func=cmd_export_opml)


def _feed_json(feed: Any) -> dict[str, Any]:
    return {"id": feed.id, "title": feed.title, "url": feed.url, "site": feed.site_url,
            "unread": feed.unread, "articles": feed.articles, "refreshed": feed.refreshed_at,
            "problem": feed.problem}


def cmd_add(args: argparse.Namespace) -> int:
    from desktop.cli.progress import StderrProgress
    from desktop.core.operations.feeds import add_feed

    library = open_library()
    feed, first, added = add_feed(library, args.url, progress=StderrProgress("downloading"))
    if args.json:
        emit_json({**_feed_json(feed), "new": added, "added": first.added,
                   "waiting": first.waiting})
    else:
        note = "" if added else " (already followed)"
        print(f"{feed.id}\t{feed.title}\t{first.added} new articles{note}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.core.storage.feeds import Feeds

    for feed in Feeds(open_library()).all():
        if args.json:
            emit_json(_feed_json(feed))
        else:
            problem = f"\t{feed.problem}" if feed.problem else ""
            print(f"{feed.id}\t{feed.title}\t{feed.unread} unread\t{feed.url}{problem}")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from desktop.cli.progress import StderrProgress
    from desktop.core.operations.feeds import refresh_feeds
    from desktop.core.storage.feeds import Feeds

    library = open_library()
    if args.id is not None:
        Feeds(library).get(args.id)  # NotFound: one line
    results = refresh_feeds(library, only=args.id, progress=StderrProgress("refreshing"))
    if not results:
        warn("no feeds followed yet: lectern feeds add URL")
    failed = 0
    for result in results:
        if result.problem:
            failed += 1
            warn(f"feed {result.feed_id} ({result.title}): {result.problem}")
        if args.json:
            emit_json({"id": result.feed_id, "title": result.title, "added": result.added,
                       "waiting": result.waiting, "unchanged": result.unchanged,
                       "problem": result.problem})
        elif not result.problem:
            state = "unchanged" if result.unchanged else f"{result.added} new articles"
            extra = f", {result.waiting} pages to fetch later" if result.waiting else ""
            print(f"{result.feed_id}\t{result.title}\t{state}{extra}")
    return 1 if failed else 0


def cmd_remove(args: argparse.Namespace) -> int:
    from desktop.core.storage.feeds import Feeds

    feeds = Feeds(open_library())
    title = feeds.get(args.id).title
    feeds.remove(args.id)
    warn(f"no longer following “{title}” (its articles stay in the library)")
    return 0


def cmd_import_opml(args: argparse.Namespace) -> int:
    from desktop.core.feeds.opml import follow_opml, read_opml

    entries = read_opml(Path(args.path))
    added, known = follow_opml(open_library(), entries)
    if not entries:
        return fail(f"{args.path}: the OPML file lists no feeds")
    warn(f"following {added} new feeds ({known} already followed); "
         "`lectern feeds refresh` fetches them")
    return 0


def cmd_export_opml(args: argparse.Namespace) -> int:
    from desktop.core.feeds.opml import opml_text
    from desktop.core.storage.feeds import Feeds

    sys.stdout.write(opml_text(Feeds(open_library()).all()))
    return 0
