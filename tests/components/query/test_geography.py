"""components.query.geography: places with coordinates and counts, mentions per country."""
from __future__ import annotations

import pandas as pd
import pytest

from components import query
from components.filters import Filter
from components.store import Store


def test_places_have_coordinates_and_counts(store: Store):
    frame = query.places(store, Filter())
    assert list(frame.columns) == ["name", "country_code", "country", "feature", "lat", "lon", "n_mentions",
                                   "n_articles"]
    london = frame.set_index("name").loc["London"]
    assert (london["country_code"], london["country"], london["feature"], london["n_mentions"],
            london["n_articles"]) == ("GB", "United Kingdom", "city", 2, 2)
    assert london["lat"] == pytest.approx(51.51) and frame.iloc[0]["name"] == "London"
    assert set(query.places(store, Filter(sources=("gazette",)))["name"]) == {"Paris", "Kenya"}


def test_countries(store: Store):
    frame = query.countries(store, Filter())
    assert {c: (name, n) for c, name, n, _ in frame.itertuples(index=False)} == {
        "GB": ("United Kingdom", 2), "FR": ("France", 1), "KE": ("Kenya", 2)}
    assert query.countries(store, Filter(actors=("Tom Reyes",)))["country_code"].tolist() in (
        ["FR", "GB"], ["GB", "FR"])


@pytest.mark.parametrize("f", [Filter(), Filter(actors=("Tom Reyes",)), Filter(sources=("gazette",))])
def test_countries_without_their_articles_count_the_same_mentions(store: Store, f: Filter):
    full, mentions = query.countries(store, f), query.countries(store, f, articles=False)
    assert list(mentions.columns) == ["country_code", "country", "n_mentions"] and len(mentions)
    assert mentions.equals(full.drop(columns=["n_articles"]))


def test_a_place_in_a_country_without_a_name_counts_for_its_country_not_as_a_place(tmp_path):
    """A street resolved to a country but to no named place: its mentions count for the country
    (the map's mentions alone as with the articles too), and no nameless place is listed (on the
    map, in the count of places, among an actor's places)."""
    from components.records import Article, Entity, Extraction, Place

    s = Store(tmp_path / "street.duckdb")
    text = "Ann Lee talks on Fleet Street and in Oslo."
    street = Place(17, 29, "Fleet Street", name=None, country_code="GB", lat=51.5, lon=-0.1, feature="other")
    oslo = Place(37, 41, "Oslo", name="Oslo", country_code="NO", lat=59.9, lon=10.7, feature="city")
    lee = Entity(0, 7, "Ann Lee", "PERSON", "Ann Lee", "person", None)
    s.write([Extraction(Article.from_text(text, source="wire"), "v1", [lee], [street, oslo], []),
             Extraction(Article.from_text("Oslo again.", source="desk"), "v1", [],
                        [Place(0, 4, "Oslo", name="Oslo", country_code="NO", lat=59.9, lon=10.7, feature="city")], [])])
    s.rebuild_actors()
    wire = Filter(sources=("wire",))
    full, mentions = query.countries(s, wire), query.countries(s, wire, articles=False)
    assert dict(zip(mentions["country_code"], mentions["n_mentions"])) == {"GB": 1, "NO": 1}
    assert mentions.equals(full.drop(columns=["n_articles"]))
    assert query.places(s, wire)["name"].tolist() == ["Oslo"]
    assert query.overview(s, wire)["places"] == 1
    assert query.actor_places(s, "Ann Lee", wire)["name"].tolist() == ["Oslo"]


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
    wire = Filter(sources=("wire",))  # and under a filter from places, not article_places
    assert query.places(s, wire)["n_mentions"].tolist() == [2] and query.countries(s, wire)["n_mentions"].tolist() == [2]


def _store_with_places_everywhere(path) -> Store:
    """The five articles, and three more: "Springfield" (US) at two spots (twice at one, once at
    the other, in an article of its own actor), a street located in the US but not named, and a
    continent without a country."""
    import components.actors

    from .five_articles import ALL, make

    spot = dict(name="Springfield", country_code="US", geonameid=4409896, feature="city")
    here, there = dict(spot, lat=37.2, lon=-93.3), dict(spot, lat=39.8, lon=-89.6)
    street = dict(country_code="US", lat=37.21, lon=-93.29, feature="other")
    africa = dict(name="Africa", lat=7.2, lon=21.1, geonameid=6255146, feature="other")
    extra = [make("Lee Park toured Springfield and Main Street in Africa week.", day="2024-04-01",
                  source="gazette", title="Tour", entities=(("Lee Park", "PERSON", "Lee Park", "person", None),),
                  places=(("Springfield", there), ("Main Street", street), ("Africa", africa))),
             *(make(f"Springfield fair, day {n}.", day=f"2024-04-0{n + 1}", source="wire", title=f"Fair {n}",
                    places=(("Springfield", here),), dateline=(here,)) for n in (1, 2))]
    s = Store(path)
    s.write([*ALL, *extra])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(components.actors, "merge_corpus", lambda counts, *_: {"Okafor": "Jane Okafor"})
        s.rebuild_actors()
    return s


