"""Properties of re-anchoring on real prose: whatever the range, an unchanged text keeps
it; an edit away from the quote and its context moves it exactly; a quote that is
gone is never placed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.annotations.anchoring import reanchor, selector_for

PROSE = "\n\n".join([
    "For the first time in forty years, the river that runs through the old market town "
    "froze from bank to bank last week, and by Saturday morning hundreds of people had "
    "walked out onto the ice despite warnings from the council.",
    "The cold snap began on Tuesday. By Thursday the temperature at the weather station on "
    "the hill had fallen lower than at any time since records there began, and the ferry "
    "stopped running.",
    "“We had skaters, dog walkers and a brass band,” said one resident, who has lived by "
    "the river all her life. The council said the ice was unsafe; the council said so "
    "again on Sunday, when the thaw began and the first cracks appeared near the mill.",
    "Insurers were counting the cost of burst pipes on Monday. A spokesman for the water "
    "company said engineers had repaired more than two hundred mains since the freeze.",
])
WORDS = st.sampled_from(["snow", "ice", "the", "council", "river", "market", "cold", "band",
                         "engineers", "said", "on", "Sunday", "a", "of"])
FILLER = st.lists(WORDS, min_size=1, max_size=30).map(lambda w: " ".join(w) + " ")


@st.composite
def ranges(draw: st.DrawFn) -> tuple[int, int]:
    start = draw(st.integers(0, len(PROSE) - 2))
    end = draw(st.integers(start + 1, min(len(PROSE), start + 300)))
    return start, end


@settings(max_examples=200, deadline=None)
@given(ranges())
def test_unchanged_text_keeps_any_range(span: tuple[int, int]) -> None:
    anchor = reanchor(selector_for(PROSE, *span), PROSE)
    assert anchor is not None and (anchor.start, anchor.end) == span


@settings(max_examples=200, deadline=None)
@given(ranges(), st.integers(0, len(PROSE)), FILLER, st.booleans())
def test_edit_away_from_the_quote_moves_it_exactly(span: tuple[int, int], at: int,
                                                   filler: str, delete: bool) -> None:
    start, end = span
    if start - 40 <= at <= end + 40:
        at = 0 if start > 80 else len(PROSE)  # keep the edit clear of quote and context
    if at < start - 40 or at == 0:
        if delete:
            cut = min(len(filler), max(0, start - 40 - at))
            new, shift = PROSE[:at] + PROSE[at + cut:], -cut
        else:
            new, shift = PROSE[:at] + filler + PROSE[at:], len(filler)
    else:
        new, shift = PROSE[:at] + filler + PROSE[at:], 0
    anchor = reanchor(selector_for(PROSE, start, end), new)
    assert anchor is not None
    assert (anchor.start, anchor.end) == (start + shift, end + shift)


@settings(max_examples=200, deadline=None)
@given(ranges(), FILLER)
def test_a_removed_quote_is_never_placed_elsewhere(span: tuple[int, int], filler: str) -> None:
    start, end = span
    quote = PROSE[start:end]
    new = PROSE[:start] + filler + PROSE[end:]
    anchor = reanchor(selector_for(PROSE, start, end), new)
    if anchor is None:
        return
    # Placed only if the quote's words are truly still there: over the filler that
    # replaced it (which may repeat the quote's words) or on an identical passage
    # nearby is acceptable only when the text there matches the quote closely.
    from desktop.core.annotations.matching import similarity

    assert similarity(new[anchor.start:anchor.end], quote) >= 0.8
