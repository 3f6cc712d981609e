"""``lectern images ID [--load | --forget]``: an article's remote images.

Listing never touches the network; ``--load`` fetches the images not loaded yet
(one request each), as Article ▸ Load Images for This Article does in the window.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.output import emit_json, fail, open_library


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "images", help="list an article's images; --load fetches them, --forget drops them")
    p.add_argument("id", type=int, metavar="ID")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--load", action="store_true",
                       help="fetch the images not loaded yet and keep them in the library")
    group.add_argument("--forget", action="store_true",
                       help="delete the loaded images (the placeholders stay)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_images)


def cmd_images(args: argparse.Namespace) -> int:
    from desktop.core.storage.images import (
        article_images,
        cached_sources,
        forget_images,
        images_allowed,
        load_problems,
    )

    library = open_library()
    record = library.article(args.id)  # NotFound: one clear line from the CLI
    images = article_images(library, record.id)
    status = 0
    if args.load and images:
        from desktop.core.images.loading import load_article_images

        def progress(done: int, total: int, message: str) -> None:
            if message and not args.json:
                sys.stderr.write(f"{message}\r")

        report = load_article_images(library, record.id, progress=progress)
        sys.stderr.write(f"{report.summary()}\n")
        status = 1 if report.problems else 0
    elif args.forget:
        removed = forget_images(library, record.id)
        sys.stderr.write(f"removed {removed} loaded image{'s' if removed != 1 else ''}\n")
    elif args.load:
        return fail(f"article {record.id} has no images")
    loaded = cached_sources(library, record.id)
    problems = load_problems(library, record.id)
    allowed = images_allowed(library, record.id)
    for image in images:
        state = ("loaded" if image.src in loaded else
                 "failed" if image.src in problems else "not loaded")
        if args.json:
            emit_json({"article": record.id, "position": image.position, "src": image.src,
                       "alt": image.alt, "caption": image.caption, "state": state,
                       "problem": problems.get(image.src, ""), "allowed": allowed})
        else:
            reason = f" ({problems[image.src]})" if image.src in problems else ""
            print(f"{image.position}\t{state}{reason}\t{image.src}\t{image.alt}")
    return status
