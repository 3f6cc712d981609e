"""``lectern import PATH|URL|FOLDER ...``: what the import command reads, in any mix.

Files import in the order given, a folder's article files (recursively) where the
folder stands, and web addresses after them, several downloading at once while
the ones that arrived are cleaned. Each failure is one line on stderr and the
rest goes on; the exit status is 1 if anything failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json, warn
from desktop.cli.progress import StderrProgress


def expand_arguments(arguments: list[str]) -> tuple[list[str], list[str], bool]:
    """(file names in order, folders expanded; web addresses; whether a folder held
    no articles, said on stderr)."""
    from desktop.core.importing.folders import article_files
    from desktop.core.net.urls import looks_like_url

    names: list[str] = []
    urls: list[str] = []
    empty = False
    for name in arguments:
        path = Path(name)
        if name != "-" and looks_like_url(name) and not path.exists():
            urls.append(name)
        elif path.is_dir():
            found = article_files(path)
            if not found:
                warn(f"{name}: the folder holds no articles (.html, .htm, .txt, .md)")
                empty = True
            names.extend(str(f) for f in found)
        else:
            names.append(name)
    return names, urls, empty


def import_addresses(args: argparse.Namespace, library: Any, urls: list[str]) -> int:
    return _import_urls(args, library, urls)


def _import_urls(args: argparse.Namespace, library: Any, urls: list[str]) -> int:
    from desktop.core.operations.import_urls import import_urls

    failed = 0
    progress = StderrProgress("downloading")
    for outcome in import_urls(library, urls, progress=progress):
        if outcome.problem or outcome.article_id is None:
            failed += 1
            progress.clear()
            _report_failure(args, outcome.url, outcome.problem)
            continue
        progress.clear()
        url = library.article(outcome.article_id).url
        _report(args, outcome.url, outcome.article_id, outcome.title, outcome.words,
                outcome.duplicate, url)
    progress.finish(len(urls))
    return failed


def _report(args: argparse.Namespace, name: str, article_id: int, title: str, words: int,
            duplicate: bool, url: str) -> None:
    if args.json:
        emit_json({"id": article_id, "title": title, "words": words, "source": name,
                   "url": url, "duplicate": duplicate})
    else:
        note = " (already in the library)" if duplicate else ""
        print(f"{article_id}\t{title}\t{words} words{note}", flush=True)


def _report_failure(args: argparse.Namespace, name: str, message: str) -> None:
    warn(f"{name}: {message}")
    if args.json:
        emit_json({"source": name, "error": message})


def _open() -> Any:
    from desktop.cli.output import open_library

    return open_library()
