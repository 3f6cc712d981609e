"""Reducing Markdown inline markup to the text a reader sees."""

from __future__ import annotations

import re

# Order matters: images before links (an image is a link with "!"), code spans before
# emphasis (a `*` inside code is literal).
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Single "_" only at word edges, so snake_case names keep their underscores.
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_PLACEHOLDER = "\x00{}\x00"


def plain(text: str) -> str:
    """``text`` without Markdown inline markup: **bold** -> bold, [a](url) -> a."""
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(match.group(2).strip())
        return _PLACEHOLDER.format(len(codes) - 1)

    text = _CODE.sub(keep_code, text)  # code is literal: hide it from the other rules
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _STRIKE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], text)
