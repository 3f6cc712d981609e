"""Writing an export's items into the library, adding only what is new.

Items whose text came along (wallabag, Omnivore) are cleaned like any import and
read at once; books known by their quotes become articles of quotes (``books``);
items with only an address wait for ``lectern fetch`` with their highlights
(``WaitingLinks``), unless the library has the page already: then their
highlights are placed on it now. Nothing is added twice: an item is known by its
canonical address (or a book by title and author), a highlight by its quote, and
a highlight already there is left as the reader may have edited it.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.core.annotations.imported import Placement, place_quotes
from desktop.core.annotations.store import AnnotationStore
from desktop.core.errors import ImportProblem
from desktop.core.importing import clean_source, content_hash
from desktop.core.importing.exports.bundle import Bundle, Item, Problem
from desktop.core.importing.exports.urls import canonical_url
from desktop.core.models import Source, normalize_tags
from desktop.core.operations.move_in.books import book_key, store_book
from desktop.core.operations.move_in.summary import MoveInSummary
from desktop.core.operations.progress import NO_PROGRESS, ProgressSink
from desktop.core.storage.reading_state import ReadingStates
from desktop.core.storage.waiting import DONE, NewLink, WaitingHighlight, WaitingLinks

if TYPE_CHECKING:
    from desktop.core.storage.library import Library

BATCH = 500  # links saved per transaction
# Progress is told at most this often: each report repaints the window's progress
# dialog, and a GUI thread that paints while this thread holds the interpreter
# waits for it (reports every 25 items stalled the window up to 200 ms).
REPORT_EVERY_S = 0.25


def _merged(items: list[Item]) -> tuple[list[Item], int]:
    """One item per address (or book): an export may list a link twice."""
    by_key: dict[str, Item] = {}
    repeats = 0
    for item in items:
        key = ("book:" + book_key(item)) if item.book else canonical_url(item.url)
        if not key or (not item.book and not item.url):
            key = f"#{len(by_key)}"
        known = by_key.get(key)
        if known is None:
            by_key[key] = item
            continue
        repeats += 1
        quotes = {(h.quote, h.note) for h in known.highlights}
        by_key[key] = replace(
            known, tags=known.tags + tuple(t for t in item.tags if t not in known.tags),
            highlights=known.highlights + tuple(
                h for h in item.highlights if (h.quote, h.note) not in quotes),
            content=known.content or item.content,
            content_kind=known.content_kind or item.content_kind)
    return list(by_key.values()), repeats


def import_bundle(library: Library, bundle: Bundle, source: str,
                  progress: ProgressSink = NO_PROGRESS) -> MoveInSummary:
    summary = MoveInSummary(source=source, app=bundle.app, problems=list(bundle.problems),
                            skipped=dict(bundle.skipped))
    items, repeats = _merged(bundle.items)
    summary.duplicates += repeats
    total = len(items)
    links: list[Item] = []
    reported = 0.0
    for done, item in enumerate(items):
        if progress.cancelled:
            break
        if time.monotonic() - reported >= REPORT_EVERY_S:
            reported = time.monotonic()
            progress.report(done, total, item.title or item.url)
        if item.book:
            _book(library, item, bundle.app, summary)
        elif item.content.strip():
            _with_text(library, item, bundle.app, summary)
        elif item.url:
            links.append(item)
        else:
            summary.problems.append(_problem(item, "no address and no text; skipped"))
        if len(links) >= BATCH:
            _links(library, links, bundle.app, summary)
            links = []
    if links and not progress.cancelled:
        _links(library, links, bundle.app, summary)
    progress.report(total, total, "")
    return summary


def _problem(item: Item, message: str) -> Problem:
    return Problem(item.entry or item.title or item.url, message)


def _count(summary: MoveInSummary, placed: Placement, notes: int) -> None:
    summary.highlights += placed.anchored + placed.orphaned
    summary.orphaned += placed.orphaned
    summary.duplicate_highlights += placed.already_there
    summary.notes += notes


def _notes_of(item: Item, library: Library, article_id: int) -> int:
    """How many of the item's highlights with a note are new to the article."""
    if not any(h.note for h in item.highlights):
        return 0
    have = {" ".join(a.quote.split()) for a in AnnotationStore(library).for_article(
        article_id, heal=False)}
    return sum(1 for h in item.highlights if h.note and " ".join(h.quote.split()) not in have)


def _book(library: Library, item: Item, app: str, summary: MoveInSummary) -> None:
    existing = library.conn.execute("SELECT article_id FROM books WHERE book_key = ?",
                                    (book_key(item),)).fetchone()
    notes = _notes_of(item, library, int(existing[0])) if existing else sum(
        1 for h in item.highlights if h.note)
    article_id, new, placed = store_book(library, item, app)
    _count(summary, placed, notes)
    _keep_note(library, article_id, item.description)
    ReadingStates(library).add_tags(article_id, item.tags)
    summary.article_ids.append(article_id)
    if new:
        summary.items += 1
        summary.books += 1
    else:
        summary.duplicates += 1


def _keep_note(library: Library, article_id: int, text: str) -> None:
    """The app's note joins the article's notes (once: never twice on re-import)."""
    text = text.strip()
    if not text:
        return
    current = library.note(article_id)
    if text in current:
        return
    library.save_note(article_id, f"{current.rstrip()}\n\n{text}".strip() + "\n")


