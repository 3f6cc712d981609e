"""The search language: what each piece of syntax means, and that no user text is FTS5 syntax."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.search.query import QueryError, parse


def test_words_phrases_prefixes_and_exclusions() -> None:
    assert parse('drought "worst in decades" deter* -sports').fts() == (
        '("drought" AND "worst in decades" AND "deter" *) NOT ("sports")')


def test_fields_map_to_index_columns() -> None:
    fts = parse('title:river note:ice tag:"to read" highlight:bell site:example.org').fts()
    assert fts == ('title : "river" AND notes : "ice" AND tags : "to read" AND '
                   'highlights : "bell" AND site : "example.org"')


def test_excluded_field() -> None:
    assert parse("river -site:example.org").fts() == '("river") NOT (site : "example.org")'


def test_or_joins_neighbours() -> None:
    assert parse("drought OR flood farmers").fts() == '("drought" OR "flood") AND "farmers"'


def test_unknown_field_is_just_words() -> None:
    assert parse("meeting 10:30").fts() == '"meeting" AND "10:30"'


def test_typing_makes_the_last_word_a_prefix_until_a_space() -> None:
    assert parse("drought farm", typing=True).fts() == '"drought" AND "farm" *'
    assert parse("drought farm ", typing=True).fts() == '"drought" AND "farm"'
    assert parse("drought fa", typing=True).fts() == '"drought"'  # two letters: not yet


@pytest.mark.parametrize(("query", "message"), [
    ('"unclosed phrase', "quotation mark is not closed"),
    ("-sports -football", "at least one word"),
    ("title:", "needs a word"),
    ("", "nothing to search for"),
    ("*** ---", "nothing to search for"),
])
def test_malformed_queries_say_why_in_one_line(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as caught:
        parse(query)
    assert "\n" not in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "*-:()^{}+NEAR OR AND title tag\'.')) ,
               max_size=30))
def test_any_text_gives_a_valid_fts5_query_or_a_clear_error(text: str) -> None:
    """Whatever is typed, FTS5 never sees a syntax error: user text is only ever quoted."""
    try:
        fts = parse(text, typing=True).fts()
    except QueryError:
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, text, highlights, notes, tags, site)")
    conn.execute("INSERT INTO t VALUES ('a b', 'title', 'tag', 'or', 'near', 'and')")
    conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts,)).fetchall()
