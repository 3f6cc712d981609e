"""Cleaning text copied from a whole web page in a browser (Lectern's own cleaner).

Select-all-and-copy gives every visible line: menus, share bars, teasers, comments
and footers around the article. The body is found as the densest run of prose
(``pasted_region``), the headline and byline just above it (``pasted_headline``),
and known chrome inside the body is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata

from ._article import build_article, fallback_title, iso_date
from .comment_walls import is_wall
from .errors import CleaningError
from .pasted_headline import find_headline
from .pasted_lines import Line, describe
from .pasted_region import find_body, stretch
from .text_lines import logical_lines

_BULLET = re.compile(r"^(?:[•·▪◦●■‣*+-]|\d{1,2}[.)])\s+\S")
SUBHEADING_MAX_WORDS = 12
# A text this short with no run of prose is a note or a poem, not a page of links.
SHORT_TEXT_LINES = 40


def clean_pasted(text: str) -> CleanedArticle:
    """The article in ``text``, a whole web page as copied from a browser.

    Also takes plain text files: wrapped paragraphs are joined, and a short text with
    no prose in it (a note, a poem) is kept whole. Raises CleaningError when nothing
    like an article is left.
    """
    texts = logical_lines(text)
    counts = Counter(texts)
    described = {t: describe(t, counts[t] > 1) for t in counts}  # pages repeat lines a lot
    lines = _real_walls([described[t] for t in texts])
    run = find_body(lines)
    if run is None and 0 < len(lines) <= SHORT_TEXT_LINES:
        run = (0, len(lines) - 1)  # a short note or a poem: no prose run, but keep it
    if run is None:
        raise CleaningError("no article text found in the pasted text")
    first, last = stretch(lines, *run)
    head_at = find_headline(lines, first)
    body = _body(lines[first : last + 1])
    if head_at is not None:
        title = lines[head_at].text
        top = _top_matter(lines[head_at + 1 : first])
    else:
        title, top = _title_from_body(body), []
    body = [b for b in body if b.text.casefold() != title.casefold()]
    metadata = Metadata(author=_author(top), published=_published(top))
    return build_article(title, top + body, metadata)


def _real_walls(lines: list[Line]) -> list[Line]:
    """A "Comments" heading not followed by comments is part of the article."""
    return [replace(line, comments=False) if line.comments and not is_wall(lines, i) else line
            for i, line in enumerate(lines)]


def _body(lines: list[Line]) -> list[Block]:
    kept: list[Line] = []
    for line in lines:
        if kept and line.text == kept[-1].text:
            continue  # galleries and captions repeat themselves
        if line.chrome or (not line.prose and _furniture(line)):
            continue
        kept.append(line)
    following: list[Line | None] = [*kept[1:], None]  # one longer than kept: zip stops early
    return [Block(_kind(line, nxt), line.text) for line, nxt in zip(kept, following, strict=False)]


def _furniture(line: Line) -> bool:
    return line.rail or line.comments or line.dateline or line.byline


def _kind(line: Line, after: Line | None) -> BlockKind:
    if _BULLET.match(line.text):
        return BlockKind.LIST_ITEM
    # A heading is short, no sentence, and introduces prose (else it is a list entry).
    short = not line.prose and not line.terminal and line.words <= SUBHEADING_MAX_WORDS
    if short and after is not None and after.prose:
        return BlockKind.SUBHEADING
    return BlockKind.PARAGRAPH


def _top_matter(lines: list[Line]) -> list[Block]:
    """Byline and dateline between the headline and the body; decks and captions go."""
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        if line.byline:
            blocks.append(Block(BlockKind.BYLINE, line.text))
        elif line.text.casefold() == "by" and i + 1 < len(lines) and lines[i + 1].words <= 12:
            blocks.append(Block(BlockKind.BYLINE, f"By {lines[i + 1].text}"))
        elif line.dateline:
            blocks.append(Block(BlockKind.DATELINE, line.text))
    return blocks


def _author(top: list[Block]) -> str:
    for block in top:
        if block.kind is BlockKind.BYLINE:
            return re.sub(r"^\S+\s+(?:by\s+)?", "", block.text, flags=re.IGNORECASE)
    return ""


def _published(top: list[Block]) -> str:
    return next((d for d in (iso_date(b.text) for b in top) if d), "")


def _title_from_body(body: list[Block]) -> str:
    """No headline above the body: a short first line is one, else its first words."""
    if len(body) > 1 and body[0].kind is not BlockKind.PARAGRAPH:
        return body[0].text
    return fallback_title(body[0].text) if body else ""
