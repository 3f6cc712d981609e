"""Analysing articles of a library: recognise, post-process, store.

``recognise_articles`` only reads (the app's worker process uses it: the
window's process is the library's one writer and stores what it sends back);
``analyse_articles`` also stores, for a process that may write (CLI, tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from desktop.core.entities.mentions import Mention, from_rows
from desktop.core.entities.recognizer import BATCH_SIZE, ModelIdentity, Recognizer
from desktop.core.entities.store import (
    Freshness,
    freshness,
    reprocess,
    save_analysis,
    text_hash,
)
from desktop.core.errors import NotFound
from desktop.core.storage.library import Library

ProgressCallback = Callable[[int, int, int], None]  # (done, total, article id)


def analyse_articles(library: Library, article_ids: Iterable[int], recognizer: Recognizer,
                     on_progress: ProgressCallback | None = None,
                     should_stop: Callable[[], bool] = lambda: False,
                     force: bool = False) -> list[int]:
    """Bring the entities of these articles up to date; returns the ids analysed.

    Current analyses are skipped (unless ``force``); a pipeline change re-uses
    the stored raw mentions; everything else goes through the model in batches.
    """
    ids = list(dict.fromkeys(article_ids))
    todo: list[tuple[int, str]] = []
    done: list[int] = []
    for article_id in ids:
        try:
            text = library.article(article_id).text
        except NotFound:
            continue
        state = Freshness.MISSING if force else freshness(library, article_id, text)
        if state is Freshness.CURRENT:
            continue
        if state is Freshness.STALE_PIPELINE:
            reprocess(library, article_id, text)
            done.append(article_id)
        else:
            todo.append((article_id, text))
    total = len(todo)
    for index, (article_id, mentions) in enumerate(_recognise(todo, recognizer)):
        text = dict(todo)[article_id]
        save_analysis(library, article_id, text, recognizer.identity, mentions)
        done.append(article_id)
        if on_progress is not None:
            on_progress(index + 1, total, article_id)
        if should_stop():
            break
    return done


def recognise_articles(library: Library, article_ids: Iterable[int], recognizer: Recognizer,
                       ) -> Iterator[tuple[int, str, list[Mention]]]:
    """(id, text, raw mentions) of each existing article, through the model in batches.

    Reads only: safe in a process that opened the library read-only.
    """
    todo: list[tuple[int, str]] = []
    for article_id in dict.fromkeys(article_ids):
        try:
            todo.append((article_id, library.article(article_id).text))
        except NotFound:
            continue
    texts = dict(todo)
    for article_id, mentions in _recognise(todo, recognizer):
        yield article_id, texts[article_id], mentions


def _recognise(todo: list[tuple[int, str]], recognizer: Recognizer,
               ) -> Iterator[tuple[int, list[Mention]]]:
    for start in range(0, len(todo), BATCH_SIZE):
        batch = todo[start:start + BATCH_SIZE]
        results = recognizer.analyse([text for _id, text in batch])
        for (article_id, _text), mentions in zip(batch, results, strict=True):
            yield article_id, mentions


@dataclass(frozen=True)
class StoredReply:
    article_id: int
    text: str
    mentions: list[Mention] | None  # post-processed; None: the text changed since


def store_replies(library: Library, replies: list[dict[str, Any]]) -> list[StoredReply]:
    """Store the worker's replies (see worker.py); articles deleted meanwhile are skipped."""
    stored: list[StoredReply] = []
    for reply in replies:
        article_id = int(reply["article"])
        try:
            text = library.article(article_id).text
        except NotFound:
            continue
        if text_hash(text) != reply["text_hash"]:
            stored.append(StoredReply(article_id, text, None))
            continue
        identity = ModelIdentity(str(reply["model"]), str(reply["version"]))
        mentions = save_analysis(library, article_id, text, identity,
                                 from_rows(text, reply["raw"]))
        stored.append(StoredReply(article_id, text, mentions))
    return stored
