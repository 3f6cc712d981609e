"""Reducing Markdown inline markup to the text a reader sees."""

from __future__ import annotations

import re

# Every pattern is bounded and its content excludes its own delimiter, so that a failed
# match stops at the next delimiter: on hostile text ("**a **a **a ...", "[[[[...")
# patterns with an open-ended middle take quadratic time.
_IMAGE = re.compile(r"!\[([^\[\]]{0,500})\](?:\([^()]{0,2000}\)|\[[^\[\]]{0,200}\])")
_LINK = re.compile(
    r"\[([^\[\]]{1,500})\](?:\((?:[^()]|\([^()]{0,200}\)){0,2000}\)|\[[^\[\]]{0,200}\])"
)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]{1,2000})>")
_HTML = re.compile(r"</?[A-Za-z][^<>]{0,2000}>|<!--[^<>]{0,2000}-->")
_STRONG = re.compile(r"\*\*(?=\S)([^*]{1,1000}?)(?<=\S)\*\*|__(?=\S)([^_]{1,1000}?)(?<=\S)__")
# A single "_" only at word edges, so snake_case names keep their underscores.
_EM = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*]{1,1000}?)(?<=\S)\*(?!\*)"
    r"|(?<![\w_])_(?=[^\s_])([^_]{1,1000}?)(?<=\S)_(?![\w_])"
)
_STRIKE = re.compile(r"~~(?=\S)([^~]{1,1000}?)(?<=\S)~~")
# Text that must come out literally: code spans and backslash-escaped characters.
_LITERAL = re.compile(r"(`{1,3})([^`]{1,2000}?)\1|\\([\\`*_{}\[\]()#+\-.!>~|<])")
_HELD = re.compile("\x00(\\d+)\x00")  # the caller has removed every NUL from the text


def plain(text: str) -> str:
    """``text`` without Markdown inline markup: **bold** -> bold, [a](url) -> a."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(3) if match.group(3) is not None else match.group(2).strip())
        return f"\x00{len(held) - 1}\x00"

    text = _LITERAL.sub(hold, text)
    text = _IMAGE.sub("", text)  # before links: an image is a link with a "!"
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML.sub("", text)
    text = _STRIKE.sub(r"\1", text)
    text = _STRONG.sub(_either, text)
    text = _EM.sub(_either, text)
    text = _STRONG.sub(_either, text)  # strong around emphasis: **a *b* c**
    return _HELD.sub(lambda m: held[int(m.group(1))], text)


def _either(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else match.group(2)
