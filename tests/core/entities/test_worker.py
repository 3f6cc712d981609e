"""The worker process's protocol, run in-process on string streams."""

from __future__ import annotations

import io
import json
from pathlib import Path

from desktop.core.entities.mentions import from_rows
from desktop.core.entities.recognizer import ModelIdentity
from desktop.core.entities.store import entities_by_category, save_analysis, text_hash
from desktop.core.entities.worker import serve
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library

BODY = ("Angela Merkel met Emmanuel Macron in Paris on Monday to talk about the budget of the "
        "European Union, and both leaders said the talks had gone well. Merkel later flew "
        "back to Berlin, where journalists asked her about the agreement.")


def test_worker_analyses_reports_progress_and_survives_bad_requests(
        library: Library, tmp_path: Path) -> None:
    article_id = import_source(library, text_source(f"Leaders Meet in Paris\n\n{BODY}")).article.id
    requests = "\n".join([
        "not json",
        json.dumps({"job": 1, "library": str(library.path), "analyse": [article_id, 999]}),
        json.dumps({"job": 2, "library": str(tmp_path), "analyse": [1]}),  # a folder
        json.dumps({"job": 3, "library": str(library.path), "analyse": [article_id]}),
        json.dumps({"quit": True}),
        json.dumps({"job": 4, "library": str(library.path), "analyse": [article_id]}),
    ]) + "\n"
    out = io.StringIO()
    assert serve(io.StringIO(requests), out) == 0
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    assert replies[0]["ready"] is True and replies[0]["model"] == "en_core_web_sm"
    assert "error" in replies[1]
    found = replies[2]
    text = library.article(article_id).text
    assert (found["job"], found["progress"], found["article"]) == (1, [1, 2], article_id)
    assert found["text_hash"] == text_hash(text)
    assert replies[3] == {"job": 1, "done": [article_id]}  # 999 does not exist
    assert replies[4]["job"] == 2 and "error" in replies[4]
    assert replies[5]["job"] == 3 and replies[6] == {"job": 3, "done": [article_id]}
    assert len(replies) == 7  # nothing after quit
    # The worker only reads: nothing is stored until the writer stores the reply.
    assert entities_by_category(library, article_id) == {}
    raw = from_rows(text, found["raw"])
    assert all(text[m.start:m.end] == m.text for m in raw)
    save_analysis(library, article_id, text, ModelIdentity(found["model"], found["version"]),
                  raw)
    people = entities_by_category(library, article_id)["People"]
    assert {"Angela Merkel", "Merkel", "Emmanuel Macron"} <= set(people)


def test_worker_reads_a_library_another_process_holds(library: Library) -> None:
    """The window holds the library's lock; the worker still reads it (read-only)."""
    import subprocess
    import sys

    article_id = import_source(library, text_source(f"Leaders Meet in Paris\n\n{BODY}")).article.id
    request = json.dumps({"job": 1, "library": str(library.path), "analyse": [article_id]})
    from desktop.core.storage.lock import acquire

    with acquire(library.path):
        result = subprocess.run(
            [sys.executable, "-m", "desktop.core.entities.worker"],
            input=request + "\n" + json.dumps({"quit": True}) + "\n",
            capture_output=True, text=True, timeout=120, check=True,
        )
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert replies[-1] == {"job": 1, "done": [article_id]}
    assert any(r.get("article") == article_id and r["raw"] for r in replies)


def test_store_replies_skips_deleted_and_flags_changed_articles(library: Library) -> None:
    from desktop.core.entities.analysis import store_replies

    kept = import_source(library, text_source(f"Leaders Meet in Paris\n\n{BODY}")).article
    gone = import_source(library, text_source(f"Leaders Meet Again\n\n{BODY} Again.")).article
    start = kept.text.index("Paris")
    reply = {"article": kept.id, "text_hash": text_hash(kept.text), "model": "m",
             "version": "1", "raw": [[start, start + 5, "GPE"]]}
    stale = {**reply, "text_hash": "not the text any more"}
    library.delete_article(gone.id)
    results = store_replies(library, [reply, {**reply, "article": gone.id}, stale])
    assert [(r.article_id, r.mentions is None) for r in results] == [
        (kept.id, False), (kept.id, True)]
    assert entities_by_category(library, kept.id)["Places"] == ["Paris"]