def _existing_article(library: Library, url: str) -> int | None:
    canonical = canonical_url(url)
    row = library.conn.execute(
        "SELECT id FROM articles WHERE url != '' AND url IN (?, ?) LIMIT 1",
        (url.strip(), canonical)).fetchone()
    if row is not None:
        return int(row[0])
    row = library.conn.execute(
        "SELECT article_id FROM waiting_links WHERE url = ? AND status = ?"
        " AND article_id IS NOT NULL", (canonical, DONE)).fetchone()
    return None if row is None else int(row[0])


def _onto_article(library: Library, article_id: int, item: Item,
                  summary: MoveInSummary) -> None:
    """An item the library has as an article: what is new of it joins it."""
    notes = _notes_of(item, library, article_id)
    placed = place_quotes(AnnotationStore(library), article_id,
                          library.article(article_id).text, item.highlights)
    _count(summary, placed, notes)
    ReadingStates(library).add_tags(article_id, item.tags)
    _keep_note(library, article_id, item.description)
    summary.article_ids.append(article_id)


def _with_text(library: Library, item: Item, app: str, summary: MoveInSummary) -> None:
    name = f"{app}: {item.title or item.url}"
    try:
        article, encoding = clean_source(Source(item.content.encode("utf-8"),
                                                item.content_kind or "html", name))
    except ImportProblem as exc:
        if item.url:  # its page can still be fetched: it waits, nothing is lost
            summary.problems.append(_problem(item, f"its text could not be read ({exc}); "
                                                   "it waits to be downloaded instead"))
            _links(library, [replace(item, content="")], app, summary)
        else:
            summary.problems.append(_problem(item, f"its text could not be read ({exc})"))
        return
    meta = article.metadata
    meta.title = item.title or meta.title
    meta.url = canonical_url(item.url) if item.url else meta.url
    meta.author = meta.author or item.author
    existing = _existing_article(library, item.url) if item.url else None
    if existing is not None:
        summary.duplicates += 1
        _onto_article(library, existing, item, summary)
        return
    outcome = library.add_article(Source(item.content.encode("utf-8"),
                                         item.content_kind or "html", name), article, encoding,
                                  content_hash(article))
    article_id = outcome.article.id
    if outcome.duplicate:
        summary.duplicates += 1
        _onto_article(library, article_id, item, summary)
        return
    summary.items += 1
    summary.read_now += 1
    _set_states(library, article_id, item)
    _onto_article(library, article_id, item, summary)
    _adopt_waiting(library, article_id, item)


def _set_states(library: Library, article_id: int, item: Item) -> None:
    states = ReadingStates(library)
    if item.archived:
        states.set_archived([article_id], True)
    if item.favourite:
        states.set_favourite([article_id], True)
    if item.progress:
        states.set_progress(article_id, item.progress, "")
    if item.saved_at:
        with library.transaction() as conn:
            conn.execute("UPDATE articles SET saved_at = ? WHERE id = ?",
                         (item.saved_at, article_id))


def _adopt_waiting(library: Library, article_id: int, item: Item) -> None:
    """The same link waited (from another app's export): its text is here now."""
    waiting = WaitingLinks(library)
    link = waiting.find(canonical_url(item.url)) if item.url else None
    if link is None or link.status == DONE:
        return
    text = library.article(article_id).text
    place_quotes(AnnotationStore(library), article_id, text, waiting.highlights(link.id))
    ReadingStates(library).add_tags(article_id, link.tags)
    waiting.mark_done(link.id, article_id)


def _links(library: Library, items: list[Item], app: str, summary: MoveInSummary) -> None:
    fresh: list[NewLink] = []
    for item in items:
        existing = _existing_article(library, item.url)
        if existing is not None:
            summary.duplicates += 1
            _onto_article(library, existing, item, summary)
            continue
        fresh.append(NewLink(
            url=canonical_url(item.url), saved_at=item.saved_at, title=item.title,
            origin=app.lower(), tags=tuple(normalize_tags(item.tags)), archived=item.archived,
            favourite=item.favourite, progress=item.progress, note=item.description.strip(),
            highlights=tuple(WaitingHighlight(h.quote, h.note, h.color, h.tags, h.created_at)
                             for h in item.highlights if h.quote.strip())))
    if not fresh:
        return
    conn = library.conn
    before = int(conn.execute("SELECT COUNT(*) FROM waiting_highlights").fetchone()[0])
    with_notes = int(conn.execute(
        "SELECT COUNT(*) FROM waiting_highlights WHERE note != ''").fetchone()[0])
    outcomes = WaitingLinks(library).add_many(fresh)
    added = int(conn.execute("SELECT COUNT(*) FROM waiting_highlights").fetchone()[0]) - before
    summary.highlights += added
    summary.notes += int(conn.execute(
        "SELECT COUNT(*) FROM waiting_highlights WHERE note != ''").fetchone()[0]) - with_notes
    offered = sum(len(link.highlights) for link in fresh)
    summary.duplicate_highlights += offered - added
    new_links = sum(1 for _id, new in outcomes if new)
    summary.items += new_links
    summary.waiting += new_links
    summary.duplicates += len(outcomes) - new_links
