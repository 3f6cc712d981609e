"""lectern annotate | annotations | update, as a script would use them."""

from __future__ import annotations

import json
from pathlib import Path

from lectern_testing import run_cli

ARTICLE = """The Night the River Froze Over

For the first time in forty years, the river that runs through the old market town froze from bank to bank last week, and by Saturday morning hundreds of people had walked out onto the ice despite warnings from the council.

The cold snap began on Tuesday. By Thursday the temperature at the weather station on the hill had fallen lower than at any time since records there began, and the ferry stopped running.

“We had skaters, dog walkers and a brass band,” said one resident, who has lived by the river all her life.
"""


def imported(tmp_path: Path, home: Path) -> int:
    path = tmp_path / "river.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = run_cli("import", str(path), "--json", home=home)
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["id"])


def lines(out: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_annotate_and_list(tmp_path: Path, lectern_home: Path) -> None:
    article = imported(tmp_path, lectern_home)
    done = run_cli("annotate", str(article), "--quote", "brass band", "--color", "evidence",
                   "--note", "a band on the ice?", "--tag", "music", "--tag", "town",
                   home=lectern_home)
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["quote"] == "brass band" and made["color"] == "green"
    assert made["meaning"] == "evidence" and made["tags"] == ["music", "town"]
    assert made["status"] == "anchored" and made["end"] - made["start"] == len("brass band")
    text = run_cli("show", str(article), "--text", home=lectern_home).stdout
    assert text[made["start"]:made["end"]] == "brass band"
    assert made["prefix"] == text[made["start"] - 32:made["start"]]

    second = run_cli("annotate", str(article), "--quote", "the river", "--occurrence", "2",
                     home=lectern_home)
    assert second.returncode == 0, second.stderr
    listed = lines(run_cli("annotations", str(article), "--json", home=lectern_home).stdout)
    assert [a["quote"] for a in listed] == ["brass band", "the river"]  # reading order
    for key in ("id", "quote", "prefix", "suffix", "start", "end", "color", "note", "tags",
                "status"):
        assert key in listed[0]
    human = run_cli("annotations", str(article), home=lectern_home)
    assert "“brass band”" in human.stdout and "#music #town" in human.stdout
    assert "a band on the ice?" in human.stdout


def test_annotate_refuses_what_it_cannot_do(tmp_path: Path, lectern_home: Path) -> None:
    article = imported(tmp_path, lectern_home)
    cases = [
        (["--quote", "the river"], "appears 2 times"),
        (["--quote", "the river", "--occurrence", "3"], "between 1 and 2"),
        (["--quote", "not in the text at all"], "not in the article"),
        (["--quote", "brass band", "--color", "teal"], "unknown colour"),
        (["--quote", "  "], "empty"),
    ]
    for extra, message in cases:
        done = run_cli("annotate", str(article), *extra, home=lectern_home)
        assert done.returncode == 1, extra
        assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr
    missing = run_cli("annotate", "999", "--quote", "x", home=lectern_home)
    assert missing.returncode == 1 and "no article with id 999" in missing.stderr
    assert lines(run_cli("annotations", str(article), "--json", home=lectern_home).stdout) == []


def test_update_reanchors_and_reports(tmp_path: Path, lectern_home: Path) -> None:
    article = imported(tmp_path, lectern_home)
    for quote in ("forty years", "ferry stopped running", "brass band"):
        assert run_cli("annotate", str(article), "--quote", quote, home=lectern_home).returncode == 0
    new = tmp_path / "river-v2.txt"
    new.write_text(ARTICLE.replace("The cold snap began", "The cold snap, the worst in memory, began")
                   .replace("brass band", "string quartet"), encoding="utf-8")
    done = run_cli("update", str(article), str(new), home=lectern_home)
    assert done.returncode == 0, done.stderr
    assert "1 stayed, 1 moved, 1 orphaned" in done.stdout
    listed = lines(run_cli("annotations", str(article), "--json", home=lectern_home).stdout)
    status = {a["quote"]: a["status"] for a in listed}
    assert status == {"forty years": "anchored", "ferry stopped running": "anchored",
                      "brass band": "orphaned"}
    text = run_cli("show", str(article), "--text", home=lectern_home).stdout
    for a in listed:
        if a["status"] == "anchored":
            assert text[a["start"]:a["end"]] == a["quote"]
    gone = run_cli("update", str(article), str(tmp_path / "missing.html"), home=lectern_home)
    assert gone.returncode == 1 and "Traceback" not in gone.stderr
