"""Finding a highlight again after the article's text changed."""

from __future__ import annotations

import pytest

from desktop.core.annotations.anchoring import reanchor, selector_for

PARAS = [
    "The river froze from bank to bank last week, for the first time in forty years.",
    "By Saturday morning hundreds of people had walked out onto the ice despite warnings.",
    "The council said the ice was unsafe. The council said it again on Sunday.",
    "Skaters, dog walkers and a brass band were seen near the old mill.",
]
TEXT = "\n\n".join(PARAS)


def place(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def test_selector_holds_quote_and_context() -> None:
    start, end = place(TEXT, "brass band")
    s = selector_for(TEXT, start, end)
    assert s.exact == "brass band"
    assert TEXT[start - 32:start] == s.prefix and len(s.prefix) == 32
    assert s.suffix == TEXT[end:end + 32]
    first = selector_for(TEXT, 0, 9)
    assert first.prefix == "" and first.exact == "The river"
    with pytest.raises(ValueError):
        selector_for(TEXT, 5, 5)


def test_unchanged_text_keeps_every_position() -> None:
    for quote in ("froze", "brass band", "The council said"):
        start, end = place(TEXT, quote)
        anchor = reanchor(selector_for(TEXT, start, end), TEXT)
        assert anchor is not None and (anchor.start, anchor.end) == (start, end)


def test_insertion_before_moves_the_highlight() -> None:
    start, end = place(TEXT, "hundreds of people")
    s = selector_for(TEXT, start, end)
    new = "A new opening paragraph, added by the editors.\n\n" + TEXT
    anchor = reanchor(s, new)
    assert anchor is not None
    assert new[anchor.start:anchor.end] == "hundreds of people"
    assert anchor.start == start + len("A new opening paragraph, added by the editors.\n\n")


def test_repeated_quote_keeps_the_right_occurrence() -> None:
    start, end = place(TEXT, "The council said", occurrence=1)
    s = selector_for(TEXT, start, end)
    new = TEXT.replace("The river froze", "Last week the river that runs through town froze")
    anchor = reanchor(s, new)
    assert anchor is not None
    assert (anchor.start, anchor.end) == place(new, "The council said", occurrence=1)


def test_short_repeated_word_is_not_moved_to_a_neighbour() -> None:
    # "the" with its context rewritten on both sides: not placed on another "the"
    start, end = place(TEXT, "the", occurrence=2)
    s = selector_for(TEXT, start, end)
    new = TEXT[:start - 12] + "XXXXXXXXXXXX the YYYYYYYYYYYY" + TEXT[end + 12:]
    anchor = reanchor(s, new)
    assert anchor is None or new[anchor.start - 1:anchor.end + 1] == " the "  # the rewritten one
    assert anchor is None or anchor.start == start + 1


def test_edited_quote_is_found_by_fuzzy_match() -> None:
    quote = "By Saturday morning hundreds of people had walked out onto the ice"
    start, end = place(TEXT, quote)
    s = selector_for(TEXT, start, end)
    new = TEXT.replace("hundreds of people had walked", "hundreds of residents had walked")
    anchor = reanchor(s, new)
    assert anchor is not None and anchor.method == "fuzzy"
    assert new[anchor.start:anchor.end].startswith("By Saturday morning hundreds of residents")
    assert new[anchor.start:anchor.end].endswith("onto the ice")


def test_cross_paragraph_highlight_survives_moved_text_elsewhere() -> None:
    start = TEXT.index("forty years.")
    end = TEXT.index("walked out") + len("walked out")
    s = selector_for(TEXT, start, end)
    assert "\n\n" in s.exact
    new = "\n\n".join([PARAS[3], PARAS[0], PARAS[1], PARAS[2]])  # last paragraph moved first
    anchor = reanchor(s, new)
    assert anchor is not None and new[anchor.start:anchor.end] == s.exact


def test_overlapping_highlights_are_placed_independently() -> None:
    a = selector_for(TEXT, *place(TEXT, "hundreds of people had walked"))
    b = selector_for(TEXT, *place(TEXT, "people had walked out onto the ice"))
    new = TEXT.replace("By Saturday", "By early Saturday")
    got_a, got_b = reanchor(a, new), reanchor(b, new)
    assert got_a is not None and got_b is not None
    assert new[got_a.start:got_a.end] == a.exact and new[got_b.start:got_b.end] == b.exact
    assert got_a.start < got_b.start < got_a.end  # still overlapping


def test_deleted_passage_is_orphaned_not_misplaced() -> None:
    s = selector_for(TEXT, *place(TEXT, "Skaters, dog walkers and a brass band"))
    new = "\n\n".join(PARAS[:3])
    assert reanchor(s, new) is None


def test_rewritten_quote_is_orphaned() -> None:
    s = selector_for(TEXT, *place(TEXT, "brass band"))
    new = TEXT.replace("brass band", "jazz quartet")
    assert reanchor(s, new) is None


def test_large_article_with_an_edited_quote() -> None:
    body = " ".join(f"Sentence number {i} talks about topic {i % 17} at some length." for i in
                    range(2000))  # ~120 KB
    start = body.index("Sentence number 1500")
    s = selector_for(body, start, start + 120)
    new = "Inserted lead paragraph.\n\n" + body.replace("number 1500 talks", "number 1500 speaks")
    anchor = reanchor(s, new)
    assert anchor is not None and new[anchor.start:anchor.start + 20] == "Sentence number 1500"
