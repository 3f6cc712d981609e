"""The feeds' and waiting links' work, run off the GUI thread (``window.tasks``).

Each job opens its own connection to the library (SQLite connections stay in
their thread) and returns the one line the status bar shows.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.operations.feeds import add_feed, refresh_feeds
from desktop.core.operations.fetch_waiting import fetch_waiting
from desktop.core.storage.library import Library
from desktop.core.storage.waiting import DONE, FAILED, WaitingLinks
from desktop.ui.tasks import Progress


def refresh_job(library_path: Path, progress: Progress, add: str = "") -> str:
    library = Library.open(library_path)
    try:
        if add:
            feed, first, new = add_feed(library, add, progress=progress)
            if not new:
                return f"Already following “{feed.title}”"
            return f"Following “{feed.title}”: {_articles(first.added)}"
        results = refresh_feeds(library, progress=progress)
    finally:
        library.close()
    added = sum(r.added for r in results)
    problems = [r for r in results if r.problem]
    line = f"Feeds refreshed: {_articles(added)}"
    if problems:
        line += f"; {len(problems)} could not be read ({problems[0].title}: {problems[0].problem})"
    return line


def fetch_links_job(library_path: Path, progress: Progress) -> str:
    library = Library.open(library_path)
    counts = {DONE: 0, FAILED: 0, "later": 0}
    try:
        for outcome in fetch_waiting(library, progress=progress):
            counts[outcome.status if outcome.status in counts else "later"] += 1
        waiting = WaitingLinks(library).count()
    finally:
        library.close()
    if not sum(counts.values()):
        return "No links are waiting to download" + (f" yet ({waiting} later)" if waiting else "")
    return (f"Downloaded {counts[DONE]} of {sum(counts.values())} waiting links; "
            f"{counts['later']} to try again later, {counts[FAILED]} given up")


def _articles(count: int) -> str:
    return f"{count} new article{'s' if count != 1 else ''}"
