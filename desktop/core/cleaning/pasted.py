"""Cleaning text copied from a whole web page in a browser (Lectern's own cleaner).

Select-all-and-copy gives every visible line: menus, share bars, teasers, comments
and footers around the article. The body is found as the densest run of prose
(``pasted_region``), the headline and byline just above it (``pasted_headline``),
and known chrome inside the body is dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata

from ._article import build_article, fallback_title, tidy
from .errors import CleaningError
from .pasted_headline import find_headline
from .pasted_lines import Line, describe
from .pasted_region import find_body, stretch

_BULLET = re.compile(r"^(?:[•·▪◦●■‣*+-]|\d{1,2}[.)])\s+\S")
SUBHEADING_MAX_WORDS = 12


def clean_pasted(text: str) -> CleanedArticle:
    """The article in ``text``, a whole web page as copied from a browser.

    Raises CleaningError when no run of prose can be found.
    """
    texts = [t for t in map(tidy, text.splitlines()) if t]
    counts = Counter(texts)
    described = {t: describe(t, counts[t] > 1) for t in counts}  # pages repeat lines a lot
    lines = [described[t] for t in texts]
    run = find_body(lines)
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
    return build_article(title, top + body, Metadata(author=_author(top)))


def _body(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    previous = ""
    for line in lines:
        if line.text == previous:
            continue  # galleries and captions repeat themselves
        if line.chrome or (not line.prose and _furniture(line)):
            continue
        blocks.append(Block(_kind(line), line.text))
        previous = line.text
    return blocks


def _furniture(line: Line) -> bool:
    return line.rail or line.comments or line.dateline or line.byline


def _kind(line: Line) -> BlockKind:
    if _BULLET.match(line.text):
        return BlockKind.LIST_ITEM
    if not line.prose and not line.terminal and line.words <= SUBHEADING_MAX_WORDS:
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


def _title_from_body(body: list[Block]) -> str:
    """No headline above the body: a short first line is one, else its first words."""
    if len(body) > 1 and body[0].kind is not BlockKind.PARAGRAPH:
        return body[0].text
    return fallback_title(body[0].text) if body else ""
