"""What a reader is: a kind of source, how to recognise it, how to clean it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.models import CleanedArticle

# Sniffing looks at the start of a file only: a 30 MB file must not cost a scan.
SNIFF_BYTES = 2048


@dataclass(frozen=True)
class Reader:
    """One kind of source: its name, how it is recognised and how it is cleaned.

    ``kind`` is stored with the article (``sources``/``articles.source_kind``), so it
    must never change once released. ``sniff`` sees the first ``SNIFF_BYTES`` of a
    file whose suffix said nothing; ``clean`` gets the decoded text.
    """

    kind: str
    label: str  # for file dialogs: "Saved web pages"
    suffixes: tuple[str, ...]  # lower case, with the dot
    sniff: Callable[[bytes], bool]
    clean: Callable[[str], CleanedArticle]
    # Markup is judged by its tag count, text by its nesting, when choosing whether
    # cleaning needs the time-limited worker (see clean_worker.needs_worker).
    markup: bool = False


def never(_head: bytes) -> bool:
    return False
