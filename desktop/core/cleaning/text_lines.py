"""Splitting plain text into logical lines, undoing hard wrapping.

A browser copy puts each block of the page on one line. A text file (an e-mail, a
Project Gutenberg book) wraps its paragraphs at a fixed width instead, so its lines
are fragments of sentences; those paragraphs are joined back into one line each.
"""

from __future__ import annotations

from ._article import tidy

MAX_WRAP_WIDTH = 120  # wider lines were not wrapped by hand or by a mail client
MIN_WRAP_WIDTH = 40
MIN_FILL = 0.5  # a wrapped line (but the last) fills at least this much of the width
_SENTENCE_ENDS = tuple(".!?:;\"'”’)")


def logical_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, tidied; hard-wrapped paragraphs as one line."""
    paragraphs: list[list[str]] = []  # runs of non-blank lines
    current: list[str] = []
    for raw in text.splitlines():
        line = tidy(raw)
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    multi = [p for p in paragraphs if len(p) > 1]
    wrapped = sum(map(_hard_wrapped, multi))
    if not wrapped or wrapped * 2 < len(multi):  # not a wrapped text: keep every line
        return [line for p in paragraphs for line in p]
    return [joined for p in paragraphs for joined in ([" ".join(p)] if _hard_wrapped(p) else p)]


def _hard_wrapped(paragraph: list[str]) -> bool:
    if len(paragraph) < 2:
        return False
    width = max(len(line) for line in paragraph)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return False
    body = paragraph[:-1]
    filled = all(len(line) >= MIN_FILL * width for line in body)
    mid_sentence = sum(not line.endswith(_SENTENCE_ENDS) for line in body)
    return filled and mid_sentence * 2 >= len(body)
