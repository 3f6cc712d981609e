"""What one line of a copied web page looks like: prose, a menu entry, or known chrome.

A browser's "select all, copy" gives one line per block on the page. Article
paragraphs are long, sentence-like lines; menus, link lists, share bars and footers
are short title-case lines or match well-known phrases (``page_patterns``). These
features are all the region finder (``pasted_region``) looks at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import page_patterns as patterns

_WORD = re.compile(r"\w+")
# Scripts written without spaces: count characters, as a word is about two of them.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Sentence ends, also before a closing quote or a trailing agency tag ("... said. (AP)").
_TERMINAL = re.compile(r"""[.!?…:;。！？]["'”’»)\]]*$|[.!?…]["'”’»)\]]*\s*\(?[A-Z]{2,5}\)?$""")
# A final "U.S." or "Jr." ends a name, not a sentence: headlines often end so.
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Jr|Sr|Inc|Ltd|Co|St|Dr|Mr|Mrs|Ms|vs)\.)$")
_TRUNCATED = re.compile(r"\w\s?(?:\.\.\.|…)$")
_TAIL = 24  # sentence ends are looked for in the last characters only: lines can be huge

PROSE_WORDS = 20  # this long, a line is prose unless it is all capitalised names
SENTENCE_WORDS = 8  # this long and ending like a sentence, a line is prose


@dataclass(frozen=True)
class Line:
    """One non-empty line of the copied page and what it looks like."""

    text: str
    words: int
    terminal: bool  # ends like a sentence
    prose: bool  # reads like an article sentence rather than a link, label or heading
    chrome: bool  # page furniture: share bar, ad label, sign-in prompt, promotion
    comments: bool  # opens a comment section
    rail: bool  # heads a list of links to other articles
    byline: bool
    dateline: bool  # only a date and/or time
    repeated: bool  # the same text is elsewhere on the page


def describe(text: str, repeated: bool = False) -> Line:
    tokens = _WORD.findall(text)
    words = len(tokens) + len(_CJK.findall(text)) // 2
    tail = text[-_TAIL:]
    terminal = bool(_TERMINAL.search(tail)) and not _ABBREVIATION.search(tail)
    return Line(
        text=text,
        words=words,
        terminal=terminal,
        prose=_prose(tokens, words, terminal, tail),
        chrome=patterns.is_chrome(text, words),
        comments=patterns.is_comments(text, words),
        rail=patterns.is_rail(text, words),
        byline=patterns.is_byline(text, words, terminal),
        dateline=patterns.is_dateline(tokens, text),
        repeated=repeated,
    )


def _prose(tokens: list[str], words: int, terminal: bool, tail: str) -> bool:
    if words < SENTENCE_WORDS or _TRUNCATED.search(tail):
        return False  # too short, or a teaser cut short ("... may soon...")
    cased = [t for t in tokens if t[0].islower() or t[0].isupper()]
    lowercase = sum(t[0].islower() for t in cased) / len(cased) if cased else 0.0
    if words >= PROSE_WORDS:
        return terminal or lowercase >= 0.4
    return words >= SENTENCE_WORDS and terminal and lowercase >= 0.3