def test_under_a_filter_the_rows_per_article_count_what_every_mention_counts(tmp_path, monkeypatch):
    """Under a filter the map, the countries, the count of places and an actor's places (its
    profile) read ``article_places`` (a row per article and place): the same places, countries
    and counts as every mention in
    ``places`` gives. Only a place's spot may differ: it is where most of its mentions in the
    whole store are (``place_counts``), not most of the filtered ones."""
    from datetime import date

    from components.query import actors, counts, geography, sql

    s = _store_with_places_everywhere(tmp_path / "places.duckdb")
    filters = (Filter(actors=("Lee Park",)), Filter(actors=("Tom Reyes",)), Filter(places=("Springfield",)),
               Filter(countries=("US",)), Filter(countries=("GB", "KE")), Filter(date_from=date(2024, 3, 4)),
               Filter(date_from=date(2024, 3, 2), date_to=date(2024, 4, 2)), Filter(sources=("gazette",)),
               Filter(text="Springfield"), Filter(sources=("wire",), date_to=date(2024, 3, 31)),
               Filter(actors=("Jane Okafor", "Lee Park"), countries=("US", "GB"), text="in"))

    def views(f: Filter) -> tuple:
        spots = query.places(s, f)
        ranked = spots.drop(columns=["feature", "lat", "lon"]).sort_values(
            ["n_mentions", "name", "country_code"], ascending=[False, True, True], ignore_index=True)
        profile = pd.concat([query.actor_places(s, who, f).assign(actor=who)
                             for who in ("Jane Okafor", "Lee Park", "Tom Reyes")]).sort_values(
            ["actor", "n_articles", "name", "country_code"], ascending=[True, False, True, True], ignore_index=True)
        return ranked, spots, query.countries(s, f), query.overview(s, f)["places"], profile

    assert sql.place_rows_serve(s)
    fast = [views(f) for f in filters]
    spot = {(r.name, r.country_code): (r.feature, r.lat, r.lon) for r in query.places(s, Filter()).itertuples()}
    for _, spots, *_ in fast:  # every place at its corpus-wide spot
        assert [spot[r.name, r.country_code] for r in spots.itertuples()] == list(
            zip(spots["feature"], spots["lat"], spots["lon"]))
    for module in (geography, counts, actors):
        monkeypatch.setattr(module, "place_rows_serve", lambda store: False)
    slow = [views(f) for f in filters]
    for f, (ranked, _, per_country, n_places, profile), (ranked_slow, _, per_country_slow, n_places_slow,
                                                         profile_slow) in zip(filters, fast, slow):
        assert ranked.equals(ranked_slow) and per_country.equals(per_country_slow) and n_places == n_places_slow, f
        assert profile.equals(profile_slow), f
    assert sum(len(v[4]) > 0 for v in fast) >= 5
    assert all(len(v[0]) and len(v[2]) for v in fast[:5])
    assert fast[3][2]["n_mentions"].tolist() == [6] and fast[3][3] == 2  # the street among the mentions, not a name
    lee_park = 0  # the filtered mentions of Springfield are at the spot of one mention in three
    assert fast[lee_park][1].set_index("name").loc["Springfield", "lat"] == pytest.approx(37.2)
    assert slow[lee_park][1].set_index("name").loc["Springfield", "lat"] == pytest.approx(39.8)


def test_a_place_inside_an_organisation_name_is_stored_but_neither_drawn_nor_counted(tmp_path, monkeypatch):
    """"Kenya" of "the Bank of Kenya" stays in ``places`` with the organisation's name, but no
    map, count, place list or place/country filter takes it: with no filter (the kept counts),
    under one (the rows per article) and while those lag (every mention)."""
    from components.query import counts, geography, sql
    from components.records import Article, Extraction, Place

    text = "The Bank of Kenya met in Oslo."
    kenya = Place(12, 17, "Kenya", name="Kenya", country_code="KE", lat=1.0, lon=38.0, geonameid=192950,
                  feature="country", in_organisation="Bank of Kenya")
    oslo = Place(25, 29, "Oslo", name="Oslo", country_code="NO", lat=59.9, lon=10.7, geonameid=3143244,
                 feature="city")
    s = Store(tmp_path / "org.duckdb")
    s.write([Extraction(Article.from_text(text, source="wire"), "v1", [], [kenya, oslo], [])])
    s.rebuild_actors()
    assert s.query("SELECT text, coalesce(in_organisation, '') FROM places ORDER BY idx").values.tolist() == [
        ["Kenya", "Bank of Kenya"], ["Oslo", ""]]

    def looks() -> list:
        return [(query.places(s, f)["name"].tolist(), query.countries(s, f)["country_code"].tolist(),
                 query.overview(s, f)["places"]) for f in (Filter(), Filter(sources=("wire",)))] + [
            query.overview(s, Filter(countries=("KE",)))["articles"], query.overview(s, Filter(places=("Kenya",)))["articles"],
            query.choices(s)["places"], query.choices(s)["countries"]]

    expected = [(["Oslo"], ["NO"], 1), (["Oslo"], ["NO"], 1), 0, 0, ["Oslo"], ["NO"]]
    assert looks() == expected
    for module in (geography, counts):
        monkeypatch.setattr(module, "place_rows_serve", lambda store: False)
    assert looks() == expected
    s.write([Extraction(Article.from_text("Bank of Kenya staff in Oslo.", source="wire"), "v1", [],
                        [Place(8, 13, "Kenya", name="Kenya", country_code="KE", lat=1.0, lon=38.0,
                               in_organisation="Bank of Kenya")], [])])
    s.rebuild_actors()  # the incremental count leaves it out too
    assert query.places(s, Filter())["name"].tolist() == ["Oslo"] and sql.place_rows_serve(s)
