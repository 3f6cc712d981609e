"""How fast Markdown export is, against writing the same bytes with plain Python.

Builds a library of 1,000 articles with 20 highlights each (notes, tags, the
characters that need escaping), exports it with the default template, then
writes exactly the bytes the export produced, file for file, with plain
``open(path, "wb").write(data)``. The goal (issue 5): export <= 2x plain writes.

    .venv/bin/python bench/export_speed.py [--articles N] [--highlights N] [--rounds N]

Figures are medians over the rounds, each into a fresh folder; ratios compare
runs of the same round on the same (shared, noisy) machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _figures import Report

from desktop.core.annotations import AnnotationStore
from desktop.core.export.markdown_escape import escape_text, quote_block
from desktop.core.export.templates import load_template
from desktop.core.export.writer import Exporter
from desktop.core.importing import content_hash, text_source
from desktop.core.models import Block, BlockKind, CleanedArticle, Metadata
from desktop.core.storage.library import Library

SENTENCE = ("Researchers keep their knowledge in notes; the *export* is how it reaches them, "
            "with > quotes, # signs, `code`, | pipes and emoji 📚 along the way. ")


def build_library(path: Path, articles: int, highlights: int) -> Library:
    library = Library.open(path)
    library.conn.execute("PRAGMA synchronous = OFF")  # setup only: the export reopens it
    store = AnnotationStore(library)
    for n in range(articles):
        paragraphs = [f"{n}.{p} " + SENTENCE * 3 for p in range(highlights)]
        blocks = [Block(BlockKind.HEADLINE, f"Article {n}: on reading & writing")]
        blocks += [Block(BlockKind.PARAGRAPH, p) for p in paragraphs]
        meta = Metadata(title=blocks[0].text, author="Jane Smith", site="The Reading Times",
                        url=f"https://example.org/articles/{n}", published="2024-03-05")
        article = CleanedArticle(blocks, meta)
        outcome = library.add_article(text_source("\n\n".join(paragraphs), name=f"{n}.txt"),
                                      article, "utf-8", content_hash(article))
        record = outcome.article
        text = record.text
        for p, paragraph in enumerate(paragraphs):
            start = text.index(paragraph)
            store.create(record.id, start, start + len(paragraph) - 1,
                         color=("yellow", "green", "blue", "pink", "purple")[p % 5],
                         note=f"Note {p}: why this *matters*\n\n- a point", tags=["method"])
        library.save_note(record.id, f"# Notes on {n}\n\nMy **own** Markdown.")
    library.conn.execute("PRAGMA synchronous = FULL")
    return library


def plain_writes(files: list[tuple[str, bytes]], folder: Path, fsync: bool) -> float:
    folder.mkdir()
    started = time.perf_counter()
    for name, data in files:
        with open(folder / name, "wb") as handle:
            handle.write(data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
    return time.perf_counter() - started


def floor_export(library: Library, folder: Path) -> tuple[float, float, float, float]:
    """The least any Python exporter must do for these files, as a lower bound.

    One bulk query for every highlight's quote and note, the escaping that
    keeps Markdown from mangling them (Lectern's own functions), a join per
    article and a plain write: no template, front matter, atomic rename, fsync
    or record of what was written. Returns (total, read, escape, join and write).
    """
    folder.mkdir()
    started = time.perf_counter()
    rows = library.conn.execute(
        "SELECT a.id, a.title, a.url, n.quote, n.note FROM articles a "
        "JOIN annotations n ON n.article_id = a.id ORDER BY a.id, n.start_offset").fetchall()
    read = time.perf_counter()
    articles: dict[int, tuple[str, str, list[str]]] = {}
    for article_id, title, url, quote, note in rows:
        parts = articles.setdefault(article_id, (title, url, []))[2]
        parts.append(quote_block(quote) + "\n\n" + escape_text(note))
    escaped = time.perf_counter()
    for article_id, (title, url, parts) in articles.items():
        data = (f"# {escape_text(title)}\n\n<{url}>\n\n" + "\n\n".join(parts)).encode()
        with open(folder / f"{article_id}.md", "wb") as handle:
            handle.write(data)
    done = time.perf_counter()
    return done - started, read - started, escaped - read, done - escaped


def main() -> int:
    report = Report.from_argv()
    quick = Report.quick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--highlights", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2 if quick else 3)
    args = parser.parse_args()
    with report.human_text_to_stderr():
        export_times, plain_times, floors = measure(args)
    floor_times = [f[0] for f in floors]
    what = f"{args.articles:,} articles x {args.highlights} highlights"
    report.figure(f"export of {what}, default template (min-max of rounds)", export_times, "s",
                  baseline="Python floor (bulk read, escaping, plain writes)",
                  ratio=statistics.median(e / f for e, f in zip(export_times, floor_times,
                                                                 strict=True)),
                  target="<= 2x plain writes (out of reach: the floor is ~11x)")
    report.figure(f"export floor in Python, {what} (min-max)", floor_times, "s",
                  baseline="plain writes of the same bytes",
                  ratio=statistics.median(f / p for f, p in zip(floor_times, plain_times,
                                                                 strict=True)))
    return 0


def measure(args: argparse.Namespace) -> tuple[
        list[float], list[float], list[tuple[float, float, float, float]]]:
    """Seconds per round: export, plain writes of the same bytes, the floor's parts."""
    work = Path(tempfile.mkdtemp(prefix="lectern-export-bench-", dir=Path.cwd()))
    try:
        started = time.perf_counter()
        library = build_library(work / "library.sqlite3", args.articles, args.highlights)
        print(f"library: {args.articles} articles x {args.highlights} highlights "
              f"(built in {time.perf_counter() - started:.1f} s)")
        template = load_template("default", None)
        ids = library.article_ids()
        export_times, plain_times, durable_times, reexport_times = [], [], [], []
        floors: list[tuple[float, float, float, float]] = []
        for round_no in range(args.rounds):
            out = work / f"export-{round_no}"
            started = time.perf_counter()
            report = Exporter(library, template).export(ids, out)
            export_times.append(time.perf_counter() - started)
            assert report.count("written") == len(ids), report.summary()
            files = [(p.name, p.read_bytes()) for p in sorted(out.iterdir())]
            plain_times.append(plain_writes(files, work / f"plain-{round_no}", fsync=False))
            durable_times.append(plain_writes(files, work / f"fsync-{round_no}", fsync=True))
            floors.append(floor_export(library, work / f"floor-{round_no}"))
            started = time.perf_counter()
            again = Exporter(library, template).export(ids, out)
            reexport_times.append(time.perf_counter() - started)
            assert again.count("unchanged") == len(ids), again.summary()
        total = sum(len(d) for _n, d in files)
        export_s = statistics.median(export_times)
        plain_s = statistics.median(plain_times)
        durable_s = statistics.median(durable_times)
        print(f"bytes per export: {total / 1e6:.1f} MB in {len(files)} files")
        print(f"export (default template, atomic, recorded): {export_s:.3f} s")
        print(f"plain writes of the same bytes:              {plain_s:.3f} s")
        print(f"plain writes + fsync per file:               {durable_s:.3f} s")
        print(f"re-export, nothing changed:                  "
              f"{statistics.median(reexport_times):.3f} s")
        floor_s, read_s, escape_s, write_s = (statistics.median(f[i] for f in floors)
                                              for i in range(4))
        print(f"floor (bulk read, escaping, plain writes): {floor_s:.3f} s "
              f"(read {read_s:.3f}, escape {escape_s:.3f}, join and write {write_s:.3f})")
        print(f"ratio floor / plain writes:           {floor_s / plain_s:.2f}x")
        print(f"ratio export / plain writes:          {export_s / plain_s:.2f}x (goal <= 2x)")
        print(f"ratio export / plain writes + fsync:  {export_s / durable_s:.2f}x")
        library.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return export_times, plain_times, floors


if __name__ == "__main__":
    raise SystemExit(main())
