"""The search box's little language, parsed into a safe FTS5 query.

    drought farmers        both words, anywhere in the article (prefix of the last word
                           while typing, see ``parse(..., typing=True)``)
    "exact phrase"         these words in this order
    deter*                 words starting with "deter"
    -sports  -"red sox"    articles that do not say this anywhere
    title:  text:  highlight:  note:  tag:  site:
                           only in that field (title:"a phrase", tag:urgent, -site:example.com)
    drought OR flood       either

Every piece of the user's text reaches SQLite only inside a double-quoted FTS5 string
(quotes doubled), so no word of a query is ever read as FTS5 syntax; a query that
cannot mean anything (an unclosed quote, a field with nothing after it, only
exclusions) raises ``QueryError`` with one line saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.errors import LecternError

# The index's columns, and the names a reader may use for them.
FIELDS = ("title", "text", "highlights", "notes", "tags", "site")
_FIELD_NAMES = {
    "title": "title", "text": "text", "body": "text",
    "highlight": "highlights", "highlights": "highlights", "quote": "highlights",
    "note": "notes", "notes": "notes",
    "tag": "tags", "tags": "tags",
    "site": "site", "domain": "site",
}
# A word is something the tokenizer keeps: letters or digits (unicode61 folds the rest away).
_WORDY = re.compile(r"\w", re.UNICODE)
TYPED_PREFIX_MIN = 3  # letters of a word being typed before it is looked up as a prefix
_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z]+):)?("([^"]*)("?)|[^\s"]+)')


class QueryError(LecternError):
    """The search query cannot be understood; the message says why, in one line."""


@dataclass(frozen=True)
class Term:
    text: str  # the words, as typed (never FTS5 syntax)
    field: str = ""  # one of FIELDS, or "" for anywhere
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"' + (" *" if self.prefix else "")
        return f"{self.field} : {quoted}" if self.field else quoted


@dataclass(frozen=True)
class ParsedQuery:
    """Groups of terms: an article matches when every group has a match (OR inside a group)
    and no negated term matches."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    def fts(self) -> str:
        parts = []
        for group in self.groups:
            inner = " OR ".join(term.fts() for term in group)
            parts.append(f"({inner})" if len(group) > 1 else inner)
        expression = " AND ".join(parts)
        if self.excluded:
            expression = f"({expression}) NOT ({' OR '.join(t.fts() for t in self.excluded)})"
        return expression

    @property
    def words(self) -> list[str]:
        return [term.text for group in self.groups for term in group]


def parse(query: str, *, typing: bool = False) -> ParsedQuery:
    """Parse ``query``; ``typing``: the last bare word is a prefix (the user is mid-word)."""
    terms: list[Term | None] = []  # None stands for OR
    position = 0
    text = query.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # only white space remains
            break
        position = match.end()
        negated, field_name, token, phrase, closing = match.groups()
        if token == "OR" and not negated and not field_name:
            terms.append(None)
            continue
        field = ""
        if token.endswith(":") and token[:-1].lower() in _FIELD_NAMES and phrase is None:
            raise QueryError(f"{token} needs a word right after it (e.g. {token}word)")
        if field_name:
            field = _FIELD_NAMES.get(field_name.lower(), "")
            if not field:  # "10:30", "re:thinking": not a field, just words
                token = f"{field_name}:{token}"
        if phrase is not None:
            if not closing:
                raise QueryError('a quotation mark is not closed: add the closing "')
            words, prefix = phrase, False
        else:
            prefix = token.endswith("*")
            words = token.rstrip("*").replace('"', " ")
        if not _WORDY.search(words):
            if field_name and field:
                raise QueryError(f"{field_name}: needs a word after it (e.g. {field_name}:word)")
            continue  # punctuation alone searches for nothing: leave it out
        terms.append(Term(words.strip(), field, prefix, bool(negated)))
    if typing:
        _prefix_last_word(terms, query)
    return _group(terms)


def _prefix_last_word(terms: list[Term | None], text: str) -> None:
    last = terms[-1] if terms else None
    if last is None or last.prefix or text.endswith(('"', " ")):
        return
    if len(last.text) < TYPED_PREFIX_MIN and len(terms) > 1:
        terms.pop()  # "drought fa": the words starting with "fa" are most of the library
        return
    terms[-1] = Term(last.text, last.field, True, last.negated)


def _group(terms: list[Term | None]) -> ParsedQuery:
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for term in terms:
        if term is None:
            join_next = bool(groups)
            continue
        if term.negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        if excluded:
            raise QueryError("a search needs at least one word to look for, "
                             "not only words to leave out (-word)")
        raise QueryError("nothing to search for: type a word")
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))
