"""Re-anchoring every highlight of an article after its text changed.

Used by ``lectern update`` and by anything that replaces an article's text
(re-cleaning with a better cleaner, importing a new version of the page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from desktop.core.annotations.anchoring import Selector, reanchor, selector_for
from desktop.core.annotations.model import ANCHORED, ORPHANED, Annotation


@dataclass
class ReanchorReport:
    stayed: int = 0  # same offsets, same quote
    moved: int = 0  # found again elsewhere (or with an edited quote)
    orphaned: int = 0  # could not be placed with confidence: kept, attached to nothing
    recovered: int = 0  # of the moved: had been orphaned before and are placed again
    annotations: list[Annotation] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"stayed": self.stayed, "moved": self.moved, "orphaned": self.orphaned,
                "recovered": self.recovered}


def reanchor_annotations(annotations: Sequence[Annotation], new_text: str) -> ReanchorReport:
    """Place each highlight in ``new_text``; returns their new state (pure, no I/O).

    Highlights are taken in reading order, and each one expects to have shifted
    by as much as the last one placed before it: an insertion near the top moves
    everything after it, and this keeps repeated quotes from trading places.
    """
    report = ReanchorReport()
    shift = 0
    for old in sorted(annotations, key=lambda a: (a.start, a.end)):
        selector = Selector(old.quote, old.prefix, old.suffix, old.start, old.end)
        anchor = reanchor(selector, new_text, expected=max(0, old.start + shift))
        if anchor is None:
            report.orphaned += 1
            report.annotations.append(replace(old, status=ORPHANED))
            continue
        fresh = selector_for(new_text, anchor.start, anchor.end)
        placed = replace(old, quote=fresh.exact, prefix=fresh.prefix, suffix=fresh.suffix,
                         start=anchor.start, end=anchor.end, status=ANCHORED)
        if old.status == ANCHORED and (old.start, old.end, old.quote) == (
                placed.start, placed.end, placed.quote):
            report.stayed += 1
        else:
            report.moved += 1
            report.recovered += old.status == ORPHANED
        if old.status == ANCHORED:
            shift = anchor.start - old.start
        report.annotations.append(placed)
    return report
