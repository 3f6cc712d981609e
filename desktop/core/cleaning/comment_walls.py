"""Whether a comment-section heading really opens a comment section.

A line "Comments" (or "Responses", "Discussion (4)") is a wall the article body
never crosses. But an article can have a section of that name: a pasted essay
with a "Comments" subheading in its middle kept 194 of its 329 words. So a bare
heading is a wall only when what follows looks like comments: names alone on a
line, dates and times ("3 hours ago"), and reply, like or report markers. An
unmistakable line ("Leave a reply", "Comments are closed", "Your email address
will not be published") stays a wall by itself.
"""

from __future__ import annotations

import re

from .pasted_lines import Line

# A bare heading: could as well be the title of a section of the article.
_BARE = re.compile(
    r"^(?:comments?|reader\ comments|responses|reactions|discussion|conversation|replies)"
    r"(?:\s*\(\d[\d,.]*\))?\s*:?$", re.IGNORECASE | re.VERBOSE)
# What a comment carries besides its text.
_MARKER = re.compile(
    r"""^(?:
        repl(?:y|ies)|like|likes|report|flag|share|permalink|upvote|downvote|recommend
      | \d[\d,.]*k?\s+(?:likes?|repl(?:y|ies)|points?|votes?|upvotes?|recommendations?)
      | \d+\s*(?:s|m|h|d|w|y|min|mins|minutes?|hours?|days?|weeks?|months?|years?)\s+ago
      | (?:reply|like|report|share)(?:\s*[·|•]\s*(?:reply|like|report|share))+
      | .{1,60}\ (?:says|said|wrote|replied)\s*:?
      | (?:newest|oldest|best|top|most\ liked)(?:\ first)? | sort\ by.{0,30}
      | in\ reply\ to\ .{1,60}
    )$""", re.IGNORECASE | re.VERBOSE)
# "Jane Doe", "jdoe42", "Dr. K. Smith": a commenter's name alone on a line.
_NAME = re.compile(r"^(?:[A-Z][\w.'-]*|[a-z][a-z0-9_.-]{2,30}\d*)(?:\ [A-Z][\w.'-]*){0,3}$")

LOOK_AHEAD = 12  # lines after the heading that are looked at
MIN_MARKERS = 2


def is_wall(lines: list[Line], at: int) -> bool:
    """Whether ``lines[at]`` (a comments line) ends the article."""
    line = lines[at]
    if not line.comments:
        return False
    if not _BARE.match(line.text.strip()):
        return True
    return comment_markers(lines[at + 1 : at + 1 + LOOK_AHEAD]) >= MIN_MARKERS


def comment_markers(lines: list[Line]) -> int:
    """How many of ``lines`` look like the furniture of comments."""
    found = 0
    for i, line in enumerate(lines):
        text = line.text.strip()
        if line.dateline or line.byline or _MARKER.match(text) or (
                line.comments and not _BARE.match(text)):
            found += 1
        elif _NAME.match(text) and not line.prose and i + 1 < len(lines) and (
                lines[i + 1].prose or lines[i + 1].dateline):
            found += 1  # a name, then what they wrote (or when)
    return found
