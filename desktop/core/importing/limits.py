"""Lectern's explicit limits on what it imports, as data (docs/limits.md explains them).

Every limit has a name, a value and the message a user sees when a file hits it;
the message names the limit, so "why was my file refused?" always has an answer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    name: str
    value: int
    unit: str  # "bytes", "characters", "seconds"
    message: str  # shown when hit; ``{actual}`` is what the input had
    description: str  # what it bounds and why, for docs/limits.md

    def exceeded(self, actual: str = "", value: str = "") -> str:
        """The message for an input that hit this limit (``value``: an overridden limit)."""
        return self.message.format(actual=actual, value=value or self.display_value)

    @property
    def display_value(self) -> str:
        if self.unit == "bytes":
            return f"{self.value // MIB} MB"
        return f"{self.value:,} {self.unit}"


MAX_SOURCE = Limit(
    "max_source_bytes", 32 * MIB, "bytes",
    "the file is {actual}; Lectern imports articles of up to {value} (file size limit)",
    "Largest file or pasted text imported. Saved articles are rarely over 5 MB; a bigger "
    "file is almost always the wrong file. Checked before the file is read.",
)
MAX_ARTICLE = Limit(
    "max_article_chars", 2_000_000, "characters",
    "the cleaned article has {actual} characters; Lectern shows articles of up to {value} "
    "(article length limit)",
    "Longest cleaned text kept (about 300,000 words, a long book); beyond it the reader "
    "and entity recognition slow down for no reading benefit.",
)
CLEAN_SECONDS = Limit(
    "clean_seconds", 30, "seconds",
    "cleaning this file took longer than {value} and was stopped (time limit); "
    "the file may be malformed",
    "Time allowed to clean one file that goes to the separate process (over "
    "in_process_bytes, or an extreme structure); that process is stopped at the limit. "
    "Override with LECTERN_CLEAN_SECONDS.",
)
CLEAN_MEMORY = Limit(
    "clean_memory_bytes", 2048 * MIB, "bytes",
    "cleaning this file needed more than {value} of memory and was stopped (memory limit)",
    "Address space allowed to the separate cleaning process (POSIX), so one hostile file "
    "cannot exhaust the machine.",
)
IN_PROCESS = Limit(
    "in_process_bytes", 1 * MIB, "bytes",
    "",
    "Files up to this size are cleaned inside Lectern (fast: no process start); bigger "
    "ones go to the separate, time-limited process. Not a limit users hit.",
)

IN_PROCESS_TAGS = Limit(
    "in_process_tags", 20_000, "tags",
    "",
    "HTML with more '<' than this is cleaned in the time-limited process whatever its "
    "size: real pages have a few thousand (at most 3,229 in the extraction dev set), and "
    "a 1 MB table of 50,000 rows takes seconds to clean. Not a limit users hit.",
)
IN_PROCESS_DEEP_LINES = Limit(
    "in_process_deep_lines", 50, "lines",
    "",
    "Markdown or text with more lines than this indented (by spaces or '>') 40 or more "
    "characters deep is cleaned in the time-limited process: a list nested hundreds of "
    "levels deep costs seconds to parse. Not a limit users hit.",
)

LIMITS: tuple[Limit, ...] = (MAX_SOURCE, MAX_ARTICLE, CLEAN_SECONDS, CLEAN_MEMORY, IN_PROCESS,
                             IN_PROCESS_TAGS, IN_PROCESS_DEEP_LINES)
TIME_LIMIT_ENV = "LECTERN_CLEAN_SECONDS"


def clean_seconds() -> float:
    """The cleaning time limit: LECTERN_CLEAN_SECONDS if set to a positive number."""
    raw = os.environ.get(TIME_LIMIT_ENV, "")
    try:
        value = float(raw)
    except ValueError:
        return float(CLEAN_SECONDS.value)
    return value if value > 0 else float(CLEAN_SECONDS.value)


def megabytes(size: int) -> str:
    return f"{size / MIB:.1f} MB" if size < 10 * MIB else f"{size / MIB:.0f} MB"
