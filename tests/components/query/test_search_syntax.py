"""components.query.search_syntax: the analyst's search syntax, parsed into FTS5 queries that
always run (any input parses or gives a one-line hint; nothing reaches FTS5 unquoted)."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.query import SearchSyntaxError, parse_search
from components.query.search_syntax import match_of

DOCS = ["Port fees rose in Zürich, the U.S. envoy said.", "Grain exports fell; port calls stayed.",
        "He said: \"we are ready\" (for now)."]


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", list(enumerate(DOCS)))
    return con


def hits(con: sqlite3.Connection, text: str) -> set[int]:
    return {r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (match_of(text),))}


@pytest.mark.parametrize("text, expected", [
    ("port", {0, 1}),
    ("PORT fees", {0}),                      # AND by default, case ignored
    ('"port fees"', {0}),                    # a phrase
    ('"fees port"', set()),
    ("zurich", {0}),                         # accents ignored
    ("fees OR grain", {0, 1}),
    ("fees OR grain stayed", {1}),           # OR binds its neighbours, then AND
    ("port -fees", {1}),
    ("port NOT fees", {1}),
    ("port NOT fees NOT calls", set()),
    ('port -"port fees"', {1}),              # an excluded phrase
    ("port -", {0, 1}),                      # a lone minus is nothing
    ("export*", {1}),                        # a prefix
    ("U.S.", {0}),                           # the phrase "u s", as the index splits it
    ('"we are ready', {2}),                  # an unclosed phrase runs to the end
    ("ready: (for", {2}),                    # stray punctuation is no syntax
    ('port AND "', {0, 1}),
    ("or", set()),                           # lower case: a word, not an operator
    ("port OR", {0, 1}),
])
def test_the_syntax(fts, text, expected):
    assert hits(fts, text) == expected


@pytest.mark.parametrize("text", ["-port", "NOT port", "* : (", '""', "OR AND NOT"])
def test_a_search_that_gives_nothing_to_look_for_gets_a_one_line_hint(text):
    with pytest.raises(SearchSyntaxError) as e:
        parse_search(text)
    assert "\n" not in str(e.value) and "phrase" in str(e.value)


def test_an_empty_search_filters_nothing():
    assert parse_search("") is None and parse_search("   ") is None and match_of("") is None


SYNTAX = st.sampled_from(['"', "-", "*", "OR", "AND", "NOT", "(", ")", ":", "^", "+", "NEAR", "'", "\\", " ", "\x00"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.lists(st.one_of(SYNTAX, st.text(max_size=4))).map(" ".join),
                 st.lists(st.one_of(SYNTAX, st.text(max_size=3))).map("".join)))
def test_any_input_parses_or_gives_the_hint_and_never_makes_an_fts5_error(fts, text):
    try:
        search = parse_search(text)
    except SearchSyntaxError as e:
        assert "\n" not in str(e)
        return
    if search is not None:
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (search.match,)).fetchall()
