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


def test_saved_searches_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name, text in (("river", "The river froze\n\nSkaters crossed the river.\n"),
                       ("valley", "Valley news\n\nThe council met about the river.\n"),
                       ("hills", "Hill walks\n\nNothing about water at all.\n")):
        (tmp_path / f"{name}.txt").write_text(text)
        assert run_cli("import", str(tmp_path / f"{name}.txt"), home=home).returncode == 0
    saved = run_cli("searches", "--save", "Rivers", "--search", "river", "--inbox", home=home)
    assert saved.returncode == 0, saved.stderr
    listed = run_cli("searches", "--json", home=home)
    assert [json.loads(line) for line in listed.stdout.splitlines()] == [
        {"name": "Rivers", "count": 2, "query": {"view": "inbox", "search": "river"}}]
    rows = run_cli("list", "--saved", "Rivers", "--json", home=home)
    titles = [json.loads(line)["title"] for line in rows.stdout.splitlines()]
    assert titles == ["The river froze", "Valley news"]  # best match first
    river_id = json.loads(rows.stdout.splitlines()[0])["id"]
    assert run_cli("archive", str(river_id), home=home).returncode == 0
    recount = run_cli("searches", "--json", home=home)
    assert json.loads(recount.stdout)["count"] == 1  # the Inbox only, as saved
    missing = run_cli("list", "--saved", "Nope", home=home)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    bad = run_cli("searches", "--save", "Bad", "--search", '"unclosed', home=home)
    assert bad.returncode == 1 and "quotation mark" in bad.stderr
    assert run_cli("searches", "--remove", "Rivers", home=home).returncode == 0
    assert run_cli("searches", home=home).stdout == ""
    gone = run_cli("searches", "--remove", "Rivers", home=home)
    assert gone.returncode == 1 and "no saved search" in gone.stderr
