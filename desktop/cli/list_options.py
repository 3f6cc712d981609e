"""The options of ``lectern list`` that choose and order articles (as the window's list)."""

from __future__ import annotations

import argparse
import re

from desktop.core.search.listing import SORTS, ListQuery

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")
    return value


def add_list_options(parser: argparse.ArgumentParser) -> None:
    views = parser.add_mutually_exclusive_group()
    views.add_argument("--inbox", dest="view", action="store_const", const="inbox",
                       help="only the Inbox (not archived)")
    views.add_argument("--archived", dest="view", action="store_const", const="archive",
                       help="only archived articles")
    views.add_argument("--favourites", dest="view", action="store_const", const="favourites",
                       help="only favourites")
    parser.set_defaults(view="all")
    parser.add_argument("--search", default="", metavar="QUERY",
                        help="only articles matching QUERY (as `lectern search`)")
    parser.add_argument("--tag", default="", help="only articles with this tag")
    parser.add_argument("--site", default="", help="only articles from this site")
    parser.add_argument("--entity", default="", help="only articles mentioning this entity")
    parser.add_argument("--feed", type=int, default=None, metavar="ID",
                        help="only articles that came from this feed")
    parser.add_argument("--color", default="", help="only articles with a highlight of this colour")
    parser.add_argument("--has-notes", action="store_true",
                        help="only articles with a note or a highlight with a note")
    for what in ("saved", "published"):
        parser.add_argument(f"--{what}-from", type=_date, metavar="DATE",
                            help=f"{what} on or after DATE (YYYY-MM-DD)")
        parser.add_argument(f"--{what}-to", type=_date, metavar="DATE",
                            help=f"{what} on or before DATE")
    parser.add_argument("--sort", choices=sorted(SORTS), default="",
                        help="order (default: most recently saved; best match with --search)")
    parser.add_argument("--reverse", action="store_true", help="the other way round")


def list_query(args: argparse.Namespace) -> ListQuery:
    query = ListQuery(view=args.view, search=args.search, tag=args.tag, site=args.site,
                      entity=args.entity, feed=args.feed, color=args.color,
                      has_notes=args.has_notes, saved_from=args.saved_from or "",
                      saved_to=args.saved_to or "", published_from=args.published_from or "",
                      published_to=args.published_to or "", sort=args.sort)
    if args.reverse:
        natural = SORTS[args.sort or "saved"][1]
        query = query.with_changes(descending=natural, sort=args.sort or "saved")
    return query
