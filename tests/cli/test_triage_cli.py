"""Triage from the command line: archive, favourite, and list with the window's filters."""

from __future__ import annotations

import json
from pathlib import Path

from lectern_testing import run_cli


def _import(tmp_path: Path, home: Path, *titles: str) -> list[int]:
    files = []
    for title in titles:
        path = tmp_path / f"{title}.txt"
        body = (f"{title} shape the land and the people who live beside them, and this "
                "article follows three of them through a year of floods, droughts and repairs.")
        path.write_text(f"{title}\n\n{body} {body}\n\n{body}\n")
        files.append(str(path))
    done = run_cli("import", *files, "--json", home=home)
    assert done.returncode == 0, done.stderr
    return [json.loads(line)["id"] for line in done.stdout.splitlines()]


def test_archive_favourite_and_list_filters(tmp_path: Path) -> None:
    home = tmp_path / "home"
    rivers, deserts, oceans = _import(tmp_path, home, "Rivers", "Deserts", "Oceans")
    done = run_cli("archive", str(rivers), str(oceans), "--json", home=home)
    assert [json.loads(line) for line in done.stdout.splitlines()] == [
        {"id": rivers, "archived": True, "favourite": False},
        {"id": oceans, "archived": True, "favourite": False}]
    assert run_cli("favourite", str(deserts), home=home).returncode == 0

    def listed(*options: str) -> list[int]:
        done = run_cli("list", "--json", *options, home=home)
        assert done.returncode == 0, done.stderr
        return [json.loads(line)["id"] for line in done.stdout.splitlines()]

    assert listed("--inbox") == [deserts]
    assert sorted(listed("--archived")) == sorted([rivers, oceans])
    assert listed("--favourites") == [deserts]
    assert listed("--sort", "title") == [deserts, oceans, rivers]
    assert listed("--sort", "title", "--reverse") == [rivers, oceans, deserts]
    assert listed("--search", "oceans OR rivers", "--archived", "--sort", "title") == [
        oceans, rivers]
    first = json.loads(run_cli("list", "--json", "--favourites", home=home).stdout)
    assert first["favourite"] is True and first["archived"] is False
    assert run_cli("unarchive", str(rivers), home=home).returncode == 0
    assert sorted(listed("--inbox")) == sorted([rivers, deserts])
    assert run_cli("favourite", str(deserts), "--remove", home=home).returncode == 0
    assert listed("--favourites") == []


def test_triage_errors_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (known,) = _import(tmp_path, home, "Rivers")
    done = run_cli("archive", str(known), "999", home=home)
    assert done.returncode == 1 and "no article with id 999" in done.stderr
    assert done.stderr.count("\n") == 1
    listed = run_cli("list", "--json", "--archived", home=home)
    assert listed.stdout == ""  # the known one was not archived either
    bad = run_cli("list", "--saved-from", "March", home=home)
    assert bad.returncode == 2 and "not a date" in bad.stderr
    bad = run_cli("list", "--search", '"unclosed', home=home)
    assert bad.returncode == 1 and "quotation mark" in bad.stderr
