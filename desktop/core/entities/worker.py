"""The entity worker process: ``python -m desktop.core.entities.worker``.

The window never loads spaCy: a thread running it would hold the GIL and make
scrolling stutter, and importing it would delay the first window. The window
starts this process (desktop/ui/features/entities/controller.py, through QProcess) and
talks to it in JSON lines:

    stdin:  {"job": 1, "library": "/path/library.sqlite3", "analyse": [3, 4]}
            {"quit": true}
    stdout: {"ready": true, "model": "en_core_web_sm", "version": "3.8.0"}
            {"job": 1, "progress": [1, 2], "article": 3, "text_hash": "…",
             "model": "en_core_web_sm", "version": "3.8.0", "raw": [[0, 5, "GPE"], …]}
            {"job": 1, "done": [3, 4]}
            {"job": 1, "error": "one line for the status bar"}

The process only reads the library (its own connection per job; the lock makes
it read-only while the window holds the library). It sends the model's raw
mentions with the hash of the text they were computed on; the window, the
library's one writer, post-processes and stores them (store.save_analysis).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Any, TextIO

from desktop.core.entities.analysis import recognise_articles
from desktop.core.entities.mentions import to_rows
from desktop.core.entities.recognizer import Recognizer
from desktop.core.entities.store import text_hash
from desktop.core.storage.library import Library


def _send(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def handle(request: dict[str, Any], recognizer: Recognizer, out: TextIO) -> None:
    job = request.get("job", 0)
    ids = [int(i) for i in request.get("analyse", [])]
    identity = recognizer.identity
    library = Library.open(str(request["library"]))
    done: list[int] = []
    try:
        for article_id, text, mentions in recognise_articles(library, ids, recognizer):
            done.append(article_id)
            _send(out, {
                "job": job, "progress": [len(done), len(ids)], "article": article_id,
                "text_hash": text_hash(text), "model": identity.name,
                "version": identity.version, "raw": to_rows(mentions),
            })
    finally:
        library.close()
    _send(out, {"job": job, "done": done})


def serve(stdin: TextIO, out: TextIO) -> int:
    recognizer = Recognizer()
    try:
        recognizer.load()
    except Exception as exc:
        _send(out, {"fatal": f"cannot load the entity model: {exc}"})
        return 1
    identity = recognizer.identity
    _send(out, {"ready": True, "model": identity.name, "version": identity.version})
    for line in stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError:
            _send(out, {"error": "not a JSON request"})
            continue
        if request.get("quit"):
            return 0
        try:
            handle(request, recognizer, out)
        except Exception as exc:  # report and keep serving: one bad job loses nothing else
            _send(out, {"job": request.get("job", 0), "error": f"{type(exc).__name__}: {exc}"})
    return 0


def main() -> int:
    # Background work: the reader's window (and everything else) comes first.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    # Only protocol lines go to the real stdout; stray prints go to stderr.
    out = sys.stdout
    sys.stdout = sys.stderr
    return serve(sys.stdin, out)


if __name__ == "__main__":
    raise SystemExit(main())
