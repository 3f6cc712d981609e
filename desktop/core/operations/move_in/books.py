"""Books and documents with no web page (Kindle, Readwise): an article made of
their quotes, each highlight anchored on its own quote with its location.

A book is found again by title and author (``books`` table), whichever app its
highlights came from; a newer export appends the quotes it did not have, after
the others, so highlights already there keep their place (and their edits).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from desktop.core.annotations.imported import Placement, place_quotes
from desktop.core.annotations.store import AnnotationStore
from desktop.core.importing import content_hash
from desktop.core.importing.exports.bundle import Highlight, Item
from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata, Source

if TYPE_CHECKING:
    from desktop.core.storage.library import Library


def book_key(item: Item) -> str:
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())

    return f"{norm(item.title)}|{norm(item.author)}"


def _quote_blocks(quotes: list[str]) -> list[Block]:
    """One quote block per paragraph of each quote (line breaks inside a paragraph
    are the device's wrapping, not the author's)."""
    blocks = []
    for quote in quotes:
        for paragraph in re.split(r"\n\s*\n", quote.strip()):
            text = " ".join(paragraph.split())
            if text:
                blocks.append(Block(BlockKind.QUOTE, text))
    return blocks


def _markdown(title: str, author: str, quotes: list[str]) -> str:
    """The book as the source Lectern keeps: readable, one quote per block."""
    head = f"# {title}\n\n" + (f"*{author}*\n\n" if author else "")
    return head + "\n\n".join("> " + q.strip().replace("\n", "\n> ") for q in quotes) + "\n"


def _key(quote: str) -> str:
    return " ".join(quote.split())


def store_book(library: Library, item: Item, app: str) -> tuple[int, bool, Placement]:
    """The book's article id, whether it is new, and where its highlights went."""
    key = book_key(item)
    row = library.conn.execute("SELECT article_id FROM books WHERE book_key = ?",
                               (key,)).fetchone()
    store = AnnotationStore(library)
    if row is None:
        quotes = _unique([h.quote for h in item.highlights])
        article_id = _create(library, item, app, key, quotes)
        new = True
    else:
        article_id, new = int(row[0]), False
        have = {_key(a.quote) for a in store.for_article(article_id, heal=False)}
        text = library.article(article_id).text
        extra = _unique([h.quote for h in item.highlights
                         if _key(h.quote) not in have and _key(h.quote) not in _key(text)])
        if extra:
            _append(library, store, article_id, extra)
    text = library.article(article_id).text
    placed = place_quotes(store, article_id, text, _ordered(item.highlights))
    return article_id, new, placed


def _unique(quotes: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for quote in quotes:
        if _key(quote) and _key(quote) not in seen:
            seen.add(_key(quote))
            result.append(quote)
    return result


def _ordered(highlights: tuple[Highlight, ...]) -> list[Highlight]:
    return [h for h in highlights if _key(h.quote)]


def _create(library: Library, item: Item, app: str, key: str, quotes: list[str]) -> int:
    title = item.title or "Untitled"
    blocks = [Block(BlockKind.HEADLINE, title)]
    if item.author:
        blocks.append(Block(BlockKind.BYLINE, item.author))
    blocks += _quote_blocks(quotes)
    article = CleanedArticle(blocks, Metadata(title=title, author=item.author, url=item.url))
    source = Source(data=_markdown(title, item.author, quotes).encode("utf-8"),
                    kind="markdown", name=f"{app}: {title}")
    outcome = library.add_article(source, article, "utf-8", content_hash(article))
    article_id = outcome.article.id
    with library.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO books (book_key, article_id) VALUES (?, ?)",
                     (key, article_id))
        if item.saved_at:
            conn.execute("UPDATE articles SET saved_at = ? WHERE id = ?",
                         (item.saved_at, article_id))
    return article_id


def _append(library: Library, store: AnnotationStore, article_id: int,
            quotes: list[str]) -> None:
    """Add quotes after the book's others: offsets of highlights already there stay."""
    record = library.article(article_id)
    blocks = record.blocks + _quote_blocks(quotes)
    article = CleanedArticle(blocks, Metadata(title=record.title, author=record.author))
    old_source = library.source(article_id).data.decode("utf-8", "replace")
    extra = "\n\n".join("> " + q.strip().replace("\n", "\n> ") for q in quotes)
    from desktop.core.storage.library import blocks_to_json, now_iso

    with library.transaction() as conn:
        conn.execute(
            "UPDATE articles SET blocks_json = ?, text = ?, word_count = ?, content_hash = ?,"
            " updated_at = ? WHERE id = ?",
            (blocks_to_json(blocks), article.text, article.word_count, content_hash(article),
             now_iso(), article_id))
        conn.execute("UPDATE sources SET data = ?, compressed = 0 WHERE article_id = ?",
                     ((old_source.rstrip("\n") + "\n\n" + extra + "\n").encode("utf-8"),
                      article_id))
    # The text grew at its end: every highlight is still on its words.
    store.save_positions(store.for_article(article_id, heal=False), article.text)
