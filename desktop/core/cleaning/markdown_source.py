"""Cleaning a Markdown file into an article: front matter, headings, quotes, lists."""

from __future__ import annotations

import re

from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata

from ._article import build_article, iso_date, strip_controls, tidy
from .markdown_images import find_images
from .markdown_inline import plain

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?(.*)$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_SCRIPT_OPEN = re.compile(r"<(script|style)\b[^<>]{0,2000}>", re.IGNORECASE)
_SCRIPT_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("script", "style")}
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")

# Front-matter keys Lectern reads, by the metadata field they fill.
_KEYS = {
    "title": ("title",),
    "author": ("author", "authors", "by"),
    "url": ("url", "link", "source", "canonical_url"),
    "published": ("date", "published", "published_at", "pubdate"),
    "site": ("site", "sitename", "publisher"),
    "language": ("language", "lang"),
}


def clean_markdown(text: str) -> CleanedArticle:
    """The article in a Markdown document.

    Front matter (``---`` YAML-style ``key: value`` lines) gives title, author, url,
    date; the first ``#`` heading is the headline when there is no title there.
    Raises CleaningError when the document has no text besides a title.
    """
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    fields, text = _front_matter(text)
    text = _without_scripts(text)
    blocks = _blocks(text)
    heading = next((b for b in blocks if b.kind is BlockKind.HEADLINE), None)
    title = plain(fields.get("title", "")) or (heading.text if heading else "")
    if heading is not None and heading.text.casefold() != title.casefold():
        heading = None  # the front matter's title wins; the "#" heading stays in the text
    metadata = Metadata(
        author=fields.get("author", ""),
        site=fields.get("site", ""),
        url=fields.get("url", ""),
        published=iso_date(fields.get("published", "")),
        language=fields.get("language", ""),
    )
    # build_article drops HEADLINE blocks from the body and puts the title first; a
    # second "#" heading stays, as a subheading.
    body = [_demoted(b) if b is not heading else b for b in blocks]
    article = build_article(title, body, metadata)
    article.images = find_images(text, metadata.url, article.blocks)  # the text is unchanged
    return article


def _demoted(block: Block) -> Block:
    if block.kind is BlockKind.HEADLINE:
        return Block(BlockKind.SUBHEADING, block.text)
    return block


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    raw: dict[str, str] = {}
    for line in match.group(1).splitlines():
        field = _FIELD.match(line)
        if field:
            raw.setdefault(field.group(1).lower(), field.group(2).strip("\"'[] "))
        elif raw and line.strip().startswith("- "):  # a YAML list: keep its first entry
            key = next(reversed(raw))
            raw[key] = raw[key] or line.strip()[2:].strip("\"' ")
    fields = {name: next((raw[k] for k in keys if raw.get(k)), "") for name, keys in _KEYS.items()}
    return {k: tidy(v) for k, v in fields.items() if v}, text[match.end() :]


def _without_scripts(text: str) -> str:
    """Raw HTML <script>/<style> elements removed, contents and all.

    Markdown may embed HTML; the tags go with the inline markup, but what a script
    or a style sheet holds is no text for a reader. Each search starts where the last
    one ended, so the cost stays linear however many unclosed tags there are.
    """
    parts: list[str] = []
    pos = 0
    while opening := _SCRIPT_OPEN.search(text, pos):
        closing = _SCRIPT_CLOSE[opening.group(1).lower()].search(text, opening.end())
        parts.append(text[pos : opening.start()])
        pos = closing.end() if closing else len(text)
    parts.append(text[pos:])
    return "".join(parts)


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    kind = BlockKind.PARAGRAPH  # what the lines gathered in ``paragraph`` are

    def flush() -> None:
        if paragraph:
            blocks.append(Block(kind, tidy(plain(" ".join(paragraph)))))
            paragraph.clear()

    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        if fence is not None:  # inside a code block, everything is literal
            if line.strip().startswith(fence):
                fence = None
                blocks.append(Block(BlockKind.PARAGRAPH, tidy(" ".join(paragraph))))
                paragraph.clear()
            else:
                paragraph.append(line)
            continue
        fence_match = _FENCE.match(line)
        heading = _HEADING.match(line)
        item, quote = _ITEM.match(line), _QUOTE.match(line)
        setext = _SETEXT.match(lines[i + 1]) if i + 1 < len(lines) else None
        if fence_match:
            flush()
            fence, kind = fence_match.group(1), BlockKind.PARAGRAPH
        elif not line.strip() or _REFERENCE.match(line) or _TABLE_RULE.match(line):
            flush()
        elif heading:
            flush()
            blocks.append(_heading(len(heading.group(1)) == 1, heading.group(2) or ""))
        elif setext and not paragraph and not (item or quote):
            blocks.append(_heading(setext.group(1).startswith("="), line))
            lines[i + 1] = ""  # the underline is consumed
        elif _RULE.match(line):
            flush()
        elif quote:
            if kind is not BlockKind.QUOTE or not quote.group(1).strip():
                flush()
            kind = BlockKind.QUOTE
            paragraph.append(quote.group(1))
        elif item:
            flush()
            kind = BlockKind.LIST_ITEM
            paragraph.append(item.group(1))
        elif paragraph and kind is not BlockKind.PARAGRAPH and line[:1] in " \t":
            paragraph.append(line)  # an indented continuation of a list item or quote
        elif _TABLE_ROW.match(line):
            flush()  # each row of a table is a block of its own: "a | b"
            cells = (plain(c) for c in line.strip().strip("|").split("|"))
            blocks.append(Block(BlockKind.PARAGRAPH, " | ".join(tidy(c) for c in cells)))
        else:
            if kind is not BlockKind.PARAGRAPH:
                flush()
                kind = BlockKind.PARAGRAPH
            paragraph.append(line)
    flush()
    return [b for b in blocks if b.text]


def _heading(top_level: bool, text: str) -> Block:
    return Block(BlockKind.HEADLINE if top_level else BlockKind.SUBHEADING, tidy(plain(text)))
