"""``lectern import PATH|URL|FOLDER ...``: what the import command reads, in any mix.

Files import in the order given, a folder's article files (recursively) where the
folder stands, and web addresses after them, several downloading at once while
the ones that arrived are cleaned. Each failure is one line on stderr and the
rest goes on; the exit status is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json, warn
from desktop.cli.progress import StderrProgress


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.core.errors import LecternError
    from desktop.core.importing import read_source, stdin_source
    from desktop.core.importing.folders import article_files
    from desktop.core.net.urls import looks_like_url
    from desktop.core.operations.import_articles import import_source

    library = _open()
    failed = 0
    urls: list[str] = []
    files: list[tuple[str, Path | None]] = []  # (name shown, path); None: stdin
    for name in args.paths:
        path = Path(name)
        if name == "-":
            files.append((name, None))
        elif looks_like_url(name) and not path.exists():
            urls.append(name)
        elif path.is_dir():
            found = article_files(path)
            if not found:
                warn(f"{name}: the folder holds no articles (.html, .htm, .txt, .md)")
                failed += 1
            files.extend((str(f), f) for f in found)
        else:
            files.append((name, path))
    progress = StderrProgress("importing") if len(files) > 1 else None
    for done, (name, file) in enumerate(files):
        if progress is not None:
            progress.report(done, len(files), name)
        try:
            source = stdin_source(sys.stdin) if file is None else read_source(file)
            outcome = import_source(library, source)
        except LecternError as exc:
            failed += 1
            _report_failure(args, name, str(exc))
            continue
        record = outcome.article
        _report(args, name, record.id, record.title, record.word_count, outcome.duplicate,
                record.url)
    if progress is not None:
        progress.finish(len(files))
    if urls:
        failed += _import_urls(args, library, urls)
    return 1 if failed else 0


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
