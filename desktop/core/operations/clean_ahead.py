"""Cleaning the items of an import batch ahead of storing them, in worker processes.

Cleaning (parsing, trafilatura) is nearly all of an import's time and needs no
library, so a batch's files are read and cleaned by ``CLEANERS`` processes while the
one writer stores each finished article in the order given: ids, duplicates and the
per-file report come out exactly as from a serial import, in the time of about half
(bench/import_parallel.py). A small batch is cleaned in turn, in process: starting a
worker (a fresh interpreter importing the cleaner) costs about half a second.

Processes are started with "spawn", never fork: the window imports from a pool
thread, and a forked copy of a process with threads may hold a lock for ever.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import LecternError
from desktop.core.importing import prepare, read_source
from desktop.core.importing.parent_watch import die_with_parent
from desktop.core.importing.pipeline import Prepared
from desktop.core.models import Source
from desktop.core.operations.progress import ProgressSink

CLEANERS = 2  # the machine Lectern is built for has two cores; one is the writer's too
PARALLEL_FROM = 8  # items in a batch before workers are worth starting
AHEAD = 4  # items cleaned ahead per worker (bounded: a batch of 10,000 is not all in memory)


@dataclass(frozen=True)
class AnExport:
    """The item is another app's export: the writer moves it in (it needs the library)."""


Cleaned = Prepared | AnExport | LecternError


def clean_item(item: Source | Path) -> Cleaned:
    """Read and clean one item (in a worker or in process); failures become values."""
    try:
        if isinstance(item, Path):
            from desktop.core.importing.exports import open_export

            if open_export(item) is not None:
                return AnExport()
            item = read_source(item)
        return prepare(item)
    except LecternError as exc:
        return LecternError(str(exc))  # plain, so it always crosses back pickled
    except Exception as exc:  # a bug must not lose the rest of the batch
        return LecternError(f"unexpected error: {type(exc).__name__}: {exc}")


def cleaners_for(items: list[Source | Path]) -> int:
    if len(items) < PARALLEL_FROM:
        return 1
    return max(1, min(CLEANERS, os.cpu_count() or 1))


def cleaned_in_order(items: list[Source | Path], progress: ProgressSink,
                     cleaners: int) -> Iterator[Cleaned]:
    """Each item's cleaning, in the order of ``items``; stops early once cancelled."""
    if cleaners <= 1:
        for item in items:
            yield clean_item(item)
        return
    import multiprocessing

    pool = ProcessPoolExecutor(max_workers=cleaners,
                               mp_context=multiprocessing.get_context("spawn"),
                               # a killed import must not leave its cleaners running
                               initializer=die_with_parent, initargs=(os.getpid(),))
    waiting: deque[tuple[Source | Path, Future[Cleaned]]] = deque()
    upcoming = iter(items)
    try:
        while True:
            while len(waiting) < cleaners * AHEAD and not progress.cancelled:
                following = next(upcoming, None)
                if following is None:
                    break
                waiting.append((following, pool.submit(clean_item, following)))
            if not waiting:
                return
            item, future = waiting.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): go on here
                yield clean_item(item)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
