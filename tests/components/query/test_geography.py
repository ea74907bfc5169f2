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
