"""A batch cleaned by two worker processes gives the same library as one cleaned in turn:
the same articles with the same ids, duplicates, failures, exports moved in, in order."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from desktop.core.models import Source
from desktop.core.operations import clean_ahead
from desktop.core.operations.import_articles import ImportReport, import_batch
from desktop.core.storage.library import Library

DEV_PAGES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "extraction-dev"
EXPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "exports"


def batch(folder: Path) -> list[Source | Path]:
    """Twelve dev pages, one of them twice, a file that is not there, a binary file,
    a plain text, and another app's export in the middle."""
    pages = sorted(DEV_PAGES.glob("*.html.gz"))[:12]
    if len(pages) < 12:
        pytest.skip("the shared dev pages are not beside the repository")
    folder.mkdir()
    items: list[Source | Path] = []
    for number, page in enumerate(pages):
        target = folder / f"page-{number:02d}.html"
        target.write_bytes(gzip.decompress(page.read_bytes()))
        items.append(target)
    (folder / "notes.txt").write_text("Field notes\n\nThe river rose two metres overnight "
                                      "and the ferry stopped running until Friday.\n")
    (folder / "photo.bin").write_bytes(bytes(range(256)) * 64)
    shutil.copy(EXPORTS / "pocket.csv", folder / "pocket.csv")
    return [*items[:6], folder / "pocket.csv", folder / "notes.txt", folder / "missing.html",
            folder / "photo.bin", *items[6:], items[2]]


def library_rows(library: Library) -> list[tuple[object, ...]]:
    return [tuple(r) for r in library.conn.execute(
        "SELECT id, title, site, url, content_hash, text, word_count FROM articles ORDER BY id")]


def waiting_rows(library: Library) -> list[tuple[object, ...]]:
    return [tuple(r) for r in library.conn.execute(
        "SELECT url, title FROM waiting_links ORDER BY id")]


def summary(report: ImportReport, root: Path) -> tuple[object, ...]:
    def local(name: str) -> str:
        return name.replace(str(root), "")

    return ([(local(n), i, d) for n, i, d in report.imported],
            [(local(n), m) for n, m in report.failed],
            [(s.app, s.items) for s in report.moved_in])


def test_two_cleaners_give_the_same_library_as_one(tmp_path: Path) -> None:
    items = batch(tmp_path / "files")
    serial = Library.open(tmp_path / "serial.sqlite3")
    parallel = Library.open(tmp_path / "parallel.sqlite3")
    try:
        one = import_batch(serial, items, cleaners=1)
        two = import_batch(parallel, items, cleaners=2)
        assert summary(two, tmp_path) == summary(one, tmp_path)
        assert library_rows(parallel) == library_rows(serial)
        assert waiting_rows(parallel) == waiting_rows(serial)
        assert one.added == 13 and one.duplicates == 1  # the repeated page is recognised
        assert [name for name, _ in one.failed] == [str(items[8]), str(items[9])]
        assert [s.app for s in one.moved_in] == ["Pocket"]
    finally:
        serial.close()
        parallel.close()


def test_a_large_batch_uses_two_cleaners_and_a_small_one_none() -> None:
    assert clean_ahead.cleaners_for([Path("x")] * clean_ahead.PARALLEL_FROM) == min(
        2, __import__("os").cpu_count() or 1)
    assert clean_ahead.cleaners_for([Path("x")] * 3) == 1
