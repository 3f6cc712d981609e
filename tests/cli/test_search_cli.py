"""``lectern search``: one JSON line per result, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from lectern_testing import run_cli


def test_search_json_lines_best_first(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = tmp_path / "river.txt"
    first.write_text("The river froze\n\nSkaters crossed the frozen river at dawn.\n")
    second = tmp_path / "valley.txt"
    second.write_text("Valley news\n\nThe council met. Nobody mentioned the river once.\n")
    assert run_cli("import", str(first), str(second), home=home).returncode == 0
    done = run_cli("search", "river", "--json", "--limit", "5", home=home)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["title"] for line in lines] == ["The river froze", "Valley news"]
    assert set(lines[0]) == {"id", "title", "snippet", "score", "field"}
    assert lines[0]["field"] == "title" and "**river**" in lines[0]["snippet"]
    assert lines[0]["score"] > lines[1]["score"]
    limited = run_cli("search", "river", "--json", "--limit", "1", home=home)
    assert len(limited.stdout.splitlines()) == 1
    excluded = run_cli("search", "river -skaters", home=home)
    assert excluded.stdout.startswith(f"{lines[1]['id']}\tValley news")


def test_search_errors_are_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run_cli("search", '"unclosed', home=home)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "quotation mark" in done.stderr
    done = run_cli("search", "x", "--limit", "0", home=home)
    assert done.returncode == 2 and "at least 1" in done.stderr
