"""components.query.sql: the filtered article set (any-of within a field, all fields combined, inclusive
date bounds, full-text search), parameters not SQL, and dates no view can draw."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from components import query
from components.filters import Filter
from components.records import Article
from components.store import Store, holding

from .five_articles import A1, A2, ID, ids


@pytest.mark.parametrize("f, expected", [
    (Filter(), {"A1", "A2", "A3", "A4", "A5"}),
    # canonical actor: "Okafor" in A2 is an alias of "Jane Okafor"
    (Filter(actors=("Jane Okafor",)), {"A1", "A2"}),
    (Filter(actors=("Jane Okafor", "Harbour Council")), {"A1", "A2", "A3"}),  # any of
    (Filter(actors=("Okafor",)), set()),  # the alias is not a corpus-level actor
    (Filter(actor_types=("organization",)), {"A1", "A3"}),
    (Filter(actor_types=("state", "organization")), {"A1", "A3", "A5"}),
    (Filter(places=("London",)), {"A1", "A4"}),
    (Filter(places=("London", "Paris")), {"A1", "A2", "A4"}),
    (Filter(places=("Nairobi",)), {"A3"}),  # from the dateline
    (Filter(countries=("KE",)), {"A3", "A5"}),
    (Filter(sources=("gazette",)), {"A2", "A5"}),
    (Filter(date_from=date(2024, 3, 3), date_to=date(2024, 3, 5)), {"A2", "A3", "A5"}),  # inclusive
    (Filter(date_from=date(2024, 3, 5)), {"A3", "A5"}),  # undated A4 drops out
    (Filter(date_to=date(2024, 3, 1)), {"A1"}),
    (Filter(text="READY"), {"A1"}),  # case-insensitive
    (Filter(text="paris"), {"A2"}),  # title or body
    (Filter(text="london ready"), {"A1"}),  # every word required
    (Filter(text="london talks"), set()),
    (Filter(text="50%_"), {"A5"}),  # punctuation splits words, as in the index: "50"
    (Filter(text='"Tom Reyes visited"'), {"A4"}),  # a quoted phrase
    (Filter(text='"Reyes in"'), {"A2"}),
    (Filter(text='"in Reyes"'), set()),  # the words, but not as this phrase
    (Filter(text="london OR paris"), {"A1", "A2", "A4"}),
    (Filter(text="london -ready"), {"A4"}),  # NOT
    (Filter(text="london NOT ready"), {"A4"}),
    (Filter(text="reye*"), {"A2", "A4"}),  # a prefix
    (Filter(text="we are ready"), {"A1"}),  # a quote's words find its article
    (Filter(text="reyes"), {"A2", "A4"}),  # words, not parts of words
    (Filter(text="rey"), set()),
    (Filter(text="OKAFOR or"), set()),  # lower-case "or" is a word
    (Filter(actors=("Jane Okafor",), sources=("gazette",)), {"A2"}),  # fields combined
    (Filter(actors=("Tom Reyes",), places=("London",), date_from=date(2024, 1, 1)), set()),
    (Filter(actors=("Tom Reyes",), places=("London",)), {"A4"}),
])
def test_articles_follow_the_filter(store: Store, f: Filter, expected: set[str]):
    assert ids(store, f) == expected


def test_user_values_are_parameters_not_sql(store: Store):
    nasty = "x'); DROP TABLE articles; --"
    f = Filter(actors=(nasty,), places=(nasty,), sources=(nasty,), text=nasty)
    assert query.articles(store, f).empty and query.quotes(store, f).empty
    assert query.overview(store, Filter())["articles"] == 5


def test_a_search_that_cannot_be_read_says_how_to_write_one(store: Store):
    for text in ("%", "-ready", '" "'):
        with pytest.raises(query.SearchSyntaxError, match="phrase"):
            query.articles(store, Filter(text=text))


def test_filter_sql_can_ignore_fields():
    sql, params = query.filter_sql(Filter(actors=("A",), sources=("x",)), ignore=("actors",))
    assert "entities" not in sql and list(params) == ["f_sources"]
    assert "'A'" not in sql and "x" not in sql.replace("text", "")


def test_actors_filter_works_before_actors_are_rebuilt(tmp_path: Path):
    s = Store(tmp_path / "raw.duckdb")
    s.write([A1, A2])  # no rebuild: actor_aliases is empty
    assert set(query.articles(s, Filter(actors=("Okafor",)))["article_id"]) == {ID["A2"]}
    assert query.top_actors(s, Filter()).set_index("actor").loc["Okafor", "n_mentions"] == 1
    assert query.choices(s)["actors"][0] in {"Jane Okafor", "Harbour Council", "Okafor", "Tom Reyes"}
    assert query.quotes(s, Filter(actors=("Okafor",)))["quote"].tolist() == ["We are ready."]


# --- dates outside the window, undated articles ----------------------------------------------------

FAR_DATES = ("9999-12-31", "0001-01-01", "1799-12-31", "2101-01-01")


@pytest.fixture
def far_store(tmp_path: Path, monkeypatch) -> Store:
    """One article per date of :data:`FAR_DATES` (as stores made before ingest refused such
    dates may hold them), one dated 2024-03-01 and one undated; no extractions."""
    from components.store import writes

    s = Store(tmp_path / "far.duckdb")
    # The store refuses such dates now: write them as an older Dateline did.
    monkeypatch.setattr(writes, "_parse_date", lambda v: date.fromisoformat(v) if v else None)
    s.add_articles([Article.from_text(f"Story {i}.", date=d, title=f"T{i}") for i, d in enumerate(FAR_DATES)]
                   + [Article.from_text("In range.", date="2024-03-01"), Article.from_text("No date.")])
    return s


def test_dates_after_today_are_counted_apart_as_a_likely_typo(tmp_path):
    s = Store(tmp_path / "f.duckdb")
    later = (date.today() + timedelta(days=40)).isoformat()
    s.add_articles([Article.from_text("Typo.", date="2091-05-01"), Article.from_text("Soon.", date=later),
                    Article.from_text("Today.", date=date.today().isoformat()),
                    Article.from_text("Past.", date="2024-03-01")])
    span = query.date_span(s)
    assert (span["dated"], span["future"], span["last"]) == (4, 2, date(2091, 5, 1))
    assert query.date_span(s, Filter(date_to=date(2024, 12, 31)))["future"] == 0


def test_dates_outside_the_window_are_counted_and_listed_but_not_drawn(far_store: Store):
    assert query.date_span(far_store) == {"first": date(2024, 3, 1), "last": date(2024, 3, 1), "dated": 1,
                                          "outside": 4, "undated": 1, "future": 0}
    assert query.timeline(far_store, Filter())["day"].dt.date.tolist() == [date(2024, 3, 1)]
    assert query.busiest_days(far_store, Filter())["day"].dt.date.tolist() == [date(2024, 3, 1)]
    listed = query.articles(far_store, Filter())
    assert [query.day_text(d) for d in listed["date"]] == [
        "9999-12-31", "2101-01-01", "2024-03-01", "1799-12-31", "0001-01-01", "undated"]
    assert query.overview(far_store, Filter())["articles"] == 6
    # an open-ended range reaches them; a range leaves the undated one out
    early = query.articles(far_store, Filter(date_to=date(2024, 12, 31)))
    assert sorted(query.day_text(d) for d in early["date"]) == ["0001-01-01", "1799-12-31", "2024-03-01"]


def test_a_date_no_python_date_holds_counts_as_undated(tmp_path: Path):
    """DuckDB's ``infinity`` (only a hand-edited file has it) cannot become a pandas or Python
    date: every view treats it as undated instead of failing."""
    import duckdb

    s = Store(tmp_path / "inf.duckdb")
    s.add_articles([Article.from_text("Forever.", date="2024-01-01")])
    with duckdb.connect(str(s.path)) as con:
        con.execute("UPDATE articles SET date = 'infinity'::DATE")
    assert query.date_span(s)["undated"] == 1
    assert query.articles(s, Filter())["date"].isna().all()
    assert query.article(s, query.articles(s, Filter())["article_id"].iloc[0])["date"] is None


# --- the filtered articles kept between statements ------------------------------------------------

def test_a_kept_filtered_set_follows_every_write(tmp_path: Path):
    """A page's statements share the filtered articles (computed once); a write in between, by
    this process, is seen by the next statement, not hidden behind the kept set."""
    s = Store(tmp_path / "kept.duckdb")
    s.write([A1])
    f = Filter(actors=("Jane Okafor",))
    assert ids(s, f) == {"A1"}
    assert query.overview(s, f)["articles"] == 1
    s.write([A2])
    g = Filter(date_from=date(2024, 1, 1))
    assert ids(s, g) == {"A1", "A2"}
    s.add_articles([Article.from_text("A late story.", date="2024-12-31")])
    assert query.articles(s, g).attrs["total"] == 3
    assert query.overview(s, g)["articles"] == 3


def test_kept_sets_are_bounded_and_shared(store: Store):
    """However many filters an analyst tries, at most KEPT_TABLES sets stay in memory, and one
    filter read by several statements is one kept set."""
    from components.store import connection, kept

    for month in range(1, 13):
        query.overview(store, Filter(date_from=date(2024, month, 1)))
    assert len(connection.kept_tables()) == kept.KEPT_TABLES
    f = Filter(sources=("gazette",))
    query.overview(store, f)
    query.articles(store, f)
    query.places(store, f)
    newest = list(connection.kept_tables())[-1]
    assert list(connection.kept_tables()).count(newest) == 1
    with connection._host.lock:
        temp = connection._host.connection().execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp' AND table_name LIKE 'kept_%'").fetchone()[0]
    assert temp == kept.KEPT_TABLES


def test_a_search_s_sets_are_made_once_for_the_statements_of_a_page(store: Store, monkeypatch):
    """The Overview's counts read a search's hits in articles and in quotes, the top actors and
    places only those in articles: they share the filtered articles and the totals made once,
    however many hit tables each statement reads."""
    from components.store import kept

    made: list[str] = []
    real = kept._exec

    def counting(con, sql, params=None):
        if sql.startswith("CREATE OR REPLACE TEMP TABLE"):
            made.append(sql.split()[5])
        return real(con, sql, params)

    monkeypatch.setattr(kept, "_exec", counting)
    f = Filter(text="talks")
    with holding():
        counts = query.overview(store, f)
        top = query.top_actors(store, f)
        places = query.places(store, f)
    assert counts["articles"] > 0 and len(top) and len(places)
    assert len(made) == len(set(made)), "a set was made twice"


def test_dropping_the_kept_sets_makes_the_next_statements_compute_them_again(store: Store):
    """What a benchmark of first visits relies on: after drop_kept_tables and forget_hits, a
    Filter seen before is evaluated anew (same answers), its search read from the index again."""
    from components.store import connection, drop_kept_tables, forget_hits, searching

    f = Filter(text="talks", sources=("gazette", "wire"))
    before = query.overview(store, f)
    assert connection.kept_tables() and searching._hits_cache
    drop_kept_tables()
    forget_hits()
    assert not connection.kept_tables() and not searching._hits_cache
    with connection._host.lock:
        temp = connection._host.connection().execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp' AND table_name LIKE 'kept_%'").fetchone()[0]
    assert temp == 0
    assert query.overview(store, f) == before and connection.kept_tables() and searching._hits_cache
