"""components.query.quotes_and_articles: quotes by the selected actors, quote search, the article list
and the reader."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from components import query
from components.filters import Filter
from components.store import HIT_CLOSE, HIT_OPEN, Store

from .five_articles import ID, make


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


def test_under_a_search_the_quotes_are_those_whose_words_match(store: Store):
    assert query.quotes(store, Filter(text="TALKS well"))["quote"].tolist() == ["Talks went well."]
    assert set(query.quotes(store, Filter(text="ready OR stay"))["quote"]) == {"We are ready.", "Rates stay."}
    assert query.quotes(store, Filter(text="okafor")).empty  # in the article, not in a quote
    assert query.quotes(store, Filter(text="ready talks")).empty
    assert query.overview(store, Filter(text="ready OR stay"))["quotes"] == 2
    marked = query.quotes(store, Filter(text="talk*"), marks=True)["quote"].tolist()
    assert marked == [f"{HIT_OPEN}Talks{HIT_CLOSE} went well."]
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
    q = a["quotes"].iloc[0]
    assert q["quote"] and q["quote"] in a["text"] and a["text"][q["start_char"]:q["end_char"]].find(q["quote"]) >= 0
    assert query.article(store, ID["A3"])["dateline"] == ["Nairobi"]
    assert query.article(store, "no-such-id") is None


def test_an_untitled_article_is_listed_by_its_opening_words(tmp_path: Path):
    s = Store(tmp_path / "untitled.duckdb")
    long_text = "Officials in Lisbon said on Monday that the harbour would reopen " + "after repairs " * 10
    s.write([make(long_text, day="2024-03-04", source="wire", title=None),
             make("Short note from Oslo.", day="2024-03-05", source="wire", title="  ")])
    titles = query.articles(s, Filter())["title"].tolist()
    assert titles[0] == "Short note from Oslo."
    assert titles[1].startswith("Officials in Lisbon said") and titles[1].endswith("…")
    assert len(titles[1]) <= 73
    # the reader heads it with the same words the list shows, and keeps "no title" as None
    listed = query.articles(s, Filter())
    reader = query.article(s, listed["article_id"].iloc[1])
    assert (reader["title"], reader["display_title"]) == (None, titles[1])


def test_quotes_come_a_page_at_a_time_with_the_number_that_match(store: Store):
    everything = query.quotes(store, Filter())["quote"].tolist()
    first, second = query.quotes(store, Filter(), limit=2), query.quotes(store, Filter(), limit=2, offset=2)
    assert first["quote"].tolist() + second["quote"].tolist() == everything[:4]
    assert first.attrs["total"] == second.attrs["total"] == 5 and second.attrs["offset"] == 2
    last = query.quotes(store, Filter(), limit=2, offset=4)
    assert last["quote"].tolist() == everything[4:] and not last.attrs["truncated"]
    assert query.quotes(store, Filter(text="ready")).attrs["total"] == 1


def test_articles_come_a_page_at_a_time_with_the_number_that_match(store: Store):
    everything = query.articles(store, Filter())["article_id"].tolist()
    pages = [query.articles(store, Filter(), limit=2, offset=o) for o in (0, 2, 4)]
    assert sum((p["article_id"].tolist() for p in pages), []) == everything
    assert [p.attrs["total"] for p in pages] == [5, 5, 5]
    assert query.articles(store, Filter(sources=("wire",))).attrs["total"] == len(
        query.articles(store, Filter(sources=("wire",))))


def test_a_page_past_the_end_is_empty_but_still_says_how_many_match(store: Store):
    for listed, columns in ((query.quotes, query.QUOTE_COLUMNS), (query.articles, query.ARTICLE_COLUMNS)):
        past = listed(store, Filter(), limit=2, offset=50)
        assert past.empty and list(past.columns) == list(columns)
        assert (past.attrs["total"], past.attrs["offset"], past.attrs["truncated"]) == (5, 50, False)
        none = listed(store, Filter(), limit=0)
        assert none.empty and none.attrs["total"] == 5 and none.attrs["truncated"]
        assert listed(store, Filter(text="no such words")).attrs["total"] == 0


def test_under_a_search_articles_come_best_match_first_with_their_hits(store: Store):
    ranked = query.articles(store, Filter(text="london OR reyes"), marks=True)
    by_id = {v: k for k, v in ID.items()}
    assert [by_id[a] for a in ranked["article_id"]][0] == "A4"  # both words, and a short text
    assert set(by_id[a] for a in ranked["article_id"]) == {"A1", "A2", "A4"}
    snippet = ranked.set_index("article_id").loc[ID["A2"], "snippet"]
    assert f"{HIT_OPEN}Reyes{HIT_CLOSE}" in snippet and "Paris" in snippet
    assert "snippet" not in query.articles(store, Filter(text="london")).columns  # (no marks asked)
    prefixed = query.articles(store, Filter(text="reye*"), marks=True)["snippet"].tolist()
    assert len(prefixed) == 2 and all(f"{HIT_OPEN}Reyes{HIT_CLOSE}" in s for s in prefixed)


def test_the_reader_gets_the_hits_of_the_search_in_title_and_text(store: Store):
    hits = query.article_hits(store, Filter(text='"tom reyes" OR talk*'), ID["A2"])
    text = "Okafor met Tom Reyes in Paris. Reyes said \u201cTalks went well.\u201d"
    assert [text[a:b] for a, b in hits["text"]] == ["Tom Reyes", "Talks"]
    assert [("Paris talks")[a:b] for a, b in hits["title"]] == ["talks"]
    assert query.article_hits(store, Filter(), ID["A2"]) == {"title": [], "text": []}
