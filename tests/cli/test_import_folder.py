"""``lectern import FOLDER``: every article file under it, and what failed and why."""

from __future__ import annotations

import json
from pathlib import Path

from lectern_testing import run_cli
from page_server import article_html


def test_a_folder_imports_recursively_and_names_each_failure(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = tmp_path / "saved"
    (folder / "2023" / "march").mkdir(parents=True)
    (folder / "top.html").write_text(article_html("At the top"), encoding="utf-8")
    (folder / "2023" / "march" / "deep.htm").write_text(article_html("Deep down"), encoding="utf-8")
    (folder / "2023" / "broken.html").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (folder / "2023" / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article file: skipped
    (folder / ".git").mkdir()
    (folder / ".git" / "x.html").write_text(article_html("Not mine"), encoding="utf-8")
    result = run_cli("import", str(folder), "--json", home=home)
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["title"] for line in lines if "id" in line) == ["At the top", "Deep down"]
    errors = [line for line in lines if "error" in line]
    assert [Path(e["source"]).name for e in errors] == ["broken.html"]
    assert "ZIP archive" in errors[0]["error"]
    assert "broken.html: this is a ZIP archive" in result.stderr


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("import", str(tmp_path / "empty"), home=tmp_path / "home")
    assert result.returncode == 1
    assert "the folder holds no articles" in result.stderr
