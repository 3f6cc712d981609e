"""Hostile and broken inputs every importer must survive, with what the user is told.

Each bad input names the message it must produce; each good-but-awkward input
(odd encodings, odd names) must import with its words intact. Built once per
session: the 100 MB file is sparse, so it costs no disk time.
"""

from __future__ import annotations

import codecs
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

PARAGRAPHS = (
    "The river that runs through the old market town froze from bank to bank last "
    "week, for the first time in forty years, and hundreds of people walked out onto "
    "the ice despite warnings from the council.",
    "The cold snap began on Tuesday. By Thursday the temperature at the weather station "
    "on the hill had fallen lower than at any time since records there began.",
    "“We had skaters, dog walkers and a brass band,” said one resident, who has lived "
    "by the river all her life and had never seen anything like it.",
)


def article_text(tag: str) -> str:
    """A plain-text article that cleans to itself, made unique by ``tag``."""
    title = f"The Night the River Froze Over ({tag})"
    body = [p.replace("last week", f"last week ({tag} edition)") for p in PARAGRAPHS]
    return "\n\n".join([title, *body]) + "\n"


def article_html(tag: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article_text(tag).split("\n\n")[1:])
    return (f"<!doctype html><html lang=en><head><title>River report {tag}</title></head>"
            f"<body><article><h1>River report {tag}</h1>{paragraphs}</article></body></html>")


@dataclass(frozen=True)
class Case:
    name: str  # the file name
    message: str  # the message it must produce ("" = it must import)
    marker: str = ""  # for good files: a phrase the imported text must contain


BAD_CASES = (
    Case("empty.html", "the file is empty"),
    Case("blank.txt", "the file is empty"),
    Case("photo.html", "this is a PNG image, not an article"),
    Case("paper.html", "this is a PDF document, not an article"),
    Case("archive.html", "this is a ZIP archive"),
    Case("huge.txt", "file size limit"),
    Case("deep.html", "no article text found"),
    Case("one-line.txt", "article length limit"),
    Case("no-article.html", "no article text found"),
    Case("control-noise.txt", "binary file"),
)
GOOD_CASES = (
    Case("invalid-utf8.txt", "", "invalid-utf8 edition"),
    Case("cp1252.txt", "", "café cp1252 edition"),
    Case("utf16-bom.txt", "", "utf16-bom edition"),
    Case("utf16-no-bom.txt", "", "utf16-no-bom edition"),
    Case("nul-bytes.txt", "", "nul-bytes edition"),
    Case("my saved article (draft).html", "", "spaces edition"),
    Case("café – résumé 日本語.html", "", "unicode edition"),
    Case("-leading-dash.txt", "", "dash edition"),
)


def _write_inputs(folder: Path) -> None:
    rng = random.Random(6)
    noise = bytes(rng.choice(range(1, 32)) for _ in range(4000))
    files: dict[str, bytes] = {
        "empty.html": b"",
        "blank.txt": b"  \n\t \r\n  ",
        "photo.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "paper.html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" * 20,
        "archive.html": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 8,
        "deep.html": (b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep text.</p>"
                      + b"</div>" * 100_000 + b"</body></html>"),
        "one-line.txt": b"word " * 2_000_000,  # a single 10 MB line
        "no-article.html": (b"<html><head><title>Nothing</title><script src=a.js></script>"
                            b"</head><body><script>var x = 1;</script><form><input name=q>"
                            b"</form><iframe src=ad.html></iframe></body></html>"),
        "control-noise.txt": noise,
        "invalid-utf8.txt": article_text("invalid-utf8").encode() .replace(b"river", b"riv\xff\xfeer", 1),
        "cp1252.txt": article_text("café cp1252").encode("cp1252"),
        "utf16-bom.txt": codecs.BOM_UTF16_LE + article_text("utf16-bom").encode("utf-16-le"),
        "utf16-no-bom.txt": article_text("utf16-no-bom").encode("utf-16-le"),
        "nul-bytes.txt": article_text("nul-bytes").encode().replace(b" ", b" \x00", 7),
        "my saved article (draft).html": article_html("spaces").encode(),
        "café – résumé 日本語.html": article_html("unicode").encode(),
        "-leading-dash.txt": article_text("dash").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as handle:  # 100 MB, sparse
        handle.write(article_text("huge").encode())
        handle.truncate(100 * 1024 * 1024)


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile inputs")
    _write_inputs(folder)
    return folder


def integrity_ok(library_path: Path) -> bool:
    import sqlite3

    conn = sqlite3.connect(library_path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
