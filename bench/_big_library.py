"""Generated libraries of 1,000 / 10,000 / 100,000 articles for the scale benchmarks.

Built once under ``$LECTERN_BENCH_DATA`` (default ``~/.cache/lectern-bench``) and
reused: ``library_home(100_000)`` is a LECTERN_HOME whose library holds 100,000
articles of about 400 words (words drawn with Zipf frequencies from a fixed
vocabulary, so queries range from rare to very common), with sources, tags,
highlights, notes, archived and favourite articles in realistic shares.

    .venv/bin/python bench/_big_library.py 100000   # build (or report) one size
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VOCABULARY_SIZE = 30_000
WORDS_PER_ARTICLE = 400
SEED = 13
# Bumped when the generated content or the schema it is written for changes.
GENERATION = 2


def data_dir() -> Path:
    default = Path.home() / ".cache" / "lectern-bench"
    return Path(os.environ.get("LECTERN_BENCH_DATA", default))


def vocabulary() -> list[str]:
    """VOCABULARY_SIZE distinct pronounceable words, the most frequent first."""
    rng = random.Random(SEED)
    onsets = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "br",
              "st", "tr", "gr", "pl", "ch", "sh", "th"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < VOCABULARY_SIZE:
        syllables = rng.choice((1, 2, 2, 3, 3, 4))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        word += rng.choice(("", "", "n", "r", "s", "t"))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _weights() -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) for rank in range(VOCABULARY_SIZE)))


def library_home(size: int) -> Path:
    """LECTERN_HOME of the generated library of ``size`` articles (built if missing)."""
    home = data_dir() / f"library-{size}-g{GENERATION}"
    done = home / "built.json"
    if not done.exists():
        build(home, size)
    return home


def build(home: Path, size: int) -> None:
    from desktop.core.storage.library import Library

    started = time.perf_counter()
    home.mkdir(parents=True, exist_ok=True)
    database = home / "library.sqlite3"
    for leftover in home.glob("library.sqlite3*"):
        leftover.unlink()
    library = Library.open(database)
    conn = library.conn
    conn.execute("PRAGMA synchronous = OFF")  # a generated library: speed over durability
    rng = random.Random(SEED + size)
    words, cumulative = vocabulary(), _weights()
    sites = [f"{rng.choice(words)}{rng.choice(words)}.example.org" for _ in range(300)]
    tags = ["to-read", "climate", "policy", "history", "method", "review", "follow-up",
            "teaching", "water", "energy"]
    batch = 2_000
    for first in range(1, size + 1, batch):
        rows, sources, tag_rows, notes, highlights = [], [], [], [], []
        for number in range(first, min(size, first + batch - 1) + 1):
            drawn = rng.choices(words, cum_weights=cumulative, k=WORDS_PER_ARTICLE + 7)
            title = " ".join(drawn[:7]).capitalize()
            paragraphs = [title] + [" ".join(drawn[7 + i:7 + i + 80]).capitalize() + "."
                                    for i in range(0, WORDS_PER_ARTICLE, 80)]
            text = "\n\n".join(paragraphs)
            # As Library.add_article writes them since migration 0011: kind and length.
            blocks = json.dumps([["headline", len(title)]]
                                + [["paragraph", len(p)] for p in paragraphs[1:]])
            saved = time.strftime("%Y-%m-%dT%H:%M:%S+00:00",
                                  time.gmtime(1_600_000_000 + number * 1_500))
            published = saved[:10] if rng.random() < 0.8 else ""
            rows.append((number, title, sites[number % len(sites)],
                         f"https://{sites[number % len(sites)]}/{number}", published,
                         WORDS_PER_ARTICLE, f"gen-{number}", saved, saved, blocks, text,
                         int(rng.random() < 0.6), int(rng.random() < 0.05)))
            html = "<html><head><title>" + title + "</title></head><body><article>" + "".join(
                f"<p>{p}</p>" for p in paragraphs[1:]) + "</article></body></html>"
            sources.append((number, html.encode(), saved))
            if rng.random() < 0.1:
                tag_rows.append((number, rng.choice(tags), 0))
            if rng.random() < 0.02:
                notes.append((number, "Note: " + " ".join(rng.choices(words, k=30)), saved))
            if rng.random() < 0.05:
                start = len(title) + 2
                quote = text[start:start + 60]
                highlights.append((f"hl-{number}", number, quote, start, start + len(quote),
                                   rng.choice(("yellow", "green", "blue")), saved, saved))
        with library.transaction() as tx:
            tx.executemany(
                "INSERT INTO articles (id, title, site, url, published, word_count,"
                " content_hash, source_kind, saved_at, updated_at, blocks_json, text,"
                " archived, favourite) VALUES (?,?,?,?,?,?,?,'html',?,?,?,?,?,?)", rows)
            _insert_sources(tx, sources)
            tx.executemany("INSERT INTO article_tags (article_id, tag, position) VALUES (?,?,?)",
                           tag_rows)
            tx.executemany("INSERT INTO notes (article_id, markdown, updated_at) VALUES (?,?,?)",
                           notes)
            tx.executemany(
                "INSERT INTO annotations (id, article_id, quote, start_offset, end_offset, color,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", highlights)
        print(f"\r{min(size, first + batch - 1):,} / {size:,}", end="", file=sys.stderr)
    conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    took = time.perf_counter() - started
    (home / "built.json").write_text(json.dumps({"articles": size, "seconds": round(took, 1)}))
    print(f"\nbuilt {size:,} articles in {took:.0f} s: {database}", file=sys.stderr)


def _insert_sources(tx: object, sources: list[tuple[int, bytes, str]]) -> None:
    """Sources as the library keeps them (compressed once migration 0011 is in)."""
    import sqlite3

    assert isinstance(tx, sqlite3.Connection)
    columns = {r[1] for r in tx.execute("PRAGMA table_info(sources)")}
    if "compressed" in columns:
        tx.executemany("INSERT INTO sources (article_id, data, compressed, imported_at)"
                       " VALUES (?,?,1,?)",
                       [(n, zlib.compress(data, 6), stamp) for n, data, stamp in sources])
    else:
        tx.executemany("INSERT INTO sources (article_id, data, imported_at) VALUES (?,?,?)",
                       sources)


def query_words(count: int = 40) -> list[str]:
    """Words to search for, from very common to rare (fixed, so runs compare)."""
    words = vocabulary()
    ranks = [3, 10, 30, 100, 300, 1000, 3000, 10000, 20000, 29000]
    return [words[ranks[i % len(ranks)] + i // len(ranks)] for i in range(count)]


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["10000"]:
        home = library_home(int(argument))
        size = (home / "library.sqlite3").stat().st_size
        print(f"{home}: {size / 1e6:.0f} MB, {json.loads((home / 'built.json').read_text())}")
