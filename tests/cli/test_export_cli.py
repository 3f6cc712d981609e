"""lectern export | cite | annotations-json | templates | backup | restore, as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import yaml
from lectern_testing import run_cli

ARTICLE = """The Night the River Froze Over

For the first time in forty years, the river that runs through the old market town froze from bank to bank last week, and by Saturday morning hundreds of people had walked out onto the ice despite warnings from the council.

The cold snap began on Tuesday. By Thursday the temperature at the weather station on the hill had fallen lower than at any time since records there began, and the ferry stopped running.
"""


def imported(tmp_path: Path, home: Path, name: str = "river.txt", text: str = ARTICLE) -> int:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run_cli("import", str(path), "--json", home=home)
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["id"])


def annotate(home: Path, article_id: int, quote: str, note: str) -> dict:  # type: ignore[type-arg]
    done = run_cli("annotate", str(article_id), "--quote", quote, "--note", note, home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_export_all_then_reexport_keeps_edits(tmp_path: Path) -> None:
    home = tmp_path / "home"
    article_id = imported(tmp_path, home)
    annotate(home, article_id, "froze from bank to bank", "*not* emphasis")
    out = tmp_path / "vault"
    done = run_cli("export", "--out", str(out), "--json", home=home)
    assert done.returncode == 0, done.stderr
    [row] = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["status"] == "written" and row["id"] == article_id
    path = Path(row["path"])
    assert path.parent == out and path.name.endswith(f"-{article_id}.md")
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["lectern_id"] == article_id and front["citekey"]
    assert "> froze from bank to bank" in text and "\\*not\\* emphasis" in text

    path.write_text(text + "\nMy thoughts.\n", encoding="utf-8")
    annotate(home, article_id, "the ferry stopped running", "new")
    again = run_cli("export", str(article_id), "--out", str(out), home=home)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("appended\t") and "1 new highlight" in again.stdout
    assert "1 appended" in again.stderr
    final = path.read_text(encoding="utf-8")
    assert final.startswith(text + "\nMy thoughts.\n") and "## Added by Lectern on" in final


def test_export_errors_are_one_clear_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    imported(tmp_path, home)
    done = run_cli("export", "99", "--out", str(tmp_path / "o"), home=home)
    assert done.returncode == 1 and done.stderr.strip() == "lectern: error: no article with id 99"
    done = run_cli("export", "--out", str(tmp_path / "o"), "--template", "nope", home=home)
    assert done.returncode == 1 and "no template named 'nope'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_templates_presets_and_user_templates(tmp_path: Path) -> None:
    home = tmp_path / "home"
    user = home / "config" / "templates"
    user.mkdir(parents=True)
    (user / "short.md.j2").write_text("# {{ article.title | md_line }}\n")
    done = run_cli("templates", "--json", home=home)
    names = [json.loads(line)["name"] for line in done.stdout.splitlines()]
    assert names == ["default", "zotero", "plain", "short"]
    article_id = imported(tmp_path, home)
    run_cli("export", "--out", str(tmp_path / "o"), "--template", "short", home=home)
    [path] = list((tmp_path / "o").iterdir())
    assert path.read_text() == "# The Night the River Froze Over\n"
    assert path.name.endswith(f"-{article_id}.md")


def test_cite_bibtex_and_csl_json(tmp_path: Path) -> None:
    home = tmp_path / "home"
    article_id = imported(tmp_path, home)
    bib = run_cli("cite", str(article_id), home=home)
    assert bib.returncode == 0 and bib.stdout.startswith("@online{")
    assert "title = {{The Night the River Froze Over}}" in bib.stdout
    csl = run_cli("cite", str(article_id), "--format", "csl-json", home=home)
    [item] = json.loads(csl.stdout)
    assert item["title"] == "The Night the River Froze Over" and item["type"] == "webpage"


def test_web_annotation_json(tmp_path: Path) -> None:
    home = tmp_path / "home"
    article_id = imported(tmp_path, home)
    annotate(home, article_id, "froze from bank to bank", "a note")
    done = run_cli("annotations-json", str(article_id), home=home)
    data = json.loads(done.stdout)
    [item] = data["first"]["items"]
    assert item["target"]["selector"][0]["exact"] == "froze from bank to bank"
    out = tmp_path / "wa"
    done = run_cli("export", "--format", "web-annotation", "--out", str(out), home=home)
    assert done.returncode == 0, done.stderr
    [path] = list(out.iterdir())
    assert path.name.endswith(".annotations.jsonld")
    assert json.loads(path.read_text())["total"] == 1


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    home = tmp_path / "home"
    article_id = imported(tmp_path, home)
    annotate(home, article_id, "froze from bank to bank", "kept")
    archive = tmp_path / "lectern-backup.zip"
    done = run_cli("backup", str(archive), home=home)
    assert done.returncode == 0, done.stderr
    assert "backed up 1 articles, 1 highlights" in done.stdout

    again = run_cli("backup", str(archive), home=home)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert run_cli("backup", str(archive), "--force", home=home).returncode == 0

    refused = run_cli("restore", str(archive), home=home)
    assert refused.returncode == 1 and "not empty" in refused.stderr

    other = tmp_path / "other-home"
    done = run_cli("restore", str(archive), home=other)
    assert done.returncode == 0, done.stderr
    shown = run_cli("annotations", str(article_id), "--json", home=other)
    assert "kept" in shown.stdout

    def rows(db: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
        conn = sqlite3.connect(db)
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'"
                              " AND name NOT LIKE 'sqlite_%'").fetchall()
        # Full-text indexes compare as the rows they give, not their shadow tables'
        # page layout (it depends on the order the restore wrote the rows in).
        virtual = [t[0] for t in tables if str(t[1]).upper().startswith("CREATE VIRTUAL")]
        names = [t[0] for t in tables if not any(t[0].startswith(v + "_") for v in virtual)]
        result = {n: sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"')), key=repr)
                  for n in names}
        conn.close()
        return result

    assert rows(other / "library.sqlite3") == rows(home / "library.sqlite3")

    missing = run_cli("restore", str(tmp_path / "nope.zip"), home=tmp_path / "third")
    assert missing.returncode == 1 and "no such file" in missing.stderr
