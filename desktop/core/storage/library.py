"""The library: articles, their sources and notes, in one SQLite database.

One ``Library`` per thread: SQLite connections are not shared between threads
here. Other stores (entities, annotations, exports, images) take a ``Library`` and
use its connection and ``transaction()``. The library stores what it is given:
cleaning and identifying an article (its content hash) is importing's job.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import LecternError, NotFound, StorageProblem
from desktop.core.models import (
    BLOCK_SEPARATOR,
    ArticleImage,
    ArticleRecord,
    Block,
    BlockKind,
    CleanedArticle,
    Source,
)
from desktop.core.storage.db import connect, migrate
from desktop.core.storage.lock import held_elsewhere

if TYPE_CHECKING:
    from desktop.core.storage.lock import LibraryLock

MAX_ROW_ID = (1 << 63) - 1  # SQLite's largest integer


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ArticleSummary:
    """What the library list shows: no blocks, so listing stays cheap."""

    id: int
    title: str
    site: str
    published: str
    saved_at: str
    word_count: int
    url: str = ""


@dataclass(frozen=True)
class ImportOutcome:
    article: ArticleRecord
    duplicate: bool  # True: the library already had it; nothing was added
    # Words of a plain-text source, and of the article kept from it (0: not counted):
    # when cleaning removed a real share, the user is told (cleaning/trim_report.py).
    words_given: int = 0
    words_kept: int = 0


def blocks_to_json(blocks: list[Block]) -> str:
    """Each block's kind and length: its words are in ``articles.text`` (kept once)."""
    return json.dumps([[b.kind.value, len(b.text)] for b in blocks])


def blocks_from_json(raw: str, text: str) -> list[Block]:
    """The blocks of an article, cut from its text (or, as stored before migration 0011
    for a text that is not its blocks joined, with their own words)."""
    blocks: list[Block] = []
    position = 0
    for kind, content in json.loads(raw):
        if isinstance(content, str):
            blocks.append(Block(BlockKind(kind), content))
            continue
        blocks.append(Block(BlockKind(kind), text[position:position + content]))
        position += content + len(BLOCK_SEPARATOR)
    return blocks


def compress_source(data: bytes) -> bytes:
    """Sources are kept zlib-compressed (saved pages shrink 4-6x); level 6 is
    zlib's default balance, ~20 ms for a 1 MB page."""
    return zlib.compress(data, 6)


