"""``lectern entities``: JSON lines per input, offsets into the cleaned (or raw) text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lectern_testing import run_cli

ARTICLE = """Quiet Changes at the Harbour

Ms. Okonkwo told the Norwegian Maritime Authority on Tuesday that the port of Bergen would open a new terminal, and the plan surprised even the people who had drafted it over the past year.

Engineers from Siemens said the work would take three years. Okonkwo said the city would pay for most of it, while the national government in Oslo would cover the rest of the bill.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lines_point_into_the_cleaned_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = write(tmp_path, "harbour.txt", ARTICLE)
    second = write(tmp_path, "second.txt", ARTICLE.replace("Bergen", "Stavanger"))
    result = run_cli("entities", str(first), str(second), "--json", home=home)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == [str(first), str(second)]
    cleaned = run_cli("clean", str(first), home=home).stdout
    entities = lines[0]["entities"]
    assert entities and set(entities[0]) == {"start", "end", "text", "label", "category",
                                              "uncertain"}
    for e in entities:
        assert cleaned[e["start"]:e["end"]] == e["text"]
    people = {e["text"] for e in entities if e["category"] == "People"}
    assert "Okonkwo" in people  # honorific + later mention
    assert any(e["text"] == "Stavanger" for e in lines[1]["entities"])


def test_raw_offsets_point_into_the_file(tmp_path: Path) -> None:
    raw_text = "Menu\nHome\n\n  Angela Merkel   visited Paris.\n"
    path = write(tmp_path, "raw.txt", raw_text)
    result = run_cli("entities", str(path), "--raw", "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert {e["text"] for e in line["entities"]} >= {"Angela Merkel", "Paris"}
    for e in line["entities"]:
        assert raw_text[e["start"]:e["end"]] == e["text"]


def test_library_ids_errors_and_corrections(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "harbour.txt", ARTICLE)
    imported = run_cli("import", str(path), "--json", home=home)
    article_id = json.loads(imported.stdout)["id"]
    result = run_cli("entities", str(article_id), "999", str(tmp_path / "missing.txt"),
                     "--json", home=home)
    assert result.returncode == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["source"] for x in lines] == [str(article_id), "999", str(tmp_path / "missing.txt")]
    assert "error" in lines[1] and "error" in lines[2]
    text = run_cli("show", str(article_id), "--text", home=home).stdout
    assert all(text[e["start"]:e["end"]] == e["text"] for e in lines[0]["entities"])
    assert "999" in result.stderr and "missing.txt" in result.stderr
    # The reader's gazetteer applies to the CLI too.
    from desktop.core.entities.corrections import set_correction
    from desktop.core.storage.library import Library

    library = Library.open(home / "library.sqlite3")
    set_correction(library, "Siemens", "remove")
    library.close()
    again = run_cli("entities", str(article_id), "--json", home=home)
    assert "Siemens" not in {e["text"] for e in json.loads(again.stdout)["entities"]}


def test_plain_output_is_readable(tmp_path: Path) -> None:
    path = write(tmp_path, "harbour.txt", ARTICLE)
    result = run_cli("entities", str(path), home=tmp_path / "home")
    assert result.returncode == 0
    assert result.stdout.startswith(f"{path}: ")
    assert "People\tOkonkwo" in result.stdout


def test_many_inputs_stream_out_in_order_chunk_by_chunk(
        tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    import desktop.cli.entities_commands as command
    from desktop.cli import main

    monkeypatch.setenv("LECTERN_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(command, "CHUNK_INPUTS", 2)
    paths = [str(write(tmp_path, f"a{i}.txt", ARTICLE.replace("Bergen", city)))
             for i, city in enumerate(("Oslo", "Tromso", "Bodo", "Molde", "Narvik"))]
    assert main(["entities", *paths, str(tmp_path / "nope.txt"), "--json"]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["source"] for x in lines] == [*paths, str(tmp_path / "nope.txt")]
    assert all(x["entities"] for x in lines[:5]) and "error" in lines[5]
