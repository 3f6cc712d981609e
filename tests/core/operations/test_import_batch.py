"""Import a batch: the action the window and ``lectern import`` share."""

from __future__ import annotations

from pathlib import Path

from desktop.core.importing import text_source
from desktop.core.models import Source
from desktop.core.operations.import_articles import import_batch
from desktop.core.storage.library import Library

BODY = ("The harbour board met on Tuesday to decide the future of the old ferry terminal, "
        "which has stood empty for a decade while the town argued about what to build.")


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after

    @property
    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.reports) >= self.cancel_after

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports.append((done, total, message))


def test_a_bad_file_is_reported_and_the_rest_imported(library: Library, tmp_path: Path) -> None:
    good = tmp_path / "ferry.txt"
    good.write_text(f"Ferry Terminal Plans\n\n{BODY}", encoding="utf-8")
    items: list[Source | Path] = [tmp_path / "missing.html", good,
                                  text_source(f"Ferry Terminal Plans\n\n{BODY}")]
    progress = Recorder()
    report = import_batch(library, items, progress)
    assert report.failed == [(str(tmp_path / "missing.html"), "no such file")]
    assert [(name, dup) for name, _id, dup in report.imported] == [
        (str(good), False), ("pasted text", True)]
    assert (report.added, report.duplicates) == (1, 1)
    assert len(library.list_articles()) == 1
    assert progress.reports[0] == (0, 3, "missing.html")
    assert progress.reports[-1] == (3, 3, "")


def test_cancelling_stops_before_the_next_source(library: Library) -> None:
    items: list[Source | Path] = [text_source(f"Story Number {n}\n\n{BODY} {n}")
                                  for n in range(4)]
    report = import_batch(library, items, Recorder(cancel_after=2))
    assert len(report.imported) == 2
    assert len(library.list_articles()) == 2
