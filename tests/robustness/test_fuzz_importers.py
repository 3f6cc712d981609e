"""A fuzz run over the importers: over 10,000 generated inputs for the three kinds, no
unhandled exception. Every input either cleans into a well-formed article or is refused
with an ImportProblem (a one-line message)."""

from __future__ import annotations

import pytest
from fuzz_strategies import file_bytes
from hypothesis import HealthCheck, given, settings

from desktop.core.errors import ImportProblem
from desktop.core.importing import Source, clean_source
from desktop.core.importing.in_process import MAX_ARTICLE_CHARS
from desktop.core.models import BlockKind, article_text

# How many inputs each kind gets: HTML costs ~25 ms a clean (trafilatura runs twice),
# the others about a millisecond, so the run stays near two minutes on two cores.
EXAMPLES = {"html": 2_000, "markdown": 4_000, "text": 4_000}
assert sum(EXAMPLES.values()) >= 10_000

_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n"} | {"\x7f"}


def check_clean(data: bytes, kind: str) -> None:
    try:
        article, encoding = clean_source(Source(data, kind, "fuzz"))
    except ImportProblem as exc:
        message = str(exc)
        assert message and "\n" not in message
        assert "internal error" not in message, message  # a cleaner bug, caught but real
        return
    assert encoding
    assert article.blocks and article.blocks[0].kind is BlockKind.HEADLINE
    assert all(b.text and b.text == b.text.strip() for b in article.blocks)
    assert article.text == article_text(article.blocks)
    assert len(article.text) <= MAX_ARTICLE_CHARS
    assert not _CONTROL & set(article.text)


def _fuzz(kind: str) -> int:
    """Run the fuzz for ``kind``; returns how many inputs were cleaned."""
    seen: list[int] = []

    @settings(max_examples=EXAMPLES[kind], deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(file_bytes(kind))
    def run(data: bytes) -> None:
        seen.append(len(data))
        check_clean(data, kind)

    run()
    return len(seen)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_fuzz_importer(kind: str) -> None:
    assert _fuzz(kind) >= EXAMPLES[kind]
