"""A backup is untrusted input: what a crafted archive carries never runs, never
survives the restore, and never makes Lectern write outside the export folder;
a damaged or bomb archive is one clear line, exit 1, and inflates nothing big."""

from __future__ import annotations

import json
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_inputs import article_text
from lectern_testing import run_cli

from desktop.core.export.backup import BackupProblem, _file_sha256, backup_library
from desktop.core.export.restore import restore_library
from desktop.core.importing import text_source
from desktop.core.operations.import_articles import import_source
from desktop.core.paths import app_paths
from desktop.core.storage.library import Library
from desktop.core.storage.opening import open_library_safely

# Ways out of a template into Python, the shell or the disk.
ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner.__init__.__globals__.__builtins__['__import__']('os').system('touch PWNED') }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ namespace.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ article.__class__.__init__.__globals__ }}",
    "{% set x = article.__dict__ %}{{ x }}",
    "{{ 'x' * 10000000000 }}",
    "{{ 9 ** 9 ** 9 }}",
    "{{ '%999999999d' % 1 }}",
]


def _library(home: Path) -> Path:
    paths = app_paths(home)
    library, _ = open_library_safely(paths)
    try:
        import_source(library, text_source(article_text("first article")))
        import_source(library, text_source(article_text("second article")))
    finally:
        library.close()
    return paths.library


def _backup(tmp_path: Path) -> Path:
    home = tmp_path / "source-home"
    _library(home)
    archive = tmp_path / "good.zip"
    library = Library.open(app_paths(home).library)
    try:
        backup_library(library, archive)
    finally:
        library.close()
    return archive


def _tampered(tmp_path: Path, good: Path, change_db: Callable[[sqlite3.Connection], object] | None,
              extra: dict[str, str] | None = None) -> Path:
    """``good`` with its database changed and files added; the checksum made to match
    (anyone can compute it, so it proves nothing)."""
    work = tmp_path / "work.sqlite3"
    with zipfile.ZipFile(good) as z:
        manifest = json.loads(z.read("manifest.json"))
        work.write_bytes(z.read("library.sqlite3"))
    if change_db is not None:
        conn = sqlite3.connect(work, isolation_level=None)
        change_db(conn)
        conn.close()
    manifest["database_sha256"] = _file_sha256(work)
    crafted = tmp_path / "crafted.zip"
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.write(work, "library.sqlite3")
        for name, text in (extra or {}).items():
            z.writestr(name, text)
    return crafted


@pytest.mark.parametrize("payload", ESCAPES)
def test_a_backups_template_never_runs(tmp_path: Path, payload: str) -> None:
    crafted = _tampered(tmp_path, _backup(tmp_path), None,
                        {"templates/default.md.j2": payload + "\n",
                         "templates/evil.md.j2": payload + "\n"})
    home = tmp_path / "home"
    restored = run_cli("restore", str(crafted), home=home)
    assert restored.returncode == 0, restored.stderr
    assert "kept aside" in restored.stderr and "default.md.j2" in restored.stderr
    assert not (app_paths(home).templates / "default.md.j2").exists()
    out = tmp_path / "out"
    exported = run_cli("export", "--out", str(out), home=home, timeout=60)
    assert exported.returncode == 0, exported.stderr
    assert "Lectern" in "".join(p.read_text() for p in out.glob("*.md")) or list(out.glob("*.md"))
    assert not (home / "PWNED").exists() and not Path("PWNED").exists()
    # Installed on request, it still only renders in the sandbox: refused in one line.
    aside = next((home / "config").glob("templates-from-backups/*/evil.md.j2"))
    assert run_cli("templates", "--install", str(aside), home=home).returncode == 0
    attempt = run_cli("export", "--template", "evil", "--out", str(tmp_path / "o2"),
                      home=home, timeout=60)
    assert "unexpected" not in attempt.stderr and "Traceback" not in attempt.stderr
    assert not (home / "PWNED").exists() and not Path("PWNED").exists()
    if attempt.returncode != 0:  # one line per article, naming the template
        assert attempt.returncode == 1
        assert all("template 'evil'" in line or line.endswith("failed")
                   for line in attempt.stderr.strip().splitlines()), attempt.stderr


