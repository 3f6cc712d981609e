"""``lectern compact``: make an older library as compact as a new one."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json, open_library, warn


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "compact", help="compress sources stored before compression, and give space back",
        description="Compress the original pages of articles imported before Lectern kept "
                    "them compressed, then rewrite the library file so the freed space "
                    "returns to the disk (needs about the library's size free).")
    p.add_argument("--json", action="store_true", help="as one JSON object")
    p.set_defaults(func=cmd_compact)


def cmd_compact(args: argparse.Namespace) -> int:
    from desktop.core.storage.compaction import compress_sources, vacuum

    library = open_library()
    before = library.path.stat().st_size

    def report(done: int, total: int) -> None:
        if not args.json:
            warn(f"compressed {done:,} of {total:,} sources")

    compressed = compress_sources(library, report)
    vacuum(library)
    after = library.path.stat().st_size
    library.close()
    if args.json:
        emit_json({"compressed": compressed, "bytes_before": before, "bytes_after": after})
    else:
        print(f"compressed {compressed:,} sources; library {before / 1e6:.1f} MB "
              f"-> {after / 1e6:.1f} MB")
    return 0
