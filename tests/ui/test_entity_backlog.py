"""A large backlog of entity work: paused and resumed by the reader, in order, with the
article being read still analysed while paused, and the choice kept across restarts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core import settings
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.storage.library import Library
from desktop.ui.features.entities.controller import controller_of
from desktop.ui.features.entities.worker import JOB_SIZE, EntityWorker

BODY = ("Mira Castell told the Harbour Board in Lisbon on Tuesday that the ferry to Porto "
        "would run again in March, after repairs paid for by the city council. ")


def _library(path: Path, count: int) -> tuple[Library, list[int]]:
    library = Library.open(path)
    ids = [import_source(library, text_source(f"Harbour note {n}\n\n{BODY}(Number {n}.)",
                                             name=f"n{n}")).article.id for n in range(count)]
    return library, ids


def test_paused_backlog_waits_while_the_open_article_is_analysed(qtbot: Any,
                                                                  tmp_path: Path) -> None:
    library, ids = _library(tmp_path / "library.sqlite3", JOB_SIZE * 2 + 3)
    worker = EntityWorker(library.path)
    done: list[int] = []
    worker.article_ready.connect(lambda reply: done.append(int(reply["article"])))
    try:
        worker.set_paused(True)
        worker.request(ids[1:])  # the backlog
        worker.request([ids[0]], first=True)  # the article being read
        qtbot.waitUntil(lambda: done == [ids[0]], timeout=300000)  # the model loads slowly on a loaded machine
        qtbot.wait(1500)
        assert done == [ids[0]] and worker.waiting == len(ids) - 1  # the backlog waited
        worker.set_paused(False)
        qtbot.waitUntil(lambda: len(done) == len(ids), timeout=300000)  # the model loads slowly on a loaded machine
        assert done[1:] == ids[1:]  # in the order asked
        assert not worker.busy
    finally:
        worker.stop()
        library.close()


def test_the_pause_is_kept_for_the_next_session(window: Any) -> None:
    import_source(window.library, text_source("Harbour note\n\n" + BODY))
    entities = controller_of(window)
    assert entities is not None and not entities.worker.paused
    entities._progress(1, 40)  # a backlog under way shows its count and a Pause button
    assert entities.pause_button.isVisibleTo(window) and entities.pause_button.text() == "Pause"
    entities.toggle_backlog()
    assert entities.worker.paused and settings.read(window.library, settings.ENTITY_BACKLOG_PAUSED)
    assert entities.progress_label.text() == "Entities paused: 1 of 40 done"
    assert entities.pause_button.text() == "Resume"
    entities.worker.stop()
