"""Generated inputs for what importers meet: broken markup, odd Markdown, raw bytes.

Hypothesis draws a small recipe (a seed, an encoding, some raw bytes) and the
document is built from it with ``random.Random``: ten thousand inputs cost seconds
of generation, not minutes, and every failure is reproducible from its recipe.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

TAGS = ("p", "div", "span", "article", "main", "section", "h1", "h2", "h3", "a", "b", "i",
        "em", "strong", "ul", "ol", "li", "table", "tr", "td", "blockquote", "pre", "code",
        "script", "style", "iframe", "form", "input", "img", "br", "hr", "nav", "header",
        "footer", "aside", "figure", "figcaption", "svg", "math", "template", "noscript",
        "title", "head", "body", "html", "meta", "!--", "![CDATA[", "?xml", "!doctype html")
ATTRIBUTES = ("class", "id", "href", "src", "onload", "onclick", "style", "lang", "charset",
              "content", "name", "property", "datetime", "rel", "srcset", "xmlns")
WORDS = ("the", "river", "froze", "over", "and", "council", "said", "on", "Tuesday.",
         "café", "naïve", "日本語", "Ελλάδα", "مرحبا", "\u200b", "\u202e", "\ufeff", "&amp;",
         "&#0;", "&#x110000;", "&nbsp;", "<", ">", "\"", "'", "\\", "\x00", "\x0c", "\r\n",
         "\t", "🙂", "\x85", "\u2028", "javascript:alert(1)", "http://127.0.0.1/x.png")
MARKDOWN_LINE_STARTS = ("", "", "", "# ", "## ", "###### ", "> ", ">> ", "- ", "* ", "1. ",
                        "    ", "```", "---", "| a | b |", "|---|---|", "[^1]: ", "<div>",
                        "    - ", "![img](http://127.0.0.1/x.png) ", "[x](javascript:alert(1)) ",
                        "===", "<script>alert(1)</script>", "$$", "***", "+ ")
ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252",
             "latin-1")


def words(rng: random.Random, most: int = 30) -> str:
    picked = []
    for _ in range(rng.randint(0, most)):
        if rng.random() < 0.8:
            picked.append(rng.choice(WORDS))
        else:
            picked.append("".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 8))))
    return " ".join(picked)


def html_document(rng: random.Random, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 5 if depth < 3 else 2)):
        if rng.random() < 0.4 or depth > 8:
            parts.append(words(rng))
            continue
        tag = rng.choice(TAGS)
        attrs = "".join(f' {rng.choice(ATTRIBUTES)}="{words(rng, 3)}"'
                        for _ in range(rng.randint(0, 3)))
        closing = "" if rng.random() < 0.15 else f"</{tag.split()[0]}>"  # broken markup
        parts.append(f"<{tag}{attrs}>{html_document(rng, depth + 1)}{closing}")
    return "".join(parts)


def markdown_document(rng: random.Random) -> str:
    return "\n".join(rng.choice(MARKDOWN_LINE_STARTS) + words(rng)
                     for _ in range(rng.randint(0, 25)))


def pasted_document(rng: random.Random) -> str:
    separator = rng.choice(["\n\n", "\n", "\r\n", "\n \n", "\u2029", "\r"])
    return separator.join(words(rng, 60) for _ in range(rng.randint(0, 20)))


BUILDERS = {"html": html_document, "markdown": markdown_document, "text": pasted_document}


@st.composite
def file_bytes(draw: st.DrawFn, kind: str) -> bytes:
    """A generated document of ``kind`` as a file would hold it, sometimes damaged."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    text = BUILDERS[kind](rng)
    how = draw(st.integers(0, 9))
    if how == 0:
        return draw(st.binary(max_size=600))  # arbitrary bytes under the kind's name
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    if how == 1:  # damaged: bytes cut, inserted or overwritten
        junk = draw(st.binary(min_size=1, max_size=20))
        at = rng.randint(0, len(data))
        data = data[:at] + junk + data[at + rng.randint(0, 3):]
    return data
