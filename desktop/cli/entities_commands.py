"""``lectern entities``: the named entities of files or library articles."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json, open_library, warn


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "entities", help="list the named entities of files or library articles",
        description="Print the named entities of each input. Offsets point into the text "
        "`lectern clean` prints for a file (with --raw: into the file's own text), or "
        "`lectern show ID --text` for an article id. Your corrections apply.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_ID",
                   help="files ('-' reads stdin) or article ids")
    p.add_argument("--json", action="store_true",
                   help='one JSON object per input: {"source", "entities": [...]}')
    p.add_argument("--raw", action="store_true",
                   help="analyse text files exactly as they are, without cleaning")
    p.set_defaults(func=cmd_entities)


@dataclass
class _Input:
    source: str
    text: str = ""
    article_id: int | None = None
    mentions: list[Any] | None = None  # known without the model (stored, current)
    error: str = ""


def _read(name: str, raw: bool, library: Any) -> _Input:
    from desktop.core.errors import LecternError
    from desktop.core.importing import clean_source, read_source
    from desktop.core.importing.decoding import decode

    try:
        if name == "-":
            from desktop.core.importing import stdin_source

            source = stdin_source(sys.stdin.buffer)
        elif _is_file(name) or raw or not name.isdigit():
            source = read_source(Path(name))
        else:
            return _from_library(name, library)
        if raw:
            return _Input(name, decode(source.data).text)
        article, _encoding = clean_source(source)
        return _Input(name, article.text)
    except LecternError as exc:
        return _Input(name, error=str(exc))


def _is_file(name: str) -> bool:
    try:
        return Path(name).exists()
    except (OSError, ValueError):  # a name too long to be a path is no file
        return False


def _from_library(name: str, library: Any) -> _Input:
    from desktop.core.entities.store import stored_mentions
    from desktop.core.errors import NotFound

    try:
        from desktop.core.importing.bounded_input import parse_id

        record = library.article(parse_id(name, "the article id"))
    except NotFound as exc:
        return _Input(name, error=str(exc))
    text = record.text
    return _Input(name, text, record.id, stored_mentions(library, record.id, text))


# Inputs are read, analysed (one nlp.pipe call) and printed this many at a time:
# memory stays bounded and results appear as they are ready, in input order.
CHUNK_INPUTS = 64


def cmd_entities(args: argparse.Namespace) -> int:
    from desktop.core.entities.corrections import list_corrections

    library = open_library()
    corrections = list_corrections(library)
    failed = 0
    try:
        for start in range(0, len(args.inputs), CHUNK_INPUTS):
            names = args.inputs[start:start + CHUNK_INPUTS]
            inputs = [_read(name, args.raw, library) for name in names]
            failed += _process(inputs, library, corrections, args.json)
    finally:
        library.close()
    return 1 if failed else 0


def _process(inputs: list[_Input], library: Any, corrections: list[Any], as_json: bool) -> int:
    """Analyse and print one chunk of inputs; returns how many failed."""
    from desktop.core.entities.corrections import apply_corrections
    from desktop.core.entities.store import Freshness, freshness

    # Files always go through the model; library articles only when their stored
    # results are missing or were computed by another model.
    pending = [
        i for i in inputs
        if not i.error and (i.mentions is None or (
            i.article_id is not None
            and freshness(library, i.article_id, i.text) is Freshness.STALE_MODEL))
    ]
    if pending:
        _recognise(pending, library)
    failed = 0
    for item in inputs:
        if item.error:
            failed += 1
            warn(f"{item.source}: {item.error}")
            if as_json:
                emit_json({"source": item.source, "error": item.error})
            continue
        mentions = apply_corrections(item.text, item.mentions or [], corrections)
        _print(item.source, mentions, as_json)
    return failed


def _recognise(pending: list[_Input], library: Any) -> None:
    """All texts through the model in one process, batched (nlp.pipe)."""
    from desktop.core.entities.corrections import list_corrections
    from desktop.core.entities.postprocess import improve
    from desktop.core.entities.recognizer import Recognizer
    from desktop.core.entities.store import save_analysis

    recognizer = Recognizer()
    corrected = {c.text for c in list_corrections(library)}
    results = recognizer.analyse(item.text for item in pending)
    for item, raw in zip(pending, results, strict=True):
        if item.article_id is not None:  # keep it: the window shows it at once later
            item.mentions = save_analysis(library, item.article_id, item.text,
                                          recognizer.identity, raw)
        else:  # a name the reader corrected is kept, as in the library
            item.mentions = improve(item.text, raw, keep=corrected)


def _print(source: str, mentions: list[Any], as_json: bool) -> None:
    from desktop.core.entities.categories import category_for

    rows = []
    for m in mentions:
        category = category_for(m.label)
        rows.append({"start": m.start, "end": m.end, "text": m.text, "label": m.label,
                     "category": category.name if category else "",
                     "uncertain": m.uncertain})
    if as_json:
        emit_json({"source": source, "entities": rows})
        return
    print(f"{source}: {len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")
    for row in rows:
        doubt = "?" if row["uncertain"] else ""  # the kind is a guess on thin evidence
        print(f"  {row['start']}\t{row['end']}\t{row['category']}{doubt}\t{row['text']}")
