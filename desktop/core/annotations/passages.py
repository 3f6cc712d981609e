"""Finding a passage a reader selected elsewhere (in a browser) in an article's text."""

from __future__ import annotations

import re

# Typography the cleaner may have changed, or the browser's selection may carry.
_LIKE: dict[str, str] = {
    **dict.fromkeys("'‘’‛′`", "['‘’‛′`]"),
    **dict.fromkeys('"“”„″', '["“”„″]'),
    **dict.fromkeys("-‐‑‒–—―", "[-‐‑‒–—―]"),
}


def find_passage(text: str, selection: str) -> tuple[int, int] | str:
    """Where the selected passage is in the cleaned text, or why it cannot be placed.

    The browser's selection and the cleaned text differ in spacing (line breaks,
    paragraph gaps) and sometimes typography; both are allowed. A passage found
    more than once is not placed: the wrong one would carry the reader's note.
    """
    words = selection.split()
    if not words:
        return "the selection is empty"
    pattern = r"\s+".join("".join(_LIKE.get(c, re.escape(c)) for c in word) for word in words)
    found = [m.span() for m, _ in zip(re.finditer(pattern, text), range(2), strict=False)]
    if not found:
        return "it is not in the article's cleaned text (it may be a caption, a menu or a comment)"
    if len(found) > 1:
        return "it appears more than once in the article; highlight it in Lectern"
    return found[0]