# Things a crafted database can carry besides rows: each must be gone after the restore.
PLANTS = {
    "trigger": "CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM articles; END",
    "trigger_on_update": "CREATE TRIGGER wipe2 AFTER UPDATE ON articles BEGIN "
                         "DELETE FROM notes; END",
    "trigger_on_settings": "CREATE TRIGGER wipe3 BEFORE INSERT ON settings BEGIN "
                           "DELETE FROM articles; END",
    "view": "CREATE VIEW everything AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
            "SELECT i + 1 FROM n) SELECT i FROM n",
    "table": "CREATE TABLE planted (x TEXT)",
    "index": "CREATE INDEX planted_index ON articles(length(text) / 0)",
    "shadow_trigger": "CREATE TRIGGER wipe4 AFTER INSERT ON search_index_data BEGIN "
                      "DELETE FROM articles; END",
    # Lectern's own trigger, by its own name, with another body.
    "own_name": "DROP TRIGGER search_article_insert; CREATE TRIGGER search_article_insert "
                "AFTER INSERT ON articles BEGIN DELETE FROM notes; END",
    "own_table_changed": "ALTER TABLE notes ADD COLUMN planted TEXT DEFAULT 'x'",
}


def _names(library: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(library)
    try:
        return {(str(r[0]), str(r[1])) for r in conn.execute("SELECT name, sql FROM sqlite_master")}
    finally:
        conn.close()


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_nothing_but_rows_survives_a_restore(tmp_path: Path, plant: str) -> None:
    own = _names(_library(tmp_path / "reference"))
    crafted = _tampered(tmp_path, _backup(tmp_path), lambda c: c.executescript(PLANTS[plant]))
    home = tmp_path / "home"
    assert run_cli("restore", str(crafted), home=home).returncode == 0
    library = app_paths(home).library
    assert _names(library) == own  # Lectern's own schema, nothing more
    listed = run_cli("list", "--json", home=home)
    article_id = json.loads(listed.stdout.splitlines()[0])["id"]
    shown = run_cli("show", str(article_id), "--text", home=home)
    quote = shown.stdout.split()[0]
    assert run_cli("annotate", str(article_id), "--quote", quote, "--occurrence", "1",
                   home=home).returncode == 0
    assert len(run_cli("list", "--json", home=home).stdout.splitlines()) == 2
    check = run_cli("check", home=home)
    assert check.returncode == 0 and "integrity ok" in check.stdout


def test_export_records_outside_their_folder_are_dropped_and_never_followed(
        tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"

    def plant(conn: sqlite3.Connection) -> None:
        for article_id in (1, 2):
            conn.execute(
                "INSERT INTO exports (article_id, folder, path, template, content_sha256,"
                " user_edited, written_at) VALUES (?, ?, ?, 'default', 'x', 1, 'now')",
                (article_id, str(out.resolve()),
                 str(victim) if article_id == 1 else str(out / ".." / "victim.txt")))

    crafted = _tampered(tmp_path, _backup(tmp_path), plant)
    home = tmp_path / "home"
    restored = run_cli("restore", str(crafted), home=home)
    assert restored.returncode == 0 and "exports" in restored.stderr
    assert run_cli("export", "--out", str(out), home=home).returncode == 0
    assert victim.read_text() == "precious\n"
    # And a record that points out of the folder (however it got there) is not followed.
    conn = sqlite3.connect(app_paths(home).library)
    conn.execute("UPDATE exports SET path = ?, user_edited = 1 WHERE article_id = 1",
                 (str(victim),))
    conn.commit()
    conn.close()
    assert run_cli("export", "--out", str(out), home=home).returncode == 0
    assert victim.read_text() == "precious\n"


def test_wrong_typed_and_orphan_rows_are_left_out(tmp_path: Path) -> None:
    def plant(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE articles SET blocks_json = 'not json' WHERE id = 2")
        conn.execute("INSERT INTO notes (article_id, markdown, updated_at) "
                     "VALUES (999, 'orphan', 'now')")
        conn.execute("UPDATE articles SET word_count = 'many' WHERE id = 1")

    crafted = _tampered(tmp_path, _backup(tmp_path), plant)
    home = tmp_path / "home"
    restored = run_cli("restore", str(crafted), home=home)
    assert restored.returncode == 0, restored.stderr
    assert "left out rows" in restored.stderr
    listed = run_cli("list", "--json", home=home)
    assert listed.returncode == 0 and listed.stdout == ""  # both articles were unfit
    assert "unexpected" not in listed.stderr


def _zip_with(tmp_path: Path, name: str, members: list[tuple[str, bytes, int]]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for member, data, method in members:
            z.writestr(zipfile.ZipInfo(member), data, compress_type=method)
    return path


def _manifest() -> bytes:
    return json.dumps({"format": "lectern-backup", "format_version": 1,
                       "schema_version": 1, "database_sha256": "0"}).encode()


def _bombs(tmp_path: Path, good: Path) -> dict[str, Path]:
    zeros = b"\0" * (64 * 1024 * 1024)
    bombs = {
        "ratio": _zip_with(tmp_path, "ratio.zip", [
            ("manifest.json", _manifest(), zipfile.ZIP_DEFLATED),
            ("library.sqlite3", zeros, zipfile.ZIP_DEFLATED)]),
        "template_bomb": _zip_with(tmp_path, "tbomb.zip", [
            ("manifest.json", _manifest(), zipfile.ZIP_DEFLATED),
            ("library.sqlite3", b"x", zipfile.ZIP_STORED),
            ("templates/big.md.j2", zeros[:8 * 1024 * 1024], zipfile.ZIP_DEFLATED)]),
        "manifest_bomb": _zip_with(tmp_path, "mbomb.zip", [
            ("manifest.json", b" " * (32 * 1024 * 1024), zipfile.ZIP_DEFLATED)]),
        "lzma": _zip_with(tmp_path, "lzma.zip", [
            ("manifest.json", _manifest(), zipfile.ZIP_LZMA),
            ("library.sqlite3", zeros[:1024], zipfile.ZIP_LZMA)]),
        "duplicate": _zip_with(tmp_path, "dup.zip", [
            ("manifest.json", _manifest(), zipfile.ZIP_STORED),
            ("manifest.json", _manifest(), zipfile.ZIP_STORED)]),
    }
    # A header that lies: declares a small size, inflates to far more.
    liar = bytearray(bombs["ratio"].read_bytes())
    central = liar.rfind(b"PK\x01\x02")
    struct.pack_into("<I", liar, central + 24, 1000)  # uncompressed size in the directory
    (tmp_path / "liar.zip").write_bytes(bytes(liar))
    bombs["liar"] = tmp_path / "liar.zip"
    data = good.read_bytes()
    (tmp_path / "truncated.zip").write_bytes(data[: len(data) // 2])
    bombs["truncated"] = tmp_path / "truncated.zip"
    flipped = bytearray(data)
    start = flipped.find(b"library.sqlite3") + 40
    for offset in range(start, start + 400):
        flipped[offset] ^= 0x5A
    (tmp_path / "flipped.zip").write_bytes(bytes(flipped))
    bombs["flipped"] = tmp_path / "flipped.zip"
    (tmp_path / "empty.zip").write_bytes(b"")
    bombs["empty"] = tmp_path / "empty.zip"
    for label, manifest in (("big_version", b'{"format": "lectern-backup", "format_version": '
                             + b"9" * 5000 + b"}"),
                            ("word_version", b'{"format": "lectern-backup", '
                             b'"format_version": "x"}'),
                            ("list_manifest", b"[1, 2]"),
                            ("deep_manifest", b"[" * 100000)):
        bombs[label] = _zip_with(tmp_path, f"{label}.zip", [
            ("manifest.json", manifest, zipfile.ZIP_DEFLATED)])
    return bombs


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_damaged_and_bomb_archives_are_one_line_and_inflate_nothing(tmp_path: Path) -> None:
    good = _backup(tmp_path)
    for label, archive in _bombs(tmp_path, good).items():
        home = tmp_path / f"home-{label}"
        result = run_cli("restore", str(archive), home=home)
        assert result.returncode == 1, (label, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "unexpected" not in result.stderr, (label, lines)
        assert _folder_bytes(home) < 8 * 1024 * 1024, label  # nothing big was inflated
        assert run_cli("list", home=home).stdout == ""


def test_a_restore_still_brings_everything_back(tmp_path: Path) -> None:
    crafted = _tampered(tmp_path, _backup(tmp_path), None)
    library = Library.open(tmp_path / "fresh.sqlite3")
    try:
        summary = restore_library(library, crafted)
        assert summary.counts["articles"] == 2 and not summary.dropped
        assert summary.ignored == []
        assert library.search("first") != []
    finally:
        library.close()
    with pytest.raises(BackupProblem):
        restore_library(Library.open(tmp_path / "other.sqlite3"), tmp_path / "missing.zip")
