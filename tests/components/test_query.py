"""Tests of components.query: the filtering semantics of every view over a small store built by
hand (no spaCy model): any-of within a field, all fields combined, inclusive date bounds, text
search, quotes by the selected actors, canonical names through ``actor_aliases``."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components import query
from components.filters import Filter
from components.records import Article, Entity, Extraction, Place, Problem, Quote
from components.store import Store

LONDON = dict(name="London", country_code="GB", lat=51.51, lon=-0.13, geonameid=2643743, feature="city")
PARIS = dict(name="Paris", country_code="FR", lat=48.85, lon=2.35, geonameid=2988507, feature="city")
NAIROBI = dict(name="Nairobi", country_code="KE", lat=-1.28, lon=36.82, geonameid=184745, feature="city")
KENYA = dict(name="Kenya", country_code="KE", lat=1.0, lon=38.0, geonameid=192950, feature="country")


def make(text: str, *, day: str | None, source: str, title: str,
         entities: tuple = (), places: tuple = (), quotes: tuple = (), dateline: tuple = ()) -> Extraction:
    """An extraction of ``text`` with offsets found by searching the text.

    entities: ``(surface, label, actor, actor_type, role)``; places: ``(surface, gazetteer
    fields)``; quotes: ``(content, speaker, speaker surface or None)``; dateline: gazetteer
    fields of dateline places."""
    def span(surface: str) -> tuple[int, int]:
        start = text.index(surface)
        return start, start + len(surface)

    ents = [Entity(*span(s), s, label, actor, kind, role) for s, label, actor, kind, role in entities]
    plcs = [Place(*span(s), s, **fields) for s, fields in places]
    qts = []
    for content, speaker, said_by in quotes:
        start, end = span(f"\u201c{content}\u201d")
        sp = span(said_by) if said_by else (None, None)
        qts.append(Quote(start, end, content, "full", speaker, *sp, "said" if speaker else None,
                         [(start + 1, end - 1)]))
    article = Article.from_text(text, date=day, title=title, source=source,
                                dateline=tuple(d["name"] for d in dateline))
    return Extraction(article, "v1", ents, plcs, qts,
                      [Place(None, None, d["name"], **d) for d in dateline])


A1 = make("Jane Okafor of the Harbour Council said \u201cWe are ready.\u201d in London.",
          day="2024-03-01", source="wire", title="Ready in London",
          entities=(("Jane Okafor", "PERSON", "Jane Okafor", "person", "trade minister"),
                    ("Harbour Council", "ORG", "Harbour Council", "organization", None)),
          places=(("London", LONDON),),
          quotes=(("We are ready.", "Okafor", "Jane Okafor"),))
A2 = make("Okafor met Tom Reyes in Paris. Reyes said \u201cTalks went well.\u201d",
          day="2024-03-03", source="gazette", title="Paris talks",
          entities=(("Okafor", "PERSON", "Okafor", "person", None),
                    ("Tom Reyes", "PERSON", "Tom Reyes", "person", "envoy")),
          places=(("Paris", PARIS),),
          quotes=(("Talks went well.", "Tom Reyes", "Reyes"),))
A3 = make("The Harbour Council said \u201cRates stay.\u201d A spokesman, Ali Said, agreed: \u201cNo change.\u201d",
          day="2024-03-05", source="wire", title="Rates",
          entities=(("Harbour Council", "ORG", "Harbour Council", "organization", None),),
          quotes=(("Rates stay.", "Harbour Council", "The Harbour Council"),
                  ("No change.", "Ali Said", "Ali Said")),
          dateline=(NAIROBI,))
A4 = make("Tom Reyes visited London again.", day=None, source="wire", title="Undated visit",
          entities=(("Tom Reyes", "PERSON", "Tom Reyes", "person", None),),
          places=(("London", LONDON),))
A5 = make("Kenya offers a 50%_discount on port fees, \u201cfor now.\u201d",
          day="2024-03-05", source="gazette", title="Port fees",
          entities=(("Kenya", "GPE", "Kenya", "state", None),),
          places=(("Kenya", KENYA),),
          quotes=(("for now.", None, None),))
ALL = (A1, A2, A3, A4, A5)
ID = {name: x.article.id for name, x in zip(("A1", "A2", "A3", "A4", "A5"), ALL)}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """The five articles above, with "Okafor" merged into "Jane Okafor" by the actors rebuild."""
    import components.actors

    s = Store(tmp_path_factory.mktemp("query") / "q.duckdb", timeout=10)
    s.write(list(ALL))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(components.actors, "merge_corpus", lambda counts: {"Okafor": "Jane Okafor"})
        s.rebuild_actors()
    run = s.start_run(["in/folder"])
    s.add_articles([], problems=[Problem("in/folder/bad.bin", "binary file (NUL bytes)")], run_id=run)
    s.finish_run(run, articles=5)
    return s


def ids(store: Store, f: Filter) -> set[str]:
    """The names (A1…) of the articles the Filter selects, through :func:`query.articles`."""
    got = set(query.articles(store, f)["article_id"])
    return {name for name, id_ in ID.items() if id_ in got}


# --- the filtered article set --------------------------------------------------------------------

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
    (Filter(text="50%_"), {"A5"}),  # LIKE wildcards are literal
    (Filter(text="%"), {"A5"}),
    (Filter(text='"Tom Reyes visited"'), {"A4"}),  # a quoted phrase
    (Filter(text='"Reyes in"'), {"A2"}),
    (Filter(text='"in Reyes"'), set()),  # the words, but not as this phrase
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


@pytest.mark.parametrize("text, terms", [
    ("grain exports", ["grain", "exports"]),
    ('grain "port fees"', ["grain", "port fees"]),
    ('"unclosed phrase', ["unclosed", "phrase"]),
    ('""  ', []),
])
def test_search_terms(text, terms):
    assert query.search_terms(text) == terms


def test_filter_sql_can_ignore_fields():
    sql, params = query.filter_sql(Filter(actors=("A",), text="x"), ignore=("actors",))
    assert "entities" not in sql and list(params) == ["f_text0"]
    assert "'A'" not in sql and "x" not in sql.replace("text", "")


def test_actors_filter_works_before_actors_are_rebuilt(tmp_path: Path):
    s = Store(tmp_path / "raw.duckdb")
    s.write([A1, A2])  # no rebuild: actor_aliases is empty
    assert set(query.articles(s, Filter(actors=("Okafor",)))["article_id"]) == {ID["A2"]}
    assert query.top_actors(s, Filter()).set_index("actor").loc["Okafor", "n_mentions"] == 1
    assert query.choices(s)["actors"][0] in {"Jane Okafor", "Harbour Council", "Okafor", "Tom Reyes"}
    assert query.quotes(s, Filter(actors=("Okafor",)))["quote"].tolist() == ["We are ready."]


# --- counts --------------------------------------------------------------------------------------

def test_overview_counts_the_filtered_articles(store: Store):
    assert query.overview(store, Filter()) == {
        "articles": 5, "actors": 4, "places": 4, "quotes": 5, "sources": 2, "days": 3, "undated": 1}
    assert query.overview(store, Filter(actors=("Jane Okafor",))) == {
        "articles": 2, "actors": 3, "places": 2, "quotes": 1, "sources": 2, "days": 2, "undated": 0}
    assert query.overview(store, Filter(actor_types=("organization",)))["actors"] == 1  # as top_actors


def test_date_span_and_choices(store: Store):
    assert query.date_span(store) == {"first": date(2024, 3, 1), "last": date(2024, 3, 5), "dated": 4,
                                      "outside": 0, "undated": 1}
    assert query.date_span(store, Filter(date_from=date(2024, 3, 2)))["undated"] == 0  # a range leaves them out
    c = query.choices(store)
    assert c["actors"][:2] == ["Harbour Council", "Jane Okafor"]  # 2 mentions each, then by name
    assert set(c["actors"]) == {"Harbour Council", "Jane Okafor", "Tom Reyes", "Kenya"}
    assert c["places"][0] == "London" and set(c["places"]) == {"London", "Paris", "Nairobi", "Kenya"}
    assert c["countries"] == ["FR", "GB", "KE"] and c["sources"] == ["gazette", "wire"]


# --- actors --------------------------------------------------------------------------------------

def test_top_actors_merge_aliases_and_count_quotes(store: Store):
    top = query.top_actors(store, Filter())
    assert list(top.columns) == ["actor", "actor_type", "n_mentions", "n_articles", "n_quotes"]
    jane = top.set_index("actor").loc["Jane Okafor"]
    assert (jane["actor_type"], jane["n_mentions"], jane["n_articles"], jane["n_quotes"]) == \
        ("person", 2, 2, 1)
    assert "Okafor" not in set(top["actor"])
    assert top["n_mentions"].is_monotonic_decreasing
    assert len(query.top_actors(store, Filter(), limit=2)) == 2


def test_top_actors_show_only_the_filtered_types(store: Store):
    top = query.top_actors(store, Filter(actor_types=("person",)))
    assert set(top["actor"]) == {"Jane Okafor", "Tom Reyes"}
    assert set(top["actor_type"]) == {"person"}


def test_top_actors_within_a_date_range(store: Store):
    top = query.top_actors(store, Filter(date_from=date(2024, 3, 2))).set_index("actor")
    assert top.loc["Jane Okafor", "n_mentions"] == 1 and top.loc["Tom Reyes", "n_articles"] == 1


def test_cooccurrence_pairs_actors_of_the_same_article(store: Store):
    pairs = query.cooccurrence(store, Filter())
    assert list(pairs.columns) == ["source", "target", "n_articles"]
    got = {(s, t): n for s, t, n in pairs.itertuples(index=False)}
    assert got == {("Harbour Council", "Jane Okafor"): 1, ("Jane Okafor", "Tom Reyes"): 1}
    assert query.cooccurrence(store, Filter(sources=("wire",)))["target"].tolist() == ["Jane Okafor"]


def test_actor_profile(store: Store):
    p = query.actor_profile(store, "Jane Okafor", Filter(actors=("Tom Reyes",)))
    assert p["actor_type"] == "person" and sorted(p["aliases"]) == ["Jane Okafor", "Okafor"]
    assert p["roles"] == ["trade minister"] and (p["n_mentions"], p["n_articles"]) == (2, 2)
    assert set(p["places"]["name"]) == {"London", "Paris"}
    assert p["timeline"]["day"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-01", "2024-03-03"]
    assert p["quotes"]["quote"].tolist() == ["We are ready."]  # by her, not by the filter's Reyes
    narrowed = query.actor_profile(store, "Jane Okafor", Filter(sources=("gazette",)))
    assert narrowed["n_mentions"] == 1 and narrowed["quotes"].empty
    unknown = query.actor_profile(store, "Nobody", Filter())
    assert unknown["n_mentions"] == 0 and unknown["places"].empty and unknown["quotes"].empty


# --- places and time -----------------------------------------------------------------------------

def test_places_have_coordinates_and_counts(store: Store):
    frame = query.places(store, Filter())
    assert list(frame.columns) == ["name", "country_code", "feature", "lat", "lon", "n_mentions",
                                   "n_articles"]
    london = frame.set_index("name").loc["London"]
    assert (london["country_code"], london["feature"], london["n_mentions"], london["n_articles"]) == \
        ("GB", "city", 2, 2)
    assert london["lat"] == pytest.approx(51.51) and frame.iloc[0]["name"] == "London"
    assert set(query.places(store, Filter(sources=("gazette",)))["name"]) == {"Paris", "Kenya"}


def test_countries(store: Store):
    frame = query.countries(store, Filter())
    assert {c: n for c, n, _ in frame.itertuples(index=False)} == {"GB": 2, "FR": 1, "KE": 2}
    assert query.countries(store, Filter(actors=("Tom Reyes",)))["country_code"].tolist() in (
        ["FR", "GB"], ["GB", "FR"])


def test_timeline_counts_dated_articles_per_day(store: Store):
    frame = query.timeline(store, Filter())
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    rows = [(d.strftime("%m-%d"), a, m) for d, a, m in frame.itertuples(index=False)]
    assert rows == [("03-01", 1, 2), ("03-03", 1, 2), ("03-05", 2, 2)]
    by_actor = query.timeline_by_actor(store, Filter(), top=1)
    assert set(by_actor["actor"]) == {"Harbour Council"}  # ties by name
    assert by_actor["n_mentions"].sum() == 2
    # a selected actor gets its line even when others are mentioned more
    # (A2: Jane Okafor and Tom Reyes once each; by name she would come first)
    selected = query.timeline_by_actor(store, Filter(actors=("Tom Reyes",), places=("Paris",)), top=1)
    assert selected.values.tolist() == [[pd.Timestamp("2024-03-03"), "Tom Reyes", 1]]


def test_busiest_days(store: Store):
    frame = query.busiest_days(store, Filter())
    assert frame["day"].iloc[0] == pd.Timestamp("2024-03-05") and frame["n_articles"].iloc[0] == 2
    assert len(query.busiest_days(store, Filter(), limit=1)) == 1


# --- quotes and articles -------------------------------------------------------------------------

def test_quotes_of_selected_actors_are_quotes_by_them(store: Store):
    frame = query.quotes(store, Filter(actors=("Jane Okafor",)))
    assert list(frame.columns) == list(query.QUOTE_COLUMNS)
    # A2 mentions her, but its quote is Tom Reyes's: not shown
    assert frame[["speaker", "quote"]].values.tolist() == [["Jane Okafor", "We are ready."]]


def test_quotes_show_canonical_or_raw_speakers_newest_first(store: Store):
    frame = query.quotes(store, Filter())
    assert frame["quote"].tolist() == ["Rates stay.", "No change.", "for now.", "Talks went well.",
                                       "We are ready."]
    speakers = dict(zip(frame["quote"], frame["speaker"]))
    assert speakers["We are ready."] == "Jane Okafor"  # "Okafor" through actor_aliases
    assert speakers["No change."] == "Ali Said"  # no alias: the name as found
    assert speakers["for now."] is None
    assert frame.set_index("quote").loc["Talks went well.", "source"] == "gazette"


def test_quote_search(store: Store):
    assert query.quotes(store, Filter(), search="TALKS well")["quote"].tolist() == ["Talks went well."]
    assert query.quotes(store, Filter(), search="okafor")["quote"].tolist() == ["We are ready."]
    assert query.quotes(store, Filter(), search="ready talks").empty
    limited = query.quotes(store, Filter(), limit=2)
    assert len(limited) == 2 and limited.attrs["truncated"]


def test_articles_list(store: Store):
    frame = query.articles(store, Filter())
    assert list(frame.columns) == list(query.ARTICLE_COLUMNS)
    order = [next(n for n, i in ID.items() if i == a) for a in frame["article_id"]]
    assert order[:2] in (["A3", "A5"], ["A5", "A3"]) and order[2:] == ["A2", "A1", "A4"]
    a1 = frame.set_index("article_id").loc[ID["A1"]]
    assert (a1["title"], a1["source"], a1["n_actors"], a1["n_places"], a1["n_quotes"]) == \
        ("Ready in London", "wire", 2, 1, 1)
    assert frame.set_index("article_id").loc[ID["A3"], "dateline"] == "Nairobi"
    assert not frame.attrs["truncated"] and query.articles(store, Filter(), limit=3).attrs["truncated"]


def test_article_reader(store: Store):
    a = query.article(store, ID["A2"])
    assert a["date"] == date(2024, 3, 3) and a["title"] == "Paris talks" and a["url"] is None
    assert a["text"].startswith("Okafor met")
    ents = a["entities"]
    assert ents["actor"].tolist() == ["Jane Okafor", "Tom Reyes"]  # canonical
    assert ents["text"].tolist() == ["Okafor", "Tom Reyes"] and ents["start_char"].tolist() == [0, 11]
    assert a["quotes"]["speaker"].tolist() == ["Tom Reyes"]
    assert query.article(store, ID["A3"])["dateline"] == ["Nairobi"]
    assert query.article(store, "no-such-id") is None


def test_ingest_history(store: Store):
    runs, problems = query.ingest_history(store)
    assert runs["inputs"].tolist() == ["in/folder"] and '"articles": 5' in runs["counts"].iloc[0]
    assert problems[["origin", "reason"]].values.tolist() == [["in/folder/bad.bin", "binary file (NUL bytes)"]]
    assert problems["run_id"].tolist() == runs["run_id"].tolist()


# --- a store that does not exist -----------------------------------------------------------------

def test_a_missing_store_gives_empty_frames(tmp_path: Path):
    s = Store(tmp_path / "none" / "missing.duckdb")
    f = Filter(actors=("X",), date_from=date(2024, 1, 1), text="y")
    assert query.overview(s, f) == dict.fromkeys(
        ("articles", "actors", "places", "quotes", "sources", "days", "undated"), 0)
    assert query.date_span(s) == {"first": None, "last": None, "dated": 0, "outside": 0, "undated": 0}
    assert query.choices(s) == {"actors": [], "places": [], "countries": [], "sources": []}
    frames = {
        "top_actors": (query.top_actors(s, f), ["actor", "actor_type", "n_mentions", "n_articles", "n_quotes"]),
        "cooccurrence": (query.cooccurrence(s, f), ["source", "target", "n_articles"]),
        "places": (query.places(s, f), ["name", "country_code", "feature", "lat", "lon", "n_mentions",
                                        "n_articles"]),
        "countries": (query.countries(s, f), ["country_code", "n_mentions", "n_articles"]),
        "timeline": (query.timeline(s, f), ["day", "n_articles", "n_mentions"]),
        "timeline_by_actor": (query.timeline_by_actor(s, f), ["day", "actor", "n_mentions"]),
        "busiest_days": (query.busiest_days(s, f), ["day", "n_articles"]),
        "quotes": (query.quotes(s, f), list(query.QUOTE_COLUMNS)),
        "articles": (query.articles(s, f), list(query.ARTICLE_COLUMNS)),
    }
    for name, (frame, columns) in frames.items():
        assert frame.empty and list(frame.columns) == columns, name
    assert query.actor_profile(s, "X", f)["n_mentions"] == 0
    assert query.article(s, "x") is None
    runs, problems = query.ingest_history(s)
    assert runs.empty and problems.empty
    assert not s.path.parent.exists()


def test_an_untitled_article_is_listed_by_its_opening_words(tmp_path: Path):
    s = Store(tmp_path / "untitled.duckdb")
    long_text = "Officials in Lisbon said on Monday that the harbour would reopen " + "after repairs " * 10
    s.write([make(long_text, day="2024-03-04", source="wire", title=None),
             make("Short note from Oslo.", day="2024-03-05", source="wire", title="  ")])
    titles = query.articles(s, Filter())["title"].tolist()
    assert titles[0] == "Short note from Oslo."
    assert titles[1].startswith("Officials in Lisbon said") and titles[1].endswith("…")
    assert len(titles[1]) <= 73


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


def test_dates_outside_the_window_are_counted_and_listed_but_not_drawn(far_store: Store):
    assert query.date_span(far_store) == {"first": date(2024, 3, 1), "last": date(2024, 3, 1), "dated": 1,
                                          "outside": 4, "undated": 1}
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


@pytest.mark.parametrize("value, text", [
    (None, "undated"), (pd.NaT, "undated"), (float("nan"), "undated"), (date(1, 1, 1), "0001-01-01"),
    (pd.Timestamp("9999-12-31"), "9999-12-31"), (pd.Timestamp("2024-12-02"), "2024-12-02"),
])
def test_day_text(value, text):
    assert query.day_text(value) == text


def test_undated_articles_export_with_empty_dates(store: Store):
    import json
    import re
    import zipfile
    from io import BytesIO

    from components import export

    frame = query.articles(store, Filter())
    undated = frame.index[frame["article_id"] == ID["A4"]][0]
    rows = pd.read_csv(BytesIO(export.frame_csv(frame)), dtype=str, keep_default_na=False)
    assert rows["date"].iloc[undated] == "" and rows["date"].iloc[0] == "2024-03-05"
    assert json.loads(export.frame_json(frame))[undated]["date"] is None
    with zipfile.ZipFile(BytesIO(export.frame_xlsx(frame))) as z:
        sheet = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
    assert not re.search(r">(NaT|None|nan)<", sheet)
    page = export.briefing_html([], {}, query.top_actors(store, Filter()), query.places(store, Filter()),
                                query.quotes(store, Filter()), counts=query.overview(store, Filter())).decode()
    body = page.split("</head>", 1)[1]
    assert "1 undated" in body
    assert not re.search(r"\b(NaT|nan|None)\b", body)
