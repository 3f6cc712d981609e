"""Plain or pasted text: a copied article, with its headline and byline guessed."""

from __future__ import annotations

from desktop.core.importing.readers.base import Reader, never
from desktop.core.models import CleanedArticle


def clean(text: str) -> CleanedArticle:
    # Deferred for start-up speed, like the HTML reader's cleaner.
    from desktop.core.cleaning.pasted import clean_pasted

    return clean_pasted(text)


# The fallback kind: anything no other reader claims is read as text.
READER = Reader(kind="text", label="Text", suffixes=(".txt", ".text"), sniff=never, clean=clean)
