"""Escaping that makes any text show as written in CommonMark (and in Obsidian).

Quotes come from arbitrary web pages and notes are typed by users, so a line may
start with ``#``, ``>``, ``-`` or ``1.``, hold ``*stars*``, backticks, ``|``
pipes, ``<html>``-like text or entity-like ``&amp;``. Each of these would turn
into structure. We backslash-escape the punctuation that can start structure
(CommonMark allows a backslash before any ASCII punctuation) and write the
whitespace a parser would drop (leading and trailing spaces, extra blank lines,
carriage returns) as numeric character references, which every CommonMark
parser decodes back to the same character. Control characters no parser accepts
(NUL, escape codes) become U+FFFD, as a parser would show them.

Only what needs it is escaped, so exported notes stay readable when edited by
hand: ``a - b`` stays ``a - b``; a line ``- b`` becomes ``\\- b``.
"""

from __future__ import annotations

import re

# Special anywhere in a line (see _ESCAPE): emphasis, code, links, raw HTML,
# escapes, GFM tables, Obsidian tags (#), math ($), strikethrough (~), block
# references (^); and when doubled, Obsidian highlights (==) and comments (%%).

# Special at the start of a line: block quotes, list items, setext/thematic lines.
_LINE_START = frozenset(">-+=")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_NEWLINE_RUNS = re.compile(r"(\n+)")


def _char_ref(ch: str) -> str:
    return f"&#{ord(ch)};"


# Control characters CommonMark parsers refuse even as references (markdown-it
# turns them into U+FFFD): we write U+FFFD ourselves, so what a reader sees is
# what the file says. Tab, line feed, carriage return and form feed are kept.
_UNREPRESENTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _escape_match(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in "\r\x0c\u2028\u2029":
        return _char_ref(ch)
    return "\\" + ch


# One pass over a line: punctuation that is always special, "=" and "%" next to
# another of their kind, "&" that could start an entity, and invisible line breaks.
_ESCAPE = re.compile(
    r"[\\`*_\[\]<#|~$^]|=(?==)|(?<==)=|%(?=%)|(?<=%)%|&(?=#|[A-Za-z0-9])"
    r"|[\r\x0c\u2028\u2029]"
)


def _escape_chars(line: str) -> str:
    return _ESCAPE.sub(_escape_match, line)


def escape_line(line: str) -> str:
    """One line (no ``\\n``) so it reads back exactly as ``line``, wherever it sits."""
    if not line:
        return ""
    line = _UNREPRESENTABLE.sub("\ufffd", line)
    stripped_start = len(line) - len(line.lstrip())
    stripped_end = len(line.rstrip())
    if stripped_end <= stripped_start:  # only whitespace
        return "".join(_char_ref(ch) for ch in line)
    lead = "".join(_char_ref(ch) for ch in line[:stripped_start])
    trail = "".join(_char_ref(ch) for ch in line[stripped_end:])
    body = line[stripped_start:stripped_end]
    head = ""
    marker = _ORDERED_MARKER.match(body)
    if marker:
        head = marker.group(1) + "\\" + marker.group(2)
        body = body[marker.end():]
    elif body[0] in _LINE_START:
        head = "\\" + body[0]
        body = body[1:]
    return lead + head + _escape_chars(body) + trail


def escape_text(text: str) -> str:
    """Text (any number of lines) as Markdown paragraphs that read back as ``text``.

    A single newline becomes a soft line break, a blank line a paragraph break;
    newlines a parser would fold (three or more in a row, or at either end) are
    written as ``&#10;``. Read back: join inline text, soft breaks as ``\\n``,
    paragraphs with ``\\n\\n``.
    """
    if not text:
        return ""
    parts = _NEWLINE_RUNS.split(text)
    out: list[str] = []
    carry = ""  # newline references that belong to the start of the next line
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if index % 2 == 0:  # a line
            out.append(carry + escape_line(part) if (carry or part) else "")
            carry = ""
            continue
        run = len(part)
        at_start = index == 1 and parts[0] == ""
        at_end = index == last - 1 and parts[last] == ""
        if at_start or at_end:
            refs = "&#10;" * run
            if at_end:
                out[-1] += refs
            else:
                carry += refs
            continue
        if run == 1:
            out.append("\n")
        else:
            out.append("\n\n")
            carry = "&#10;" * (run - 2)
    return "".join(out)


def quote_block(text: str) -> str:
    """``text`` as a Markdown block quote (``> `` on every line) that reads back as written."""
    body = escape_text(text)
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))


def url_destination(url: str) -> str:
    """A URL safe inside ``[text](...)``: no spaces, parentheses or angle brackets."""
    table = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\n": "", "\r": "",
             "\t": "%09", "\\": "%5C"}
    return "".join(table.get(ch, ch) for ch in url)


_TAG_INVALID = re.compile(r"[^\w/\-]+")


def tag_name(tag: str) -> str:
    """A tag as Obsidian and most note apps accept it: no spaces, no punctuation."""
    name = _TAG_INVALID.sub("-", tag.strip()).strip("-/")
    if not name:
        return ""
    return f"t{name}" if name.isdigit() else name


def hashtag(tag: str) -> str:
    name = tag_name(tag)
    return f"#{name}" if name else ""
