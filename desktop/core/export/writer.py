"""Writing notes to a folder without ever destroying what the user wrote there.

For each article: a file Lectern wrote and nobody touched since is rewritten
(``updated``, or ``unchanged`` when the content is the same); a file the user
edited is never rewritten: what is new since (highlights, the free-form notes)
is appended in a dated section (``appended``); a file of the same name that
Lectern did not write is left alone (``skipped``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import LecternError
from desktop.core.export.atomic import AtomicBatch, remove_stale_temporaries
from desktop.core.export.context import ExportContext, HighlightVars, build_context
from desktop.core.export.records import ExportRecord, find_record, folder_key, save_record
from desktop.core.export.slug import article_file_name
from desktop.core.export.sources import HighlightSource, highlight_source
from desktop.core.export.templates import ExportTemplate

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

STATUSES = ("written", "updated", "appended", "unchanged", "skipped", "failed")
_BLOCK_REF = re.compile(r"hl-[A-Za-z0-9]+")
BATCH_SIZE = 200  # files staged, flushed and recorded together


@dataclass(frozen=True)
class FileOutcome:
    article_id: int
    title: str
    path: Path
    status: str  # one of STATUSES
    message: str = ""
    added: int = 0  # highlights added (appended) or written


@dataclass
class ExportReport:
    folder: Path
    files: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in STATUSES if self.count(s)]
        return ", ".join(parts) or "nothing to export"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class _Pending:
    outcome: FileOutcome
    record: ExportRecord


class Exporter:
    """Exports articles through one template into folders, recording what it wrote."""

    def __init__(self, library: Library, template: ExportTemplate,
                 highlights: HighlightSource | None = None, now: datetime | None = None) -> None:
        self.library = library
        self.template = template
        self.highlights = highlights if highlights is not None else highlight_source(library)
        self.now = now

    def export(self, article_ids: Iterable[int], folder: Path,
               progress: Callable[[int, int, str], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> ExportReport:
        folder = folder.expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LecternError(f"cannot create the export folder {folder}: {exc}") from exc
        remove_stale_temporaries(folder)
        ids = list(dict.fromkeys(article_ids))  # each article once
        report = ExportReport(folder)
        meanings = self.highlights.color_meanings()
        batch = AtomicBatch()
        pending: list[_Pending] = []
        for done, article_id in enumerate(ids):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            try:
                context = build_context(self.library, self.highlights, article_id,
                                        meanings=meanings, now=self.now)
                if progress is not None:
                    progress(done, len(ids), context.article.title)
                item = self._plan(context, folder, batch)
            except (LecternError, OSError) as exc:
                report.files.append(FileOutcome(article_id, "", folder, "failed", str(exc)))
                continue
            if isinstance(item, FileOutcome):
                report.files.append(item)
            else:
                pending.append(item)
            if len(batch) >= BATCH_SIZE:
                self._commit(batch, pending, report)
        self._commit(batch, pending, report)
        if progress is not None:
            progress(len(ids), len(ids), "")
        return report

    def _commit(self, batch: AtomicBatch, pending: list[_Pending], report: ExportReport) -> None:
        batch.commit()  # files first: a record never claims a file that is not there
        report.files.extend(item.outcome for item in pending)
        if self.library.readonly:  # another Lectern writes this library
            if pending and not report.warnings:
                report.warnings.append(
                    "the library is open read-only (another Lectern is using it), so Lectern "
                    "could not record what it wrote; a later export treats these files as "
                    "edited by you: it will add to them, never rewrite them")
        else:
            with self.library.transaction() as conn:
                for item in pending:
                    save_record(conn, item.record)
        pending.clear()

    # -- one article ---------------------------------------------------------

    def _stamp(self) -> datetime:
        return self.now or datetime.now(UTC)

    def _plan(self, context: ExportContext, folder: Path,
              batch: AtomicBatch) -> FileOutcome | _Pending:
        article = context.article
        record = find_record(self.library.conn, article.id, folder)
        path = Path(record.path) if record and Path(record.path).exists() else (
            folder / article_file_name(article.title, article.id))
        ids = frozenset(h.id for h in context.all_highlights)

        def pending(status: str, data: bytes, message: str, added: int,
                    edited: bool, highlight_ids: frozenset[str]) -> _Pending:
            if status != "unchanged":
                batch.stage(path, data)
            return _Pending(
                FileOutcome(article.id, article.title, path, status, message, added),
                ExportRecord(article.id, folder_key(folder), str(path), self.template.name,
                             sha256(data), highlight_ids, context.note_sha256, edited,
                             self._stamp().isoformat(timespec="seconds")),
            )

        if not path.exists():
            data = self.template.render(context.template_vars()).encode("utf-8")
            return pending("written", data, "", len(ids), False, ids)
        existing = path.read_bytes()
        ours = record is not None and not record.user_edited and (
            sha256(existing) == record.content_sha256)
        if ours:
            data = self.template.render(context.template_vars()).encode("utf-8")
            status = "unchanged" if data == existing else "updated"
            return pending(status, data, "", len(ids), False, ids)
        text = existing.decode("utf-8", errors="replace")
        if record is None and not _mentions_article(text, article.id):
            return FileOutcome(article.id, article.title, path, "skipped",
                               "a file of that name exists and Lectern did not write it; "
                               "left alone")
        return self._append(context, path, existing, text, record, pending)

    def _append(self, context: ExportContext, path: Path, existing: bytes, text: str,
                record: ExportRecord | None,
                pending: Callable[[str, bytes, str, int, bool, frozenset[str]], _Pending],
                ) -> FileOutcome | _Pending:
        """The user edited the file: keep every byte of it; add only what is new."""
        present = set(_BLOCK_REF.findall(text))
        known = set(record.highlight_ids) if record else set()
        new = [h for h in context.all_highlights if h.id not in known and h.block_id not in present]
        if record is not None:
            notes_new = bool(context.note_sha256) and context.note_sha256 != record.note_sha256
        else:
            notes_new = bool(context.notes.strip()) and context.notes.strip() not in text
        all_ids = frozenset(known | {h.id for h in context.all_highlights})
        if not new and not notes_new:
            return pending("unchanged", existing, "edited since export; kept as it is",
                           0, True, all_ids)
        addition = self._addition(context, new, notes_new)
        separator = b"" if existing.endswith(b"\n") or not existing else b"\n"
        data = existing + separator + b"\n" + addition.encode("utf-8")
        what = [_plural(len(new), "new highlight")] if new else []
        if notes_new:
            what.append("updated notes")
        message = f"edited since export; kept, and added {' and '.join(what)} at the end"
        return pending("appended", data, message, len(new), True, all_ids)

    def _addition(self, context: ExportContext, new: list[HighlightVars], notes: bool) -> str:
        variables = context.template_vars()
        render = self.template.highlight_macro(variables)
        parts = [f"## Added by Lectern on {self._stamp().date().isoformat()}"]
        parts.extend(render(h).strip("\n") for h in new)
        if notes:
            parts.append("### Notes\n\n" + context.notes.strip("\n"))
        return "\n\n".join(parts) + "\n"


def _mentions_article(text: str, article_id: int) -> bool:
    """Whether a file we have no record of is our export of this article (e.g. after
    a restore or from another computer): its front matter or links name the article."""
    return bool(re.search(rf"^lectern_id:\s*{article_id}\s*$", text, re.MULTILINE)) or (
        f"lectern://article/{article_id}#" in text or text.rstrip().endswith(
            f"lectern://article/{article_id})"))
