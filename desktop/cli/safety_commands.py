"""``lectern check``: is my library healthy, backed up, and who has it open?

It only looks: a damaged library is reported, and recovered from its newest
backup the next time Lectern opens it (any other command, or the window).
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "check", help="check the library's integrity, backups and lock (changes nothing)",
        description="Run SQLite's full integrity check on the library, list its backups "
                    "and say whether another Lectern has it open. Exit status 1 if the "
                    "library is damaged.")
    p.add_argument("--json", action="store_true", help="as one JSON object")
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    import sqlite3
    from datetime import UTC

    from desktop.core.paths import app_paths
    from desktop.core.storage import backups, health
    from desktop.core.storage.lock import held_elsewhere, holder_pid

    paths = app_paths()
    library = paths.library
    exists = library.exists()
    problem = health.check(library) if exists else None
    if exists and problem is None:
        conn = sqlite3.connect(f"file:{library.as_posix()}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(5)")]
            articles = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
        if rows != ["ok"]:
            problem = "; ".join(rows[:3])
    else:
        articles, version = 0, 0
    found = backups.list_backups(paths.backups)
    newest = backups.backup_time(found[0]) if found else None
    in_use = held_elsewhere(library)
    result = {
        "library": str(library), "exists": exists, "healthy": problem is None,
        "problem": problem or "", "schema": version, "articles": articles,
        "size_bytes": library.stat().st_size if exists else 0,
        "backups": [str(p) for p in found],
        "newest_backup": newest.astimezone(UTC).isoformat() if newest else "",
        "in_use_by": (holder_pid(library) or -1) if in_use else None,
    }
    if args.json:
        emit_json(result)
    else:
        _print(result, newest)
    return 0 if problem is None else 1


def _print(result: dict[str, Any], newest: Any) -> None:
    if not result["exists"]:
        print(f"library   {result['library']} (not created yet)")
    else:
        size = result["size_bytes"] / 1048576
        print(f"library   {result['library']} ({size:.1f} MB, schema {result['schema']}, "
              f"{result['articles']} article{'' if result['articles'] == 1 else 's'})")
    if result["healthy"]:
        print("integrity ok")
    else:
        print(f"integrity DAMAGED: {result['problem']}")
        print("          the next time Lectern opens the library it moves the damaged file "
              "aside and restores the newest intact backup")
    if result["backups"]:
        when = newest.astimezone().strftime("%Y-%m-%d %H:%M") if newest else "?"
        print(f"backups   {len(result['backups'])}, newest from {when}: {result['backups'][0]}")
    else:
        print("backups   none yet (the first is made once the library has an article)")
    if result["in_use_by"] is None:
        print("in use    no")
    else:
        pid = result["in_use_by"]
        who = f"process {pid}" if pid > 0 else "another process"
        print(f"in use    yes, by another Lectern ({who})")
