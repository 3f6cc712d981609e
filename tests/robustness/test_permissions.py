"""Private by default: only the library's owner can read it (POSIX)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hostile_inputs import article_text
from lectern_testing import run_cli

from desktop.core.operations.import_articles import import_source

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_library_files_are_owner_only_even_with_a_lax_umask(tmp_path: Path) -> None:
    home = tmp_path / "home"
    article = tmp_path / "a.txt"
    article.write_text(article_text("private"), encoding="utf-8")
    old = os.umask(0o000)  # the subprocess inherits the laxest umask there is
    try:
        result = run_cli("import", str(article), home=home)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert _mode(home) == 0o700
    assert _mode(home / "config") == 0o700
    for name in ("library.sqlite3", "library.sqlite3.lock"):
        assert _mode(home / name) == 0o600, name
    for companion in ("library.sqlite3-wal", "library.sqlite3-shm"):
        if (home / companion).exists():
            assert _mode(home / companion) == 0o600, companion
    run_cli("list", home=home)  # a second open backs up the library (it has an article now)
    assert _mode(home / "backups") == 0o700
    found = list((home / "backups").iterdir())
    assert found and all(_mode(p) == 0o600 for p in found)


def test_permissions_are_tightened_on_an_existing_library(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli("list", home=home).returncode == 0
    home.chmod(0o755)
    (home / "library.sqlite3").chmod(0o644)
    assert run_cli("list", home=home).returncode == 0
    assert _mode(home) == 0o700 and _mode(home / "library.sqlite3") == 0o600


def test_wal_files_made_while_open_are_owner_only(tmp_path: Path) -> None:
    from desktop.core.importing import text_source
    from desktop.core.paths import app_paths
    from desktop.core.storage.opening import open_library_safely

    old = os.umask(0o000)
    try:
        library, _ = open_library_safely(app_paths(tmp_path / "home"))
        import_source(library, text_source(article_text("wal")))
        wal = tmp_path / "home" / "library.sqlite3-wal"
        assert wal.exists() and _mode(wal) == 0o600
        library.close()
    finally:
        os.umask(old)


def test_an_unusable_library_folder_is_one_clear_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = run_cli("list", home=parent / "home")
    finally:
        parent.chmod(0o700)
    assert result.returncode == 1
    assert "cannot use the library folder" in result.stderr and "Traceback" not in result.stderr


def test_a_library_folder_that_is_a_file_is_one_clear_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    result = run_cli("list", home=home)
    assert result.returncode == 1
    assert "lectern: error: cannot use the library folder" in result.stderr
