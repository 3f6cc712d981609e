"""The images of articles in the library: placements, loaded bytes, permission.

Functions over a ``Library`` (its connection and ``transaction()``), like the other
stores; each write is its own transaction. An article's placements are written by
the ``Library`` itself, in the same transaction as the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.models import ArticleImage, CachedImage
from desktop.core.storage.library import Library


def article_images(library: Library, article_id: int) -> list[ArticleImage]:
    rows = library.conn.execute(
        "SELECT position, src, alt, caption FROM article_images WHERE article_id = ?"
        " ORDER BY seq", (article_id,)).fetchall()
    return [ArticleImage(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


def images_allowed(library: Library, article_id: int) -> bool:
    row = library.conn.execute(
        "SELECT 1 FROM images_allowed WHERE article_id = ?", (article_id,)).fetchone()
    return row is not None


def allow_images(library: Library, article_id: int, stamp: str) -> None:
    with library.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO images_allowed (article_id, allowed_at) VALUES (?,?)",
                     (article_id, stamp))


def cached_images(library: Library, article_id: int) -> dict[str, CachedImage]:
    """Loaded images of an article by address (failed loads are not here)."""
    rows = library.conn.execute(
        "SELECT src, content_type, data FROM image_cache WHERE article_id = ?"
        " AND data IS NOT NULL", (article_id,)).fetchall()
    return {str(r[0]): CachedImage(str(r[0]), str(r[1]), bytes(r[2])) for r in rows}


def cached_sources(library: Library, article_id: int) -> set[str]:
    """Addresses already loaded for an article, without reading their bytes."""
    rows = library.conn.execute(
        "SELECT src FROM image_cache WHERE article_id = ? AND data IS NOT NULL",
        (article_id,)).fetchall()
    return {str(r[0]) for r in rows}


def load_problems(library: Library, article_id: int) -> dict[str, str]:
    """Why the last load of each address failed, for the placeholders."""
    rows = library.conn.execute(
        "SELECT src, problem FROM image_cache WHERE article_id = ? AND data IS NULL"
        " AND problem != ''", (article_id,)).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def save_loaded(library: Library, article_id: int, image: CachedImage, stamp: str) -> None:
    with library.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO image_cache (article_id, src, content_type, data, problem,"
            " fetched_at) VALUES (?,?,?,?,'',?)",
            (article_id, image.src, image.content_type, image.data, stamp))


def save_problem(library: Library, article_id: int, src: str, problem: str, stamp: str) -> None:
    """Remember why ``src`` could not be loaded; bytes loaded before are kept."""
    with library.transaction() as conn:
        conn.execute(
            "INSERT INTO image_cache (article_id, src, content_type, data, problem, fetched_at)"
            " VALUES (?,?,'',NULL,?,?) ON CONFLICT(article_id, src) DO UPDATE SET"
            " problem = excluded.problem WHERE image_cache.data IS NULL",
            (article_id, src, problem, stamp))


def forget_images(library: Library, article_id: int) -> int:
    """Remove what was loaded for an article and take back the permission.

    Returns how many loaded images were removed. The placeholders stay.
    """
    with library.transaction() as conn:
        removed = conn.execute(
            "DELETE FROM image_cache WHERE article_id = ? AND data IS NOT NULL",
            (article_id,)).rowcount
        conn.execute("DELETE FROM image_cache WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM images_allowed WHERE article_id = ?", (article_id,))
    return int(removed)


@dataclass(frozen=True)
class LoadedState:
    """What loading left for an article: kept by Remove Loaded Images for its undo."""

    images: list[CachedImage] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    allowed_at: str | None = None


def loaded_state(library: Library, article_id: int) -> LoadedState:
    row = library.conn.execute(
        "SELECT allowed_at FROM images_allowed WHERE article_id = ?", (article_id,)).fetchone()
    return LoadedState(list(cached_images(library, article_id).values()),
                       load_problems(library, article_id), str(row[0]) if row else None)


def restore_loaded_state(library: Library, article_id: int, state: LoadedState,
                         stamp: str) -> None:
    """Put back what ``loaded_state`` saw (after ``forget_images``), in one transaction."""
    with library.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO image_cache (article_id, src, content_type, data, problem,"
            " fetched_at) VALUES (?,?,?,?,'',?)",
            [(article_id, im.src, im.content_type, im.data, stamp) for im in state.images])
        conn.executemany(
            "INSERT OR IGNORE INTO image_cache (article_id, src, content_type, data, problem,"
            " fetched_at) VALUES (?,?,'',NULL,?,?)",
            [(article_id, src, problem, stamp) for src, problem in state.problems.items()])
        if state.allowed_at is not None:
            conn.execute("INSERT OR REPLACE INTO images_allowed (article_id, allowed_at)"
                         " VALUES (?,?)", (article_id, state.allowed_at))
