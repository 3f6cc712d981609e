"""Import: sources (files, pasted text, stdin) become articles in the library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import LecternError
from desktop.core.importing import prepare, read_source
from desktop.core.models import Source
from desktop.core.operations.progress import NO_PROGRESS, ProgressSink
from desktop.core.storage.library import ImportOutcome, Library


def import_source(library: Library, source: Source) -> ImportOutcome:
    """Clean ``source`` and store it, unless the library has it already."""
    ready = prepare(source)
    return library.add_article(ready.source, ready.article, ready.encoding, ready.content_hash)


def import_path(library: Library, path: Path) -> ImportOutcome:
    return import_source(library, read_source(path))


@dataclass(frozen=True)
class ImportReport:
    """What happened to each source of one import batch."""

    imported: list[tuple[str, int, bool]] = field(default_factory=list)  # (name, id, duplicate)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source name, message)

    @property
    def added(self) -> int:
        return sum(1 for _name, _id, duplicate in self.imported if not duplicate)

    @property
    def duplicates(self) -> int:
        return len(self.imported) - self.added


# Told of each item as soon as it is done (its index in the batch, and what became of
# it), so the CLI can print one line per file in the order given.
EachItem = Callable[[int, ImportOutcome | LecternError], None]


def import_batch(library: Library, items: list[Source | Path],
                 progress: ProgressSink = NO_PROGRESS,
                 on_each: EachItem | None = None) -> ImportReport:
    """Import each item in turn; one that fails is reported and the rest go on."""
    report = ImportReport()
    for done, item in enumerate(items):
        if progress.cancelled:
            break
        name = item.name if isinstance(item, Source) else str(item)
        progress.report(done, len(items), Path(name).name)
        try:
            outcome = import_source(library, item if isinstance(item, Source)
                                    else read_source(item))
        except LecternError as exc:
            report.failed.append((name, str(exc)))
            result: ImportOutcome | LecternError = exc
        except Exception as exc:  # a bug must not lose the rest of the batch
            message = f"unexpected error: {type(exc).__name__}: {exc}"
            report.failed.append((name, message))
            result = LecternError(message)
        else:
            report.imported.append((name, outcome.article.id, outcome.duplicate))
            result = outcome
        if on_each is not None:
            on_each(done, result)
    progress.report(len(items), len(items), "")
    return report
