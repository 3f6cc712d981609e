"""Finding the article among the lines of a copied web page.

The body is the stretch of the page where prose is densest: every prose line earns
its word count, every other line costs a fixed amount, and the best-scoring run of
lines (a maximum-sum subarray) is the body. Comment-section headers are walls the
run never crosses. The run is then stretched over the short sentences after it (a
credit line, a one-sentence closing paragraph).
"""

from __future__ import annotations

import re

from .pasted_lines import Line

_DIGIT = re.compile(r"\d")

# What a non-prose line inside the body costs, in words of prose. A subheading or a
# caption between paragraphs is crossed; a list of links (many lines) is not.
LINE_COST = 10
# A short sentence ("Until Friday, no one had died.") counts for part of its words.
# So does prose seen twice on a page: a photo caption shown again in a gallery, or a
# teaser.
SENTENCE_DIVISOR = 2
# A rail header inside a run of prose ("Related stories", "Most popular").
RAIL_COST = 20
# A section before a wall holds the body if its prose scores this share of the best
# section's: an article is rarely shorter than a fifth of its comments.
EARLY_SHARE = 0.2
# A table after the body: rows of at most ROW_WORDS words around one of these.
MIN_ROWS = 3
ROW_WORDS = 20
SHORT_WORDS = 8
ROW_SEPARATORS = (" – ", " — ", " - ", " | ", " @ ", ": ")
# A date, time or byline alone on a line, inside a run of prose, stamps a comment or
# a teaser.
DATE_COST = 40


def line_score(line: Line) -> int:
    if line.prose and not line.chrome and not line.repeated:
        return line.words
    if sentence_like(line):
        return line.words // SENTENCE_DIVISOR
    if line.rail:
        return -RAIL_COST
    if line.dateline or line.byline:
        return -DATE_COST
    return -LINE_COST


def find_body(lines: list[Line]) -> tuple[int, int] | None:
    """(first, last) positions in ``lines`` of the article body, or None.

    Walls cut the page into sections. Comments and "more stories" come after the
    article and can hold more prose than it, so the body is the best run of the
    first section whose best run is a fair share of the page's best.
    """
    runs: list[tuple[int, int, int]] = []  # (score, first, last) per section
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or lines[i].comments:
            run = _best_run(lines, start, i)
            if run is not None:
                runs.append(run)
            start = i + 1
    if not runs:
        return None
    top = max(score for score, _, _ in runs)
    return next((first, last) for score, first, last in runs if score >= EARLY_SHARE * top)


def _best_run(lines: list[Line], start: int, stop: int) -> tuple[int, int, int] | None:
    """The best-scoring run of ``lines[start:stop]`` as (score, first, last), or None."""
    best: tuple[int, int, int] | None = None
    run_sum, run_start = 0, start
    for i in range(start, stop):
        if run_sum <= 0:
            run_sum, run_start = 0, i
        run_sum += line_score(lines[i])
        if run_sum > (best[0] if best else 0):
            best = (run_sum, run_start, i)
    return best


def sentence_like(line: Line) -> bool:
    """Short, but a sentence: worth keeping at the edge of the body."""
    return line.terminal and line.words >= 4 and not (line.chrome or line.rail or line.comments)


def stretch(lines: list[Line], first: int, last: int) -> tuple[int, int]:
    """Take in the short sentences and the table the body ends with."""
    while True:
        while last + 1 < len(lines) and sentence_like(lines[last + 1]):
            last += 1
        rows = _table_after(lines, last + 1)
        if not rows:
            return first, last
        last += rows


def _table_after(lines: list[Line], start: int) -> int:
    """How many lines from ``start`` are a table (tour dates, results), maybe headed.

    A table is at least MIN_ROWS short lines that hold numbers and share a separator
    ("June 9 – Tampa, FL", "Price: $40"): link lists rarely hold numbers in a common
    layout.
    """
    header = int(start < len(lines) and _table_header(lines[start]))
    rows, shape = 0, None
    for line in lines[start + header :]:
        row_shape = _row_shape(line)
        if row_shape is None or (shape is not None and row_shape != shape):
            break
        shape, rows = row_shape, rows + 1
    return header + rows if rows >= MIN_ROWS else 0


def _table_header(line: Line) -> bool:
    return not line.prose and line.words <= SHORT_WORDS and not (line.chrome or line.rail)


def _row_shape(line: Line) -> str | None:
    """The separator a table row is built around, or None for a line that is no row."""
    if line.prose or line.words > ROW_WORDS or line.chrome or not _DIGIT.search(line.text):
        return None
    return next((sep for sep in ROW_SEPARATORS if sep in line.text), None)
