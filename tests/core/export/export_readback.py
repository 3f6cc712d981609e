"""Reading an exported note back the way a CommonMark tool sees it.

Used by the tests to check that every quote and note in a file equals what the
database holds: front matter through PyYAML, the body through markdown-it-py's
CommonMark parser, text taken from the parsed tokens (never from the source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark")


@dataclass
class ReadHighlight:
    section: str
    quote: str
    block_id: str = ""
    meta: str = ""
    links: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class ReadNote:
    front_matter: dict[str, Any] | None
    title: str
    sections: list[str]
    highlights: list[ReadHighlight]
    notes: str  # the "## Notes" section's source, as written
    body: str


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    if not text.startswith("---\n"):
        return None, text
    end = text.index("\n---\n", 3)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict)
    return data, text[end + 5:]


def inline_text(token: Token) -> str:
    """The text a reader sees; any markup (emphasis, code, HTML) is a failure."""
    out: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"markup in exported text: {child.type} {child.content!r}")
    return "".join(out)


def _inline_links(token: Token) -> list[str]:
    return [str(c.attrs.get("href", "")) for c in token.children or [] if c.type == "link_open"]


def parse_note(text: str) -> ReadNote:
    front, body = split_front_matter(text)
    tokens = _PARSER.parse(body)
    lines = body.split("\n")
    title, section = "", ""
    sections: list[str] = []
    highlights: list[ReadHighlight] = []
    notes_start: int | None = None
    notes_end: int | None = None
    current: ReadHighlight | None = None
    stage = ""  # what the next paragraph after a quote is: "id", "meta" or "note"
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        in_notes = section == "Notes"
        if tok.type == "heading_open" and in_notes and not (
                tok.tag == "h2" and tokens[i + 1].content.startswith("Added by Lectern on")):
            i += 1  # the user's own Markdown: headings in it are theirs
            continue
        if tok.type == "heading_open":
            heading = inline_text(tokens[i + 1])
            if tok.tag == "h1" and not title:
                title = heading
            elif tok.tag == "h2":
                if section == "Notes" and notes_end is None:
                    notes_end = tok.map[0] if tok.map else None
                section = heading
                sections.append(heading)
                if heading == "Notes":
                    notes_start = tok.map[1] if tok.map else None
            current, stage = None, ""
            i += 3
            continue
        if section == "Notes":
            i += 1
            continue
        if tok.type == "blockquote_open":
            paragraphs: list[str] = []
            depth = 1
            i += 1
            while depth:
                inner = tokens[i]
                if inner.type == "blockquote_open":
                    raise AssertionError("a nested block quote in an exported quote")
                if inner.type == "blockquote_close":
                    depth -= 1
                elif inner.type == "inline":
                    paragraphs.append(inline_text(inner))
                elif inner.type not in ("paragraph_open", "paragraph_close"):
                    raise AssertionError(f"structure inside an exported quote: {inner.type}")
                i += 1
            current = ReadHighlight(section, "\n\n".join(paragraphs))
            highlights.append(current)
            stage = "id"
            continue
        if tok.type == "inline" and current is not None:
            raw = tok.content
            if stage == "id" and raw.startswith("^hl-"):
                current.block_id = raw[1:]
                stage = "meta"
            elif stage in ("id", "meta") and "Open in Lectern" in raw:
                current.meta = raw
                current.links = _inline_links(tok)
                stage = "note"
            else:
                text_of = inline_text(tok)
                current.note = f"{current.note}\n\n{text_of}" if current.note else text_of
                stage = "note"
        elif tok.type not in ("paragraph_open", "paragraph_close", "inline") and current:
            raise AssertionError(f"unexpected block after a highlight: {tok.type}")
        i += 1
    notes = ""
    if notes_start is not None:
        notes = "\n".join(lines[notes_start:notes_end]).strip("\n")
    return ReadNote(front, title, sections, highlights, notes, body)
