"""``lectern fetch``: download the links waiting in the library."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json, open_library, warn


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "fetch", help="download the pages of links waiting in the library (from other "
        "apps' exports and feeds)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--retry-failed", action="store_true",
                   help="try the links that were given up on again")
    p.add_argument("--list", action="store_true",
                   help="list the links waiting or given up on (download nothing)")
    p.set_defaults(func=cmd_fetch)


def cmd_fetch(args: argparse.Namespace) -> int:
    from desktop.cli.progress import StderrProgress
    from desktop.core.operations.fetch_waiting import fetch_waiting
    from desktop.core.storage.waiting import DONE, FAILED, WaitingLinks

    library = open_library()
    if args.list:
        return _list(args, library)
    if args.retry_failed:
        WaitingLinks(library).requeue_failed()
    progress = StderrProgress("downloading")
    counts = {DONE: 0, FAILED: 0, "later": 0}
    for outcome in fetch_waiting(library, progress=progress):
        progress.clear()
        key = outcome.status if outcome.status in (DONE, FAILED) else "later"
        counts[key] += 1
        if args.json:
            emit_json({"link": outcome.link_id, "url": outcome.url, "status": outcome.status,
                       "id": outcome.article_id, "title": outcome.title,
                       "duplicate": outcome.duplicate, "problem": outcome.problem})
        elif outcome.status == DONE:
            print(f"{outcome.article_id}\t{outcome.title}", flush=True)
        else:
            verb = "gave up" if outcome.status == FAILED else "will try again later"
            warn(f"{outcome.url}: {outcome.problem} ({verb})")
    progress.finish(sum(counts.values()))
    waiting = WaitingLinks(library).count()
    if not args.json:
        warn(f"{counts[DONE]} fetched, {counts['later']} to try again later, "
             f"{counts[FAILED]} given up; {waiting} still waiting")
    return 1 if counts[FAILED] else 0


def _list(args: argparse.Namespace, library: Any) -> int:
    from desktop.core.storage.waiting import WaitingLinks

    for link in WaitingLinks(library).all():
        if args.json:
            emit_json({"link": link.id, "url": link.url, "title": link.title,
                       "origin": link.origin, "status": link.status,
                       "attempts": link.attempts, "problem": link.problem})
        else:
            print(f"{link.id}\t{link.status}\t{link.url}\t{link.problem}")
    return 0
