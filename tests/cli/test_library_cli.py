"""The CLI as scripts use it: import, clean, list, show, errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from lectern_testing import run_cli

ARTICLE = """Home
News
Sign in
A Quiet Revolution in Library Cataloguing

Librarians in Helsinki have spent three years rebuilding the city's catalogue so that readers can search across every branch at once, and the results surprised even the people who designed it. Borrowing of older books rose sharply in the first months after the change.

The project's lead, a cataloguer who has worked in the system for two decades, said the hardest part was agreeing on how to describe the same book in two languages.

Other Nordic cities are now studying the approach, and a conference on it is planned for next spring.

Share on Facebook
Leave a Reply
Your email address will not be published.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_import_json_reports_each_article_and_keeps_going(tmp_path: Path) -> None:
    home = tmp_path / "home"
    good = write(tmp_path, "library story.txt", ARTICLE)
    empty = write(tmp_path, "empty.html", b"")
    result = run_cli("import", str(empty), str(good), "--json", home=home)
    assert result.returncode == 1  # one failed
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {"source": str(empty), "error": "the file is empty"}
    assert lines[1]["title"] == "A Quiet Revolution in Library Cataloguing"
    assert lines[1]["source"] == str(good)
    assert set(lines[1]) >= {"id", "title", "words", "source"}
    assert result.stderr.strip().splitlines() == [f"lectern: {empty}: the file is empty"]
    assert "Traceback" not in result.stderr
    listed = run_cli("list", "--json", home=home)
    assert [json.loads(x)["id"] for x in listed.stdout.splitlines()] == [lines[1]["id"]]


def test_clean_prints_text_and_show_text_prints_the_same(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "story.txt", ARTICLE)
    cleaned = run_cli("clean", str(path), home=home)
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout.startswith("A Quiet Revolution in Library Cataloguing\n\n")
    assert "Leave a Reply" not in cleaned.stdout and "Sign in" not in cleaned.stdout
    assert not (home / "library.sqlite3").exists()  # clean never touches the library
    imported = json.loads(run_cli("import", str(path), "--json", home=home).stdout)
    shown = run_cli("show", str(imported["id"]), "--text", home=home)
    assert shown.stdout == cleaned.stdout


def test_show_json_offsets_point_into_the_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "story.txt", ARTICLE)
    article_id = json.loads(run_cli("import", str(path), "--json", home=home).stdout)["id"]
    shown = json.loads(run_cli("show", str(article_id), "--json", home=home).stdout)
    text = shown["text"]
    assert shown["blocks"][0]["kind"] == "headline"
    for block in shown["blocks"]:
        piece = text[block["start"]:block["end"]]
        assert piece and piece == piece.strip() and "\n\n" not in piece
    assert text[shown["blocks"][0]["start"]:shown["blocks"][0]["end"]] == shown["title"]


def test_duplicate_import_is_recognised(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "story.txt", ARTICLE)
    first = json.loads(run_cli("import", str(path), "--json", home=home).stdout)
    again = json.loads(run_cli("import", str(path), "--json", home=home).stdout)
    assert again["id"] == first["id"] and again["duplicate"] is True


def test_import_reads_stdin_and_html(tmp_path: Path, shared_dir: Path) -> None:
    home = tmp_path / "home"
    result = run_cli("import", "-", "--json", home=home, stdin=ARTICLE)
    assert json.loads(result.stdout)["source"] == "-"
    page = next(iter(sorted((shared_dir / "data" / "extraction-dev").glob("*.html.gz"))))
    html = write(tmp_path, "page.html", gzip.decompress(page.read_bytes()))
    truth = json.loads(page.with_name(page.name.replace(".html.gz", ".json")).read_text())
    result = run_cli("import", str(html), "--json", home=home)
    assert result.returncode == 0, result.stderr
    shown = json.loads(run_cli("show", str(json.loads(result.stdout)["id"]), "--json",
                               home=home).stdout)
    first_sentence = truth["articleBody"].strip().split("\n")[0][:60]
    assert first_sentence in shown["text"]


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    missing = run_cli("show", "999", home=home)
    assert missing.returncode == 1
    assert missing.stderr == "lectern: error: no article with id 999\n"
    bad_clean = run_cli("clean", str(tmp_path / "nope.txt"), home=home)
    assert bad_clean.returncode == 1 and bad_clean.stderr.count("\n") == 1
    assert "Traceback" not in bad_clean.stderr


def test_version_and_help() -> None:
    from desktop import __version__

    home = Path("/nonexistent-lectern-home")
    assert run_cli("--version", home=home).stdout.strip() == f"lectern {__version__}"
    helped = run_cli("--help", home=home).stdout
    for command in ("import", "clean", "list", "show"):
        assert command in helped
