"""Import: sources (files, pasted text, stdin) become articles in the library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.cleaning.trim_report import Trim, trim_of
from desktop.core.errors import LecternError
from desktop.core.importing import prepare, read_source
from desktop.core.importing.decoding import decode
from desktop.core.importing.pipeline import Prepared
from desktop.core.models import Source
from desktop.core.operations.progress import NO_PROGRESS, ProgressSink
from desktop.core.storage.library import ImportOutcome, Library

if TYPE_CHECKING:
    from desktop.core.operations.move_in.summary import MoveInSummary


def import_source(library: Library, source: Source) -> ImportOutcome:
    """Clean ``source`` and store it, unless the library has it already. For a plain
    text, the words given and kept are counted (trim_report says when to tell)."""
    return store_prepared(library, prepare(source))


def store_prepared(library: Library, ready: Prepared) -> ImportOutcome:
    """Store a cleaned source (unless the library has it already)."""
    source = ready.source
    outcome = library.add_article(source, ready.article, ready.encoding, ready.content_hash)
    if source.kind != "text" or outcome.duplicate:
        return outcome
    trim = trim_of(decode(source.data).text, ready.article)
    return replace(outcome, words_given=trim.given, words_kept=trim.kept)


def trim_notice(outcome: ImportOutcome) -> Trim | None:
    """The words an import's cleaning removed, when that is worth telling."""
    trim = Trim(kept=outcome.words_kept, given=outcome.words_given)
    return trim if outcome.words_given and trim.noticeable else None


def import_path(library: Library, path: Path) -> ImportOutcome:
    return import_source(library, read_source(path))


@dataclass(frozen=True)
class ImportReport:
    """What happened to each source of one import batch."""

    imported: list[tuple[str, int, bool]] = field(default_factory=list)  # (name, id, duplicate)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source name, message)
    moved_in: list[MoveInSummary] = field(default_factory=list)  # other apps' exports
    trimmed: list[tuple[str, Trim]] = field(default_factory=list)  # much removed: told

    @property
    def added(self) -> int:
        return sum(1 for _name, _id, duplicate in self.imported if not duplicate)

    @property
    def duplicates(self) -> int:
        return len(self.imported) - self.added


# Told of each item as soon as it is done (its index in the batch, and what became of
# it), so the CLI can print one line per file in the order given.
EachItem = Callable[[int, "ImportOutcome | LecternError | MoveInSummary"], None]


def import_batch(library: Library, items: list[Source | Path],
                 progress: ProgressSink = NO_PROGRESS,
                 on_each: EachItem | None = None, cleaners: int | None = None) -> ImportReport:
    """Import each item in turn; one that fails is reported and the rest go on.
    A file that is another app's export (recognised by content) moves in whole.

    A batch of many files is cleaned by ``cleaners`` worker processes ahead of this
    one, which stores them in the order given (desktop/core/operations/clean_ahead.py);
    None: two for a large batch, else one (in process)."""
    from desktop.core.operations.clean_ahead import AnExport, cleaned_in_order, cleaners_for
    from desktop.core.operations.move_in import move_in

    report = ImportReport()
    count = cleaners_for(items) if cleaners is None else cleaners
    cleaned = cleaned_in_order(items, progress, count)
    for done, (item, ready) in enumerate(zip(items, cleaned, strict=False)):
        if progress.cancelled:
            break
        name = item.name if isinstance(item, Source) else str(item)
        progress.report(done, len(items), Path(name).name)
        try:
            if isinstance(ready, LecternError):
                raise ready
            if isinstance(ready, AnExport):
                summary = move_in(library, Path(name), progress)
                if summary is not None:
                    report.moved_in.append(summary)
                    if on_each is not None:
                        on_each(done, summary)
                    continue
                ready = prepare(read_source(Path(name)))  # not one after all: a file
            outcome = store_prepared(library, ready)
        except LecternError as exc:
            report.failed.append((name, str(exc)))
            result: ImportOutcome | LecternError = exc
        except Exception as exc:  # a bug must not lose the rest of the batch
            message = f"unexpected error: {type(exc).__name__}: {exc}"
            report.failed.append((name, message))
            result = LecternError(message)
        else:
            report.imported.append((name, outcome.article.id, outcome.duplicate))
            if (trim := trim_notice(outcome)) is not None:
                report.trimmed.append((name, trim))
            result = outcome
        if on_each is not None:
            on_each(done, result)
    progress.report(len(items), len(items), "")
    return report
