"""Explicit limits: documented as data, and a file that hits one is told which."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hostile_inputs import article_html, article_text
from lectern_testing import REPO, run_cli

from desktop.core.errors import ImportProblem
from desktop.core.importing import LIMITS, Source, clean_source, clean_worker, limits


def _big_page(paragraphs: int) -> bytes:
    body = "".join(f"<p>Paragraph {i} of a very long report on the harbour survey, with "
                   "enough words to count as prose for any extractor.</p>"
                   for i in range(paragraphs))
    return f"<html><body><article><h1>Long</h1>{body}</article></body></html>".encode()


def test_every_limit_is_documented_with_its_value() -> None:
    doc = (REPO / "docs" / "limits.md").read_text(encoding="utf-8")
    names = [limit.name for limit in LIMITS]
    assert len(set(names)) == len(names)
    for limit in LIMITS:
        assert f"`{limit.name}`" in doc, limit.name
        assert limit.display_value in doc, (limit.name, limit.display_value)


def test_time_limit_stops_the_cleaner_and_says_so(tmp_path: Path) -> None:
    slow = tmp_path / "slow.html"
    slow.write_bytes(_big_page(12_000))  # ~1.5 MB: cleaned in the worker, takes seconds
    good = tmp_path / "good.html"
    good.write_text(article_html("limits"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTERN_CLEAN_SECONDS", "0.2")  # run_cli passes the environment on
        result = run_cli("import", "--json", str(slow), str(good), home=tmp_path / "home")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert re.search(r"took longer than 0\.2 seconds and was stopped \(time limit\)",
                     lines[0]["error"])
    assert lines[1]["title"] and "error" not in lines[1]


def test_large_files_are_cleaned_in_the_worker_small_ones_in_process(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def fake_worker(data: bytes, kind: str, name: str, seconds: float | None = None):  # type: ignore[no-untyped-def]
        calls.append(len(data))
        raise ImportProblem("stopped in the fake worker")

    monkeypatch.setattr(clean_worker, "clean_in_worker", fake_worker)
    small = article_text("small").encode()
    article, _ = clean_source(Source(small, "text", "small"))
    assert "small edition" in article.text and calls == []
    with pytest.raises(ImportProblem, match="fake worker"):
        clean_source(Source(_big_page(12_000), "html", "big"))
    assert calls and calls[0] > limits.IN_PROCESS.value


@pytest.mark.parametrize(("data", "kind", "expected"), [
    (("<table>" + "<tr><td>x</td></tr>" * 6_000 + "</table>").encode(), "html", True),
    ("".join("  " * i + "- item\n" for i in range(80)).encode(), "markdown", True),
    (("> " * 30 + "deep quote\n").encode() * 60, "text", True),
    (article_html("ordinary").encode(), "html", False),
    (b"> a quote\n" * 5_000, "markdown", False),
])
def test_extreme_structure_goes_to_the_worker_whatever_the_size(
        data: bytes, kind: str, expected: bool) -> None:
    assert len(data) < limits.IN_PROCESS.value
    assert clean_worker.needs_worker(data, kind) is expected


def test_a_crashing_worker_is_one_clear_message(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clean_worker.sys, "executable", "/bin/false")  # type: ignore[attr-defined]
    with pytest.raises(ImportProblem, match=r"the cleaner stopped unexpectedly \(exit status 1\)"):
        clean_worker.clean_in_worker(b"<p>text</p>", "html", "x")


def test_the_worker_cleans_exactly_like_the_process() -> None:
    data = _big_page(200)
    inside, encoding = clean_source(Source(data, "html", "x"))
    outside, worker_encoding = clean_worker.clean_in_worker(data, "html", "x")
    assert outside == inside and worker_encoding == encoding


@pytest.mark.parametrize(("raw", "expected"), [("", 30.0), ("abc", 30.0), ("-1", 30.0),
                                               ("2.5", 2.5)])
def test_time_limit_setting(raw: str, expected: float, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(limits.TIME_LIMIT_ENV, raw)
    assert limits.clean_seconds() == expected
