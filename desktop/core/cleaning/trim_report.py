"""Saying so when cleaning drops a real share of a pasted text.

Cleaning a copied web page drops its menus and comments, as it should; but a
wrong guess drops half an article without a word (a "Comments" subheading cut a
329-word essay to 194). For plain-text sources, whose every word the reader
could see, the words kept are compared with the words given, and a loss over
``NOTICE_SHARE`` is told, with the command that keeps every word.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.models import CleanedArticle

NOTICE_SHARE = 0.15  # more than this share of the words removed: the user is told


@dataclass(frozen=True)
class Trim:
    kept: int
    given: int

    @property
    def removed_share(self) -> float:
        return 1 - self.kept / self.given if self.given else 0.0

    @property
    def noticeable(self) -> bool:
        return self.removed_share > NOTICE_SHARE

    def message(self, how_to_keep_all: str) -> str:
        """One line for the CLI and the window (each says how to keep every word)."""
        return (f"cleaning kept {self.kept:,} of the {self.given:,} words "
                f"({self.removed_share:.0%} removed as menus, links or comments); to keep "
                f"every word: {how_to_keep_all}")


def trim_of(source_text: str, article: CleanedArticle) -> Trim:
    return Trim(kept=len(article.text.split()), given=len(source_text.split()))
