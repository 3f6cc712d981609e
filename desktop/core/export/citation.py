"""Citations of an article: a citekey, BibTeX (biblatex ``@online``) and CSL-JSON.

Zotero, pandoc and biber read both formats. The citekey follows the common
``authorYearTitleword`` pattern (Better BibTeX's default style), in ASCII so it
works in every LaTeX and Markdown tool.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from desktop.core.links import article_link
from desktop.core.models import ArticleRecord

_STOPWORD_TEXT = (
    "a an the of on in at to for and or but with from by as is are was were be how why what "
    "when where who which this that these those its it le la les el los das der die ein une"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_NEWS_HINTS = re.compile(
    r"\b(news|times|post|guardian|journal|tribune|herald|reuters|bbc|cnn|gazette|telegraph|"
    r"economist|press|daily|chronicle|observer|independent|spiegel|monde|zeitung)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(\d{4})\b")
# Bylines that name an organisation, not a person: never split into family, given.
_ORGANISATION = re.compile(
    r"\b(editors?|staff|team|desk|newsroom|press|news|agency|associated|reuters|bureau|inc|"
    r"ltd|llc|foundation|university|institute|society|committee|council|ministry|department|"
    r"office|association|group|company|corporation|wikipedia|contributors)\b",
    re.IGNORECASE,
)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii())


def split_authors(author: str) -> list[str]:
    """'A and B', 'A; B', 'A, B & C' -> names; a lone 'Last, First' stays one name."""
    text = author.strip()
    if not text:
        return []
    parts = re.split(r"\s*(?:;|\band\b|&|\|)\s*", text)
    if len(parts) == 1 and text.count(",") > 1:
        parts = text.split(",")
    elif len(parts) == 1 and "," in text and len(text.split(",")[0].split()) > 1:
        parts = text.split(",")  # "Jane Smith, John Doe" (a family name is one word here)
    return [p.strip() for p in parts if p.strip()]


def family_given(name: str) -> tuple[str, str]:
    """('Smith', 'Jane') from 'Jane Smith' or 'Smith, Jane'; ('Reuters', '') for one word
    or an organisation ('Lectern Editors')."""
    if _ORGANISATION.search(name):
        return name.strip(), ""
    if "," in name:
        family, given = name.split(",", 1)
        return family.strip(), given.strip()
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def year_of(record: ArticleRecord) -> str:
    for stamp in (record.published, record.saved_at):
        match = _YEAR.search(stamp or "")
        if match:
            return match.group(1)
    return "nd"


def short_author(record: ArticleRecord) -> str:
    """How an in-text citation names the author: the first author's family name, an
    organisation's whole name, else the site ("" if none)."""
    authors = split_authors(record.author)
    return family_given(authors[0])[0] if authors else record.site


def citekey(record: ArticleRecord) -> str:
    authors = split_authors(record.author)
    who = family_given(authors[0])[0] if authors else (record.site or "anon")
    who_key = re.sub(r"[^a-z0-9]", "", ascii_fold(who).lower()) or "anon"
    title_word = ""
    for word in re.findall(r"\w+", ascii_fold(record.title)):
        if word.lower() not in _STOPWORDS and not word.isdigit():
            title_word = word[:1].upper() + word[1:].lower()
            break
    key = re.sub(r"[^A-Za-z0-9]", "", f"{who_key}{year_of(record)}{title_word}")
    return key if key[:1].isalpha() else f"a{key}"


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}


def bibtex_escape(text: str) -> str:
    """Field text safe inside ``{...}``: LaTeX specials escaped, braces balanced, one line."""
    flat = " ".join(text.split())
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in flat)


def _bibtex_author(author: str) -> str:
    names = []
    for name in split_authors(author):
        family, given = family_given(name)
        names.append(f"{bibtex_escape(family)}, {bibtex_escape(given)}" if given
                     else "{" + bibtex_escape(family) + "}")
    return " and ".join(names)


def bibtex(record: ArticleRecord) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_escape(record.title) + "}")]
    if record.author:
        fields.append(("author", _bibtex_author(record.author)))
    if record.site:
        fields.append(("organization", bibtex_escape(record.site)))
    if record.published:
        fields.append(("date", bibtex_escape(record.published[:10])))
    if record.url:
        fields.append(("url", record.url.replace("{", "%7B").replace("}", "%7D")))
    if record.saved_at:
        fields.append(("urldate", record.saved_at[:10]))
    if record.language:
        fields.append(("langid", bibtex_escape(record.language)))
    fields.append(("note", bibtex_escape(f"Saved in Lectern: {article_link(record.id)}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{citekey(record)},\n{body}\n}}\n"


def _date_parts(stamp: str) -> dict[str, Any] | None:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", stamp or "")
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p]
    return {"date-parts": [parts]}


def csl_item(record: ArticleRecord) -> dict[str, Any]:
    is_news = bool(record.site and _NEWS_HINTS.search(record.site))
    item: dict[str, Any] = {
        "id": citekey(record),
        "type": "article-newspaper" if is_news else "webpage",
        "title": record.title,
    }
    authors = []
    for name in split_authors(record.author):
        family, given = family_given(name)
        authors.append({"family": family, "given": given} if given else {"literal": family})
    if authors:
        item["author"] = authors
    if record.site:
        item["container-title"] = record.site
    if record.url:
        item["URL"] = record.url
    issued = _date_parts(record.published)
    if issued:
        item["issued"] = issued
    accessed = _date_parts(record.saved_at)
    if accessed:
        item["accessed"] = accessed
    if record.language:
        item["language"] = record.language
    return item


def csl_json(records: list[ArticleRecord]) -> str:
    """A CSL-JSON array (what Zotero's import and pandoc's --bibliography read)."""
    return json.dumps([csl_item(r) for r in records], ensure_ascii=False, indent=2) + "\n"
