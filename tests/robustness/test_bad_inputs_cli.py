"""Every bad input through ``lectern import``: a clear line each, the rest imported, the
library intact. One batch holds them all, as a user's folder of downloads would."""

from __future__ import annotations

import json
from pathlib import Path

from hostile_inputs import BAD_CASES, GOOD_CASES, hostile_dir, integrity_ok
from lectern_testing import run_cli

__all__ = ["hostile_dir"]  # a fixture


def test_a_batch_of_bad_files_reports_each_and_imports_the_rest(
        hostile_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    cases = [*BAD_CASES[:5], *GOOD_CASES[:4], *BAD_CASES[5:], *GOOD_CASES[4:]]
    paths = [str(hostile_dir / c.name) for c in cases]
    result = run_cli("import", "--json", *paths, home=home)

    assert result.returncode == 1  # some files failed; the batch still ran to the end
    assert "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    by_source = {line["source"]: line for line in lines}
    assert len(lines) == len(cases)
    for case in BAD_CASES:
        outcome = by_source[str(hostile_dir / case.name)]
        assert case.message in outcome["error"], (case.name, outcome)
        assert "\n" not in outcome["error"]
        assert f"lectern: {hostile_dir / case.name}: {outcome['error']}\n" in result.stderr
    stderr_lines = result.stderr.splitlines()
    assert len(stderr_lines) == len(BAD_CASES)  # one line per failure, nothing else

    listed = [json.loads(x) for x in run_cli("list", "--json", home=home).stdout.splitlines()]
    assert len(listed) == len(GOOD_CASES)
    for case in GOOD_CASES:
        outcome = by_source[str(hostile_dir / case.name)]
        assert "error" not in outcome, (case.name, outcome)
        text = run_cli("show", str(outcome["id"]), "--text", home=home).stdout
        assert case.marker in text, (case.name, text[:300])
        assert "\x00" not in text and "\ufffd\ufffd\ufffd" not in text
    assert integrity_ok(home / "library.sqlite3")


def test_clean_command_gives_one_line_and_status_1_for_each_bad_file(
        hostile_dir: Path, tmp_path: Path) -> None:
    for case in BAD_CASES[:4]:
        result = run_cli("clean", str(hostile_dir / case.name), home=tmp_path / "home")
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and case.message in result.stderr
        assert result.stdout == ""


def test_missing_files_folders_and_unreadable_files_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "a folder.html"
    folder.mkdir()
    locked = tmp_path / "locked.html"
    locked.write_text("<p>secret</p>")
    locked.chmod(0)
    result = run_cli("import", str(tmp_path / "gone.html"), str(folder), str(locked),
                     home=tmp_path / "home")
    assert result.returncode == 1
    assert "gone.html: no such file" in result.stderr
    # A folder is read recursively; one with no article files in it says so.
    assert "a folder.html: the folder holds no articles" in result.stderr
    import os

    if os.geteuid() != 0:  # root reads anything
        assert "locked.html: cannot read the file (Permission denied)" in result.stderr
    assert "Traceback" not in result.stderr


def test_leading_dash_names_work_after_double_dash(hostile_dir: Path, tmp_path: Path) -> None:
    import shutil

    here = tmp_path / "work"
    here.mkdir()
    shutil.copy(hostile_dir / "-leading-dash.txt", here / "-leading-dash.txt")
    result = run_cli("import", "--", str(here / "-leading-dash.txt"), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "dash" in result.stdout


def test_devices_and_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    import os

    if os.name != "posix":
        return
    fifo = tmp_path / "a pipe.html"
    os.mkfifo(fifo)  # reading it would block forever
    result = run_cli("import", "/dev/zero", str(fifo), home=tmp_path / "home", timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("this is not a regular file (a device, pipe or socket)") == 2
