"""Properties of importing a pasted or saved article that must hold for any text:
the encoding a file arrives in, its line endings and stray NUL bytes never change
what the reader sees, and an article's identity ignores spacing and case."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ImportProblem
from desktop.core.importing import Source, clean_source, content_hash
from desktop.core.models import Block, BlockKind, CleanedArticle

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None, database=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])

sentence = st.lists(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
            min_size=1, max_size=12),
    min_size=1, max_size=25,
).map(" ".join)
articles = st.lists(sentence, min_size=1, max_size=10).map("\n\n".join)


def outcome(data: bytes, kind: str = "text") -> str:
    """The cleaned text, or the refusal message: both must be equal to compare equal."""
    try:
        article, _encoding = clean_source(Source(data, kind, "property"))
    except ImportProblem as exc:
        return f"refused: {exc}"
    return article.text


@PROPERTY_SETTINGS
@given(articles)
def test_the_encoding_of_a_file_never_changes_the_article(text: str) -> None:
    expected = outcome(text.encode("utf-8"))
    assert outcome(codecs.BOM_UTF8 + text.encode("utf-8")) == expected
    assert outcome(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == expected
    assert outcome(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == expected


@PROPERTY_SETTINGS
@given(articles)
def test_line_endings_never_change_the_article(text: str) -> None:
    expected = outcome(text.encode())
    assert outcome(text.replace("\n", "\r\n").encode()) == expected
    assert outcome(text.replace("\n", "\r").encode()) == expected


@PROPERTY_SETTINGS
@given(articles, st.lists(st.integers(0, 10_000), max_size=5))
def test_stray_nul_bytes_never_change_the_article(text: str, positions: list[int]) -> None:
    damaged = text
    for position in sorted(positions, reverse=True):
        at = position % (len(damaged) + 1)
        damaged = damaged[:at] + "\x00" + damaged[at:]
    assert outcome(damaged.encode()) == outcome(text.encode())


@PROPERTY_SETTINGS
@given(articles, st.sampled_from(["text", "markdown", "html"]))
def test_a_clean_article_is_well_formed_or_refused_with_one_line(text: str, kind: str) -> None:
    try:
        article, _encoding = clean_source(Source(text.encode(), kind, "property"))
    except ImportProblem as exc:
        assert str(exc) and "\n" not in str(exc) and "internal error" not in str(exc)
        return
    assert isinstance(article, CleanedArticle)
    assert article.blocks[0].text == article.metadata.title
    assert all(block.text.strip() == block.text != "" for block in article.blocks)
    assert "\x00" not in article.text


@PROPERTY_SETTINGS
@given(articles)
def test_identity_ignores_spacing_and_case(text: str) -> None:
    """A re-saved copy with other spacing or capitals is recognised as a duplicate."""
    try:
        article, _ = clean_source(Source(text.encode(), "text", "property"))
    except ImportProblem:
        return
    variant = CleanedArticle([
        Block(b.kind, b.text.replace(" ", " \t  ").casefold()) for b in article.blocks
    ])
    assert content_hash(variant) == content_hash(article)
    changed = CleanedArticle([*article.blocks, Block(BlockKind.PARAGRAPH, "one more line")])
    assert content_hash(changed) != content_hash(article)
