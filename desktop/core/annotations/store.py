"""Highlights in the library database. Every write is one transaction, committed
(durably: synchronous=FULL) before the method returns, so whatever the window
shows as saved survives a crash or a power cut."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import replace

from desktop.core.annotations.anchoring import Selector, selector_for
from desktop.core.annotations.model import (
    ANCHORED,
    COLORS,
    DEFAULT_MEANINGS,
    STATUSES,
    Annotation,
    reading_order,
)
from desktop.core.annotations.reanchor import ReanchorReport, reanchor_annotations
from desktop.core.errors import LecternError, NotFound
from desktop.core.models import normalize_tags
from desktop.core.storage.library import Library, now_iso

_COLUMNS = ("id, article_id, quote, prefix, suffix, start_offset, end_offset, color, note,"
            " status, created_at, updated_at, location")


class BadAnnotation(LecternError):
    """A highlight that cannot be made as asked (empty range, unknown colour...)."""


def check_color(color: str) -> str:
    if color not in COLORS:
        raise BadAnnotation(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")
    return color


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return now_iso()


class AnnotationStore:
    def __init__(self, library: Library) -> None:
        self.library = library

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.library.conn

    # -- reading -------------------------------------------------------------

    def for_article(self, article_id: int, *, heal: bool = True) -> list[Annotation]:
        """Anchored highlights in reading order (start, end), then the orphaned ones.

        Highlights whose offsets were computed on another version of the text (an
        update interrupted before re-anchoring) are re-anchored first, so no
        highlight is ever shown over the wrong words.
        """
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, text_sha256 FROM annotations WHERE article_id = ?",
            (article_id,),
        ).fetchall()
        found = self._with_tags(rows)
        if heal and found:
            row = self._conn.execute(
                "SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            text = str(row[0]) if row else ""
            digest = text_digest(text)
            stale = [a for a, r in zip(found, rows, strict=True) if r["text_sha256"] != digest]
            if stale:
                found = self._heal(found, stale, text)
        return reading_order(found)

    def count(self, article_id: int) -> int:
        """How many highlights an article has (anchored or not), without reading them."""
        row = self._conn.execute(
            "SELECT COUNT(*) FROM annotations WHERE article_id = ?", (article_id,)).fetchone()
        return int(row[0])

    def _heal(self, found: list[Annotation], stale: list[Annotation],
              text: str) -> list[Annotation]:
        placed = {a.id: a for a in reanchor_annotations(stale, text).annotations}
        if not self.library.readonly:
            self.save_positions(list(placed.values()), text)
        return [placed.get(a.id, a) for a in found]

    def get(self, annotation_id: str) -> Annotation:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchall()
        if not rows:
            raise NotFound(f"no highlight with id {annotation_id}")
        return self._with_tags(rows)[0]

    def find_by_block_id(self, article_id: int, block_id: str) -> Annotation | None:
        prefix = block_id.removeprefix("hl-")
        if not block_id.startswith("hl-") or not prefix.isalnum():
            return None
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE article_id = ? AND id LIKE ? LIMIT 1",
            (article_id, prefix.lower() + "%"),
        ).fetchall()
        return self._with_tags(rows)[0] if rows else None

    def all_tags(self) -> list[str]:
        """Every tag in the library, most used first (for completion)."""
        rows = self._conn.execute(
            "SELECT tag FROM annotation_tags GROUP BY tag ORDER BY COUNT(*) DESC, tag"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def _with_tags(self, rows: list[sqlite3.Row]) -> list[Annotation]:
        found = [
            Annotation(
                id=r[0], article_id=int(r[1]), quote=r[2], prefix=r[3], suffix=r[4],
                start=int(r[5]), end=int(r[6]), color=r[7], note=r[8], tags=[],
                status=r[9], created_at=r[10], updated_at=r[11], location=r[12],
            )
            for r in rows
        ]
        by_id = {a.id: a for a in found}
        if by_id:
            marks = ",".join("?" * len(by_id))
            for ann_id, tag in self._conn.execute(
                f"SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN ({marks})"
                " ORDER BY annotation_id, position", list(by_id),
            ):
                by_id[ann_id].tags.append(tag)
        return found

    # -- writing -------------------------------------------------------------

    def _text(self, article_id: int) -> str:
        row = self._conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return str(row[0])

    def create(self, article_id: int, start: int, end: int, *, color: str = "yellow",
               note: str = "", tags: Sequence[str] = ()) -> Annotation:
        """Highlight ``text[start:end]`` of an article (offsets into its cleaned text)."""
        selector = self._selector(self._text(article_id), start, end)
        stamp = _now()
        annotation = Annotation(
            id=uuid.uuid4().hex, article_id=article_id, quote=selector.exact,
            prefix=selector.prefix, suffix=selector.suffix, start=selector.start,
            end=selector.end,
            color=check_color(color), note=note, tags=normalize_tags(tags),
            status=ANCHORED, created_at=stamp, updated_at=stamp,
        )
        self.restore(annotation)
        return annotation

    @staticmethod
    def _selector(text: str, start: int, end: int) -> Selector:
        if not 0 <= start < end <= len(text):
            raise BadAnnotation(f"the range {start}..{end} is not inside the article's text "
                                f"(0..{len(text)}); select some text to highlight")
        # A selection's edges often carry spaces or a paragraph break: not part of the quote.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise BadAnnotation("select some text of the article to highlight")
        return selector_for(text, start, end)

    def place(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Put a highlight (an orphaned one, say) on another passage of its article,
        keeping its id, colour, note and tags."""
        current = self.get(annotation_id)
        selector = self._selector(self._text(current.article_id), start, end)
        moved = replace(current, quote=selector.exact, prefix=selector.prefix,
                        suffix=selector.suffix, start=selector.start, end=selector.end,
                        status=ANCHORED, updated_at=_now())
        self.restore(moved)
        return moved

    def update(self, annotation_id: str, *, color: str | None = None, note: str | None = None,
               tags: Sequence[str] | None = None) -> Annotation:
        with self.library.transaction() as conn:
            current = self.get(annotation_id)
            if color is not None:
                current.color = check_color(color)
            if note is not None:
                current.note = note
            if tags is not None:
                current.tags = normalize_tags(tags)
                self._write_tags(conn, current)
            current.updated_at = _now()
            conn.execute(
                "UPDATE annotations SET color = ?, note = ?, updated_at = ? WHERE id = ?",
                (current.color, current.note, current.updated_at, annotation_id),
            )
        return current

    def delete(self, annotation_id: str) -> None:
        with self.library.transaction() as conn:
            deleted = conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            if deleted.rowcount == 0:
                raise NotFound(f"no highlight with id {annotation_id}")

    def restore(self, annotation: Annotation) -> None:
        """Insert the highlight exactly as given (undo of delete; also used by create)."""
        check_color(annotation.color)
        if annotation.status not in STATUSES:
            raise BadAnnotation(f"unknown status {annotation.status!r}")
        text = self._text(annotation.article_id)
        # Still where it was: valid for this text. Otherwise (the text changed since)
        # it is re-anchored when next read.
        here = text[annotation.start:annotation.end] == annotation.quote
        digest = text_digest(text) if here or annotation.status != ANCHORED else ""
        with self.library.transaction() as conn:
            conn.execute(
                f"INSERT OR REPLACE INTO annotations ({_COLUMNS}, text_sha256)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    annotation.id, annotation.article_id, annotation.quote, annotation.prefix,
                    annotation.suffix, annotation.start, annotation.end, annotation.color,
                    annotation.note, annotation.status, annotation.created_at,
                    annotation.updated_at, annotation.location, digest,
                ),
            )
            self._write_tags(conn, annotation)

    def save_positions(self, annotations: Sequence[Annotation], text: str) -> None:
        """Store where highlights are in ``text`` (after re-anchoring), in one transaction."""
        digest = text_digest(text)
        with self.library.transaction() as conn:
            conn.executemany(
                "UPDATE annotations SET quote = ?, prefix = ?, suffix = ?, start_offset = ?,"
                " end_offset = ?, status = ?, text_sha256 = ? WHERE id = ?",
                [(a.quote, a.prefix, a.suffix, a.start, a.end, a.status, digest, a.id)
                 for a in annotations],
            )

    @staticmethod
    def _write_tags(conn: sqlite3.Connection, annotation: Annotation) -> None:
        conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation.id,))
        conn.executemany(
            "INSERT INTO annotation_tags (annotation_id, position, tag) VALUES (?,?,?)",
            [(annotation.id, i, tag) for i, tag in enumerate(normalize_tags(annotation.tags))],
        )

    # -- colour meanings -----------------------------------------------------

    def color_meanings(self) -> dict[str, str]:
        """colour -> meaning, in COLORS order."""
        stored = dict(self._conn.execute("SELECT color, meaning FROM color_meanings").fetchall())
        return {c: str(stored.get(c) or DEFAULT_MEANINGS[c]) for c in COLORS}

    def set_color_meaning(self, color: str, meaning: str) -> None:
        meaning = " ".join(meaning.split())
        if not meaning:
            raise BadAnnotation("a colour's meaning cannot be empty")
        with self.library.transaction() as conn:
            conn.execute(
                "INSERT INTO color_meanings (color, meaning) VALUES (?, ?)"
                " ON CONFLICT(color) DO UPDATE SET meaning = excluded.meaning",
                (check_color(color), meaning),
            )

    def resolve_color(self, name: str) -> str:
        """A colour key from its key or its meaning (case-insensitive), as users type it."""
        wanted = " ".join(name.split()).casefold()
        for color, meaning in self.color_meanings().items():
            if wanted in (color, meaning.casefold()):
                return color
        choices = ", ".join(f"{c} ({m})" for c, m in self.color_meanings().items())
        raise BadAnnotation(f"unknown colour {name!r}; choose one of {choices}")


def reanchor_article(store: AnnotationStore, article_id: int, new_text: str) -> ReanchorReport:
    """Re-anchor an article's highlights in its new text and save them in one transaction.

    An orphaned highlight keeps its last quote, prefix and suffix (and position),
    so a later version of the text can still bring it back.
    """
    current = store.for_article(article_id, heal=False)
    report = reanchor_annotations(current, new_text)
    if report.annotations:
        store.save_positions(report.annotations, new_text)
    report.annotations = store.for_article(article_id)
    return report