class Library:
    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False,
                 on_close: Callable[[], None] | None = None) -> None:
        self.conn = conn
        self.path = path
        # Read-only: another Lectern is writing this library. Writes fail clearly;
        # settings (window state) are kept for this session only.
        self.readonly = readonly
        self._on_close = on_close  # e.g. releasing the library's lock
        self._session_settings: dict[str, str] = {}
        self.lock: LibraryLock | None = None  # set by the safe opener (storage/opening.py)
        if not readonly:
            from desktop.core.storage.search_rows import refresh_at_once, refresh_pending

            refresh_pending(conn)  # what a window left pending when it stopped
            refresh_at_once(conn)

    @classmethod
    def open(cls, path: Path | str) -> Library:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if held_elsewhere(path):  # another Lectern is the writer: only read
            return cls(connect(path, readonly=True), path, readonly=True)
        conn = connect(path)
        migrate(conn)
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()
        if self._on_close is not None:
            callback, self._on_close = self._on_close, None
            callback()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed (durably) on success, rolled back on error."""
        if self.readonly:
            raise LecternError("the library is open read-only (another Lectern is using it); "
                               "changes cannot be saved")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            # A full disk, a lost drive, a lock held too long, a damaged page: one
            # clear line, and nothing half-written (the transaction is rolled back).
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            from desktop.core.storage.busy import LibraryBusy, is_busy

            if is_busy(exc):
                raise LibraryBusy(self.path) from exc
            raise StorageProblem(f"could not save to the library ({exc})") from exc

    # -- storing articles ------------------------------------------------

    def find_duplicate(self, url: str, digest: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE (url != '' AND url = ?) OR content_hash = ? LIMIT 1",
            (url, digest),
        ).fetchone()
        return int(row[0]) if row else None

    def add_article(self, source: Source, article: CleanedArticle, encoding: str,
                    digest: str) -> ImportOutcome:
        """Store a cleaned article with its source, unless the library has it already
        (same address, or same ``digest``: the content hash importing computed)."""
        meta = article.metadata
        existing = self.find_duplicate(meta.url, digest)
        if existing is not None:
            return ImportOutcome(self.article(existing), duplicate=True)
        stamp = now_iso()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO articles (title, author, site, url, published, language, word_count,"
                " content_hash, source_name, source_kind, saved_at, updated_at, blocks_json, text)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    meta.title, meta.author, meta.site, meta.url, meta.published, meta.language,
                    article.word_count, digest, source.name, source.kind, stamp, stamp,
                    blocks_to_json(article.blocks), article.text,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO sources (article_id, data, compressed, encoding, imported_at)"
                " VALUES (?,?,1,?,?)",
                (article_id, compress_source(source.data), encoding, stamp),
            )
            _write_placements(conn, article_id, article.images)  # nothing fetched yet
        return ImportOutcome(self.article(article_id), duplicate=False)

    def replace_content(self, article_id: int, source: Source, article: CleanedArticle,
                        encoding: str, digest: str) -> tuple[ArticleRecord, str]:
        """Store a new version of an article's source and its cleaned text.

        Returns the updated record and the previous cleaned text, so callers
        (re-anchoring highlights) can compare. Run inside no other transaction.
        """
        old = self.article(article_id)
        meta = article.metadata
        stamp = now_iso()
        with self.transaction() as conn:
            conn.execute(
                "UPDATE articles SET title=?, author=?, site=?, url=?, published=?, language=?,"
                " word_count=?, content_hash=?, source_name=?, source_kind=?, updated_at=?,"
                " blocks_json=?, text=? WHERE id=?",
                (
                    meta.title or old.title, meta.author, meta.site, meta.url or old.url,
                    meta.published, meta.language, article.word_count, digest,
                    source.name, source.kind, stamp, blocks_to_json(article.blocks),
                    article.text, article_id,
                ),
            )
            conn.execute(
                "UPDATE sources SET data=?, compressed=1, encoding=?, imported_at=?"
                " WHERE article_id=?",
                (compress_source(source.data), encoding, stamp, article_id),
            )
            _write_placements(conn, article_id, article.images)  # loaded bytes kept by address
        return self.article(article_id), old.text

    # -- reading ---------------------------------------------------------

    def list_articles(self) -> list[ArticleSummary]:
        rows = self.conn.execute(
            "SELECT id, title, site, published, saved_at, word_count, url FROM articles"
            " ORDER BY saved_at DESC, id DESC"
        ).fetchall()
        return [ArticleSummary(*tuple(row)) for row in rows]

    def article_ids(self) -> list[int]:
        return [int(r[0]) for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def article(self, article_id: int) -> ArticleRecord:
        if not 0 < article_id <= MAX_ROW_ID:  # SQLite cannot even be asked (OverflowError)
            raise NotFound(f"no article with id {str(article_id)[:30]}")
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return ArticleRecord(
            id=row["id"], title=row["title"], author=row["author"], site=row["site"],
            url=row["url"], published=row["published"], language=row["language"],
            word_count=row["word_count"], content_hash=row["content_hash"],
            source_name=row["source_name"], source_kind=row["source_kind"],
            saved_at=row["saved_at"], blocks=blocks_from_json(row["blocks_json"], row["text"]),
        )

    def source(self, article_id: int) -> Source:
        row = self.conn.execute(
            "SELECT s.data, a.source_kind, a.source_name, s.compressed FROM sources s"
            " JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        data = zlib.decompress(row[0]) if row[3] else bytes(row[0])
        return Source(data=data, kind=row[1], name=row[2])

    def search(self, query: str) -> list[int]:
        """Ids of articles whose words include all of ``query``'s (the last one as a
        prefix), best first. The search language (phrases, fields, exclusions) is
        desktop.core.search's, a layer above storage."""
        words = [w.replace('"', "") for w in query.split() if w.replace('"', "")]
        if not words:
            return []
        fts_query = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        try:
            rows = self.conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank",
                (fts_query.strip(),)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [int(r[0]) for r in rows]

    def delete_article(self, article_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # -- notes and settings ----------------------------------------------

    def note(self, article_id: int) -> str:
        row = self.conn.execute(
            "SELECT markdown FROM notes WHERE article_id = ?", (article_id,)
        ).fetchone()
        return str(row[0]) if row else ""

    def save_note(self, article_id: int, markdown: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO notes (article_id, markdown, updated_at) VALUES (?,?,?)"
                " ON CONFLICT(article_id) DO UPDATE SET markdown=excluded.markdown,"
                " updated_at=excluded.updated_at",
                (article_id, markdown, now_iso()),
            )

    # Settings are declared, typed, in desktop.core.settings: read and write them
    # with settings.read/write there; these are the untyped storage underneath.

    def raw_setting(self, key: str) -> str | None:
        if key in self._session_settings:
            return self._session_settings[key]
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def setting(self, key: str, default: str = "") -> str:
        raw = self.raw_setting(key)
        return default if raw is None else raw

    def set_setting(self, key: str, value: str) -> None:
        if self.readonly:
            self._session_settings[key] = value
            return
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _write_placements(conn: sqlite3.Connection, article_id: int,
                      images: list[ArticleImage]) -> None:
    """Replace an article's image placements (inside the caller's transaction).

    Loaded bytes (``image_cache``) are keyed by address, so they survive a re-clean
    that keeps the address; ``desktop.core.storage.images`` reads and writes them.
    """
    conn.execute("DELETE FROM article_images WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT INTO article_images (article_id, seq, position, src, alt, caption)"
        " VALUES (?,?,?,?,?,?)",
        [(article_id, seq, im.position, im.src, im.alt, im.caption)
         for seq, im in enumerate(images)],
    )
