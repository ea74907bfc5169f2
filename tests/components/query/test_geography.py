"""components.query.geography: places with coordinates and counts, mentions per country."""
from __future__ import annotations

import pytest

from components import query
from components.filters import Filter
from components.store import Store


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


def test_with_no_filter_places_and_countries_come_from_the_kept_counts_with_the_same_numbers(store: Store):
    every_source = Filter(sources=tuple(query.choices(store)["sources"]))
    assert query.articles(store, every_source).attrs["total"] == query.articles(store, Filter()).attrs["total"]
    assert query.places(store, Filter()).equals(query.places(store, every_source))
    assert query.countries(store, Filter()).equals(query.countries(store, every_source))
    assert len(query.places(store, Filter())) > 0


def test_the_kept_counts_serve_the_unfiltered_view_only_while_they_are_up_to_date(tmp_path):
    from components.records import Article, Extraction, Place

    s = Store(tmp_path / "kept.duckdb")
    text = "Talks in Oslo."
    oslo = Place(9, 13, "Oslo", name="Oslo", country_code="NO", lat=59.9, lon=10.7, geonameid=3143244,
                 feature="city")
    s.write([Extraction(Article.from_text(text, source="wire"), "v1", [], [oslo], [])])
    s.rebuild_actors()
    with s._attached(str(s.path), read_only=False) as con:  # mark the kept counts to tell them apart
        con.execute("UPDATE dateline_store.place_counts SET n_mentions = 99")
    assert query.places(s, Filter())["n_mentions"].tolist() == [99]        # read from place_counts
    assert query.places(s, Filter(sources=("wire",)))["n_mentions"].tolist() == [1]
    s.write([Extraction(Article.from_text("More talks in Oslo.", source="wire"), "v1", [],
                        [Place(14, 18, "Oslo", name="Oslo", country_code="NO", lat=59.9, lon=10.7)], [])])
    assert query.places(s, Filter())["n_mentions"].tolist() == [2]         # stale: counted from places
