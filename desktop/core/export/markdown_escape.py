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

import functools
import re

_NEWLINE_RUNS = re.compile(r"(\n+)")


# Control characters CommonMark parsers refuse even as references (markdown-it
# turns them into U+FFFD): we write U+FFFD ourselves, so what a reader sees is
# what the file says. Tab, line feed, carriage return and form feed are kept.
_UNREPRESENTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# Backslash-escaped anywhere in a line: emphasis, code, links, raw HTML, escapes,
# GFM tables, Obsidian tags (#), math ($), strikethrough (~), block references
# (^). str.replace per character (backslash first) runs at C speed; a regex with
# a per-match callback, or str.translate, would dominate export time.
_ALWAYS = tuple((ch, "\\" + ch) for ch in "\\`*_[]<#|~$^")
_LINE_START_CHARS = frozenset(">-+=0123456789")
# Only in context: "=" and "%" next to another of their kind (Obsidian highlights
# and comments); "&" that could start an entity ("&#" is already broken up, as
# "#" is escaped).
_DOUBLED = re.compile(r"=(?==)|(?<==)=|%(?=%)|(?<=%)%")
_ENTITY_START = re.compile(r"&(?=[A-Za-z0-9])")
# Written as references: line breaks a parser would see (or an editor would show)
# where the text has none.
_AS_REFERENCE = re.compile(r"[\r\x0c\u2028\u2029]")
_ORDERED_AT_LINE_START = re.compile(r"^(\d+)([.)])", re.MULTILINE)
_MARKER_AT_LINE_START = re.compile(r"^([>\-+=])", re.MULTILINE)
# Whitespace a parser strips: at the start and end of every line.
_EDGE_SPACE = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)
_SPACE_BY_NEWLINE = re.compile(r"[^\S\n]\n|\n[^\S\n]")
# Any character _UNREPRESENTABLE or _AS_REFERENCE handles: one scan decides
# whether either needs to run (most text has none).
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group(0)


def _escape_ordered_marker(match: re.Match[str]) -> str:
    return f"{match.group(1)}\\{match.group(2)}"


def _references(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(ch)};" for ch in match.group(0))


def escape_text(text: str) -> str:
    """Text (any number of lines) as Markdown paragraphs that read back as ``text``.

    A single newline becomes a soft line break, a blank line a paragraph break;
    newlines a parser would fold (three or more in a row, or at either end) are
    written as ``&#10;``. Read back: join inline text, soft breaks as ``\\n``,
    paragraphs with ``\\n\\n``. Whole-text regular expressions (no loop over
    lines in Python) keep exporting thousands of highlights fast.
    """
    if not text:
        return ""
    controls = _CONTROL_OR_BREAK.search(text) is not None
    if controls:
        text = _UNREPRESENTABLE.sub("\ufffd", text)
    for ch, escaped in _ALWAYS:
        if ch in text:
            text = text.replace(ch, escaped)
    if "==" in text or "%%" in text:
        text = _DOUBLED.sub(_backslashed, text)
    if "&" in text:
        text = _ENTITY_START.sub("\\\\&", text)
    if controls:
        text = _AS_REFERENCE.sub(_references, text)
    if "\n" in text:
        text = _ORDERED_AT_LINE_START.sub(_escape_ordered_marker, text)
        text = _MARKER_AT_LINE_START.sub(r"\\\1", text)
    elif text[0] in _LINE_START_CHARS:  # one line: only its start can be a marker
        text = _ORDERED_AT_LINE_START.sub(_escape_ordered_marker, text, count=1)
        if text[0] in ">-+=":
            text = "\\" + text
    if text[0].isspace() or text[-1].isspace() or (
            "\n" in text and _SPACE_BY_NEWLINE.search(text)):
        text = _EDGE_SPACE.sub(_references, text)
    if "\n" in text:
        text = _NEWLINE_RUNS.sub(lambda m: _newlines(m, len(text)), text)
    return text


def _newlines(match: re.Match[str], length: int) -> str:
    run = match.end() - match.start()
    if match.start() == 0 or match.end() == length:
        return "&#10;" * run  # a paragraph cannot start or end with a line break
    if run == 1:
        return "\n"
    return "\n\n" + "&#10;" * (run - 2)


def escape_line(line: str) -> str:
    """One line (no ``\\n``) so it reads back exactly as ``line``, wherever it sits."""
    return escape_text(line)


def quote_block(text: str) -> str:
    """``text`` as a Markdown block quote (``> `` on every line) that reads back as written."""
    body = escape_text(text)
    return ("> " + body.replace("\n", "\n> ")).replace("\n> \n", "\n>\n").rstrip(" ")


def url_destination(url: str) -> str:
    """A URL safe inside ``[text](...)``: no spaces, parentheses or angle brackets."""
    table = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\n": "", "\r": "",
             "\t": "%09", "\\": "%5C"}
    return "".join(table.get(ch, ch) for ch in url)


_TAG_INVALID = re.compile(r"[^\w/\-]+")


@functools.lru_cache(maxsize=4096)  # a library has few distinct tags, used many times
def tag_name(tag: str) -> str:
    """A tag as Obsidian and most note apps accept it: no spaces, no punctuation."""
    name = _TAG_INVALID.sub("-", tag.strip()).strip("-/")
    if not name:
        return ""
    return f"t{name}" if name.isdigit() else name


def hashtag(tag: str) -> str:
    name = tag_name(tag)
    return f"#{name}" if name else ""
