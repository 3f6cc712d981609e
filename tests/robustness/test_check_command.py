"""``lectern check``: integrity, backups and the lock, reported without changing anything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hostile_inputs import article_text
from lectern_testing import REPO, run_cli


def _library(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    article = tmp_path / "a.txt"
    article.write_text(article_text("checked"), encoding="utf-8")
    assert run_cli("import", str(article), home=home).returncode == 0
    assert run_cli("list", home=home).returncode == 0  # second open: the first backup
    return home


def test_check_reports_a_healthy_library(tmp_path: Path) -> None:
    home = _library(tmp_path)
    result = run_cli("check", home=home)
    assert result.returncode == 0, result.stderr
    assert "1 article)" in result.stdout and "integrity ok" in result.stdout
    assert "backups   1, newest from" in result.stdout and "in use    no" in result.stdout
    data = json.loads(run_cli("check", "--json", home=home).stdout)
    assert data["healthy"] and data["articles"] == 1 and len(data["backups"]) == 1


def test_check_reports_damage_and_changes_nothing(tmp_path: Path) -> None:
    home = _library(tmp_path)
    library = home / "library.sqlite3"
    data = bytearray(library.read_bytes())
    for offset in range(4096, len(data), 5):
        data[offset] = 0xA5
    library.write_bytes(bytes(data))
    result = run_cli("check", home=home)
    assert result.returncode == 1
    assert "integrity DAMAGED" in result.stdout and "restores the newest intact backup" in result.stdout
    assert library.read_bytes() == bytes(data)
    assert not list(home.glob("corrupt-*"))


def test_check_names_the_process_holding_the_library(tmp_path: Path) -> None:
    home = _library(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from desktop.core.paths import app_paths\n"
         "from desktop.core.storage.opening import open_library_safely\n"
         "open_library_safely(app_paths(sys.argv[1]))\nprint('ready', flush=True)\n"
         "time.sleep(60)", str(home)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = run_cli("check", home=home)
        assert result.returncode == 0
        assert f"in use    yes, by another Lectern (process {holder.pid})" in result.stdout
    finally:
        holder.kill()
        holder.wait()
