"""``lectern annotate | annotations | update``: highlights from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json, open_library


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "annotate", help="highlight a passage of an article (prints it as JSON)",
        description="Highlight a passage of article ID, given exactly (--quote) as it reads in "
                    "`lectern show ID --text`; --occurrence picks one when it appears more "
                    "than once.")
    p.add_argument("id", type=int, metavar="ID", help="the article (see `lectern list`)")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the exact text to highlight")
    p.add_argument("--occurrence", type=int, default=None, metavar="N",
                   help="which occurrence of the quote (1 = first); needed when it repeats")
    p.add_argument("--color", default="yellow", metavar="NAME",
                   help="colour key (yellow, green, blue, pink, purple) or its meaning")
    p.add_argument("--note", default="", metavar="TEXT", help="a note on the highlight")
    p.add_argument("--tag", action="append", default=[], metavar="TAG",
                   help="a tag (repeat for more)")
    p.set_defaults(func=cmd_annotate)

    p = subcommands.add_parser("annotations", help="list an article's highlights")
    p.add_argument("id", type=int, metavar="ID", help="the article (see `lectern list`)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_annotations)

    p = subcommands.add_parser(
        "update", help="replace an article with a new version of its page; highlights follow",
        description="Replace article ID's source with PATH, clean it again and re-anchor its "
                    "highlights. Highlights that cannot be placed with confidence are kept "
                    "as orphaned, never attached to the wrong text.")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("path", metavar="PATH", help="the new version (saved page, text or Markdown)")
    p.add_argument("--json", action="store_true", help="the counts as one JSON object")
    p.set_defaults(func=cmd_update)


def annotation_json(annotation: Any, meanings: dict[str, str]) -> dict[str, Any]:
    return {
        "id": annotation.id, "article_id": annotation.article_id, "quote": annotation.quote,
        "prefix": annotation.prefix, "suffix": annotation.suffix, "start": annotation.start,
        "end": annotation.end, "color": annotation.color,
        "meaning": meanings.get(annotation.color, ""), "note": annotation.note,
        "tags": annotation.tags, "status": annotation.status, "block_id": annotation.block_id,
        "created_at": annotation.created_at, "updated_at": annotation.updated_at,
    }


def find_quote(text: str, quote: str, occurrence: int | None) -> int:
    """Start of the chosen occurrence of ``quote``; a clear error when it is ambiguous."""
    from desktop.core.annotations import BadAnnotation

    if not quote.strip():
        raise BadAnnotation("--quote is empty")
    starts: list[int] = []
    at = text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        raise BadAnnotation("the quote is not in the article's text "
                            "(see `lectern show ID --text` for the exact text)")
    if occurrence is None:
        if len(starts) > 1:
            raise BadAnnotation(f"the quote appears {len(starts)} times; "
                                f"choose one with --occurrence 1..{len(starts)}")
        return starts[0]
    if not 1 <= occurrence <= len(starts):
        raise BadAnnotation(f"--occurrence must be between 1 and {len(starts)} "
                            f"(the quote appears {len(starts)} times)")
    return starts[occurrence - 1]


def cmd_annotate(args: argparse.Namespace) -> int:
    from desktop.core.annotations import AnnotationStore

    library = open_library()
    store = AnnotationStore(library)
    text = library.article(args.id).text
    start = find_quote(text, args.quote, args.occurrence)
    color = store.resolve_color(args.color)
    created = store.create(args.id, start, start + len(args.quote), color=color,
                           note=args.note, tags=args.tag)
    emit_json(annotation_json(created, store.color_meanings()))
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from desktop.core.annotations import AnnotationStore

    library = open_library()
    library.article(args.id)  # NotFound: one clear line
    store = AnnotationStore(library)
    meanings = store.color_meanings()
    for item in store.for_article(args.id):
        if args.json:
            emit_json(annotation_json(item, meanings))
            continue
        quote = " ".join(item.quote.split())
        quote = quote if len(quote) <= 70 else quote[:69] + "…"
        extras = [f"{item.color} ({meanings[item.color]})"]
        if item.tags:
            extras.append(" ".join(f"#{t}" for t in item.tags))
        where = f"{item.start}-{item.end}" if item.anchored else "ORPHANED"
        print(f"{item.id}\t{where}\t“{quote}”\t{'  '.join(extras)}")
        if item.note:
            print("\t\t" + item.note.replace("\n", "\n\t\t"))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from desktop.core.importing import read_source
    from desktop.core.operations.update_article import update_article

    library = open_library()
    library.article(args.id)  # NotFound before reading anything
    outcome = update_article(library, args.id, read_source(Path(args.path)))
    record, report = outcome.record, outcome.report
    if args.json:
        emit_json({"id": args.id, "title": record.title, "words": record.word_count,
                   **report.as_dict()})
    else:
        print(f"{args.id}\t{record.title}\t{record.word_count} words")
        print(f"highlights: {report.stayed} stayed, {report.moved} moved, "
              f"{report.orphaned} orphaned")
    return 0
