"""``lectern import`` moves in from other apps' exports; ``lectern annotations --all``
lists every highlight in the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lectern_testing import REPO, run_cli

sys.path.insert(0, str(REPO / "tests" / "core" / "movein"))
from movein_exports import FIXTURES, pocket_zip


def test_a_pocket_zip_named_csv_is_moved_in_with_a_summary(tmp_path: Path) -> None:
    export = tmp_path / "pocket-export.csv"
    export.write_bytes(pocket_zip(
        [("Ice", "https://example.org/ice", 1700000000, "winter", "unread")],
        [{"url": "https://example.org/ice", "highlights": [{"quote": "thick ice",
                                                            "created_at": 1700000001}]}]))
    home = tmp_path / "home"
    done = run_cli("import", str(export), "--json", home=home)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["app"], summary["items"], summary["waiting"], summary["highlights"]) == (
        "Pocket", 1, 1, 1)
    listed = run_cli("annotations", "--all", "--json", home=home)
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (row["quote"], row["status"], row["article_id"]) == ("thick ice", "waiting", None)
    again = run_cli("import", str(export), home=home)
    assert "0 new items" in again.stdout and "already in the library: 1 items" in again.stdout


def test_every_highlight_listed_with_status_tags_and_colour(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run_cli("import", str(FIXTURES / "wallabag.json"), str(FIXTURES / "readwise.csv"),
                   home=home)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in run_cli("annotations", "--all", "--json",
                                                 home=home).stdout.splitlines()]
    assert {r["status"] for r in rows} == {"anchored", "orphaned"}
    tagged = next(r for r in rows if r["tags"])
    assert set(tagged) >= {"article_id", "quote", "note", "tags", "color", "status"}
    assert any(r["color"] == "blue" and r["tags"] == ["memory", "village"] for r in rows)
    text = run_cli("annotations", "--all", home=home).stdout
    assert "ORPHANED" in text and "location 245" in text


def test_problems_are_reported_per_row_and_the_rest_imported(tmp_path: Path) -> None:
    done = run_cli("import", str(FIXTURES / "pocket.csv"), home=tmp_path / "home")
    assert done.returncode == 0
    assert "3 new items" in done.stdout
    assert "pocket.csv: row 4: no URL; skipped" in done.stderr


def test_a_damaged_zip_is_one_clear_line_and_exit_status_1(tmp_path: Path) -> None:
    data = pocket_zip([("A", "https://e.org/a", 1, "", "unread")], [])
    broken = tmp_path / "export.zip"
    broken.write_bytes(data[: len(data) // 2])
    done = run_cli("import", str(broken), home=tmp_path / "home")
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert "damaged" in line and "Traceback" not in done.stderr


def test_annotations_needs_an_id_or_all(tmp_path: Path) -> None:
    done = run_cli("annotations", home=tmp_path / "home")
    assert done.returncode == 1 and "--all" in done.stderr
