"""components.query.quotes_and_articles: quotes by the selected actors, quote search, the article list
and the reader."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from components import query
from components.filters import Filter
from components.store import Store

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
    assert query.quotes(store, Filter(), search="okafor").attrs["total"] == 1


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
