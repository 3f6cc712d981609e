"""Finding the article among the lines of a copied web page.

The body is the stretch of the page where prose is densest: every prose line earns
its word count, every other line costs a fixed amount, and the best-scoring run of
lines (a maximum-sum subarray) is the body. Walls (comment sections, "related
stories") cost so much that the run never crosses them. The run is then stretched
over the sentence-like lines at its edges that are too short to count as prose
(a credit line, a one-sentence closing paragraph).
"""

from __future__ import annotations

from .pasted_lines import Line

# What a non-prose line inside the body costs, in words of prose. A subheading or a
# caption between paragraphs is crossed; a list of links (many lines) is not.
LINE_COST = 10
# A wall: a run of prose this long would have to follow for the body to go on.
WALL_COST = 150


def line_score(line: Line) -> int:
    if line.prose:
        return line.words
    if line.section_end:
        return -WALL_COST
    return -LINE_COST


def best_run(lines: list[Line]) -> tuple[int, int] | None:
    """(first, last) positions in ``lines`` of the best-scoring run, or None."""
    best: tuple[int, int] | None = None
    best_sum = 0
    run_sum, run_start = 0, 0
    for i, line in enumerate(lines):
        if run_sum <= 0:
            run_sum, run_start = 0, i
        run_sum += line_score(line)
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i)
    return best


def sentence_like(line: Line) -> bool:
    """Short, but a sentence: worth keeping at the edge of the body."""
    return line.terminal and line.words >= 4 and not (line.chrome or line.section_end)


def stretch(lines: list[Line], first: int, last: int) -> tuple[int, int]:
    while last + 1 < len(lines) and sentence_like(lines[last + 1]):
        last += 1
    return first, last
