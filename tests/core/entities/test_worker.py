"""The worker process's protocol, run in-process on string streams."""

from __future__ import annotations

import io
import json
from pathlib import Path

from desktop.core.entities.store import entities_by_category
from desktop.core.entities.worker import serve
from desktop.core.importing import text_source
from desktop.core.library import Library

BODY = ("Angela Merkel met Emmanuel Macron in Paris on Monday to talk about the budget of the "
        "European Union, and both leaders said the talks had gone well. Merkel later flew "
        "back to Berlin, where journalists asked her about the agreement.")


def test_worker_analyses_reports_progress_and_survives_bad_requests(
        library: Library, tmp_path: Path) -> None:
    article_id = library.import_source(text_source(f"Leaders Meet in Paris\n\n{BODY}")).article.id
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
    assert replies[2] == {"job": 1, "progress": [1, 1], "article": article_id}
    assert replies[3] == {"job": 1, "done": [article_id]}
    assert replies[4]["job"] == 2 and "error" in replies[4]
    assert replies[5] == {"job": 3, "done": []}  # already current: nothing to do
    assert len(replies) == 6  # nothing after quit
    people = entities_by_category(library, article_id)["People"]
    assert {"Angela Merkel", "Merkel", "Emmanuel Macron"} <= set(people)
