"""Helpers for the export tests (imported by name: ``from export_fixtures import ...``;
``from conftest import`` would pick whichever conftest.py loaded last)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from desktop.core.annotations import Annotation, AnnotationStore
from desktop.core.importing import content_hash, text_source
from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata


def store_for(library: Any) -> AnnotationStore:
    """The real highlight store (desktop.core.annotations) on ``library``."""
    return AnnotationStore(library)


def orphan(store: AnnotationStore, annotation: Annotation) -> Annotation:
    """Mark a highlight orphaned, as re-anchoring does when its passage is gone."""
    annotation.status = "orphaned"
    store.restore(annotation)
    return annotation


TITLE = "The Art of *Careful* Reading"
PARAGRAPHS = [
    "Reading well is a skill: it takes > patience & practice, and a # of habits.",
    "- Lists start lines; 1. so do numbers | and pipes `code` <b>tags</b>.",
    "Emoji 📚 and right-to-left: مرحبا بالعالم, שלום עולם. The end.",
]


def add_article(library: Any, title: str = TITLE, paragraphs: list[str] | None = None,
                **meta: str) -> int:
    """An article stored as if cleaned (export does not depend on the cleaners)."""
    blocks = [Block(BlockKind.HEADLINE, title)] + [
        Block(BlockKind.PARAGRAPH, p) for p in (paragraphs or PARAGRAPHS)]
    fields = {"title": title, "author": "Jane Smith", "site": "The Reading Times",
              "url": "https://example.org/reading?id=1", "published": "2024-03-05",
              "language": "en"}
    fields.update(meta)
    article = CleanedArticle(blocks, Metadata(**fields))
    source = text_source("\n\n".join(b.text for b in blocks), name=f"{title[:20]}.txt")
    outcome = library.add_article(source, article, "utf-8", content_hash(article))
    return int(outcome.article.id)


# What web pages and notes really hold, and what would otherwise become markup.
HARD_PIECES = [
    ">", "> ", "#", "# ", "## x", "*", "**b**", "_i_", "|", "| a | b |", "`", "```", "~~~",
    "---", "***", "___", "===", "- ", "+ ", "1. ", "2) ", "<div>", "</p>", "<!-- c -->",
    "<https://x.org>", "&amp;", "&#42;", "&copy", "\\", "\\*", "[a](b)", "[[wiki]]", "![i](x)",
    "==mark==", "%%c%%", "^abc", "$x$", "~~s~~", "📚", "👩🏽‍🔬", "مرحبا", "שלום", "\u200f",
    "\u202e", "\n", "\n\n", "\n\n\n", "    ", "\t", " ", "  ", "\r", "\r\n", "\u2028", "\u2029", "\u2026",
    "\x0c", "\u00a0", "\u3000", "[^1]", "[x]: /url", ":::", "{{ x }}", "{% y %}", "=", "%",
]
hard_text = st.lists(
    st.one_of(
        st.sampled_from(HARD_PIECES),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8),
    ),
    max_size=14,
).map("".join)
