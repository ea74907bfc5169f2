"""components.store.place_picks through the store: an analyst takes a place name as another of
the gazetteer's places (everywhere or in one article), and every count, filter, reader and export
follows; undo gives back what the machine chose; re-extraction, new articles and a shared file
keep the pick."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from components import query
from components.filters import Filter
from components.store import CorrectionError, Store
from components.store.corrections import PLACE_FEATURES, PLACE_FIELDS, from_file, picked_place, place_value
from tests.components.query.five_articles import ALL, ID
from tests.components.store.test_correcting import corrected_views

#: Places the five articles' names may stand for (the gazetteer's, as a pick holds them).
LONDON_ONTARIO = dict(name="London", country_code="CA", lat=42.98339, lon=-81.23304, geonameid=6058560, feature="city")
PARIS_TEXAS = dict(name="Paris", country_code="US", lat=33.66094, lon=-95.55551, geonameid=4717560, feature="city")


def london(store: Store, f: Filter = Filter()) -> list[tuple]:
    """(country, mentions, articles) of each "London" the Map page lists."""
    places = query.places(store, f)
    return sorted(places[places["name"] == "London"][["country_code", "n_mentions", "n_articles"]]
                  .itertuples(index=False, name=None))


def test_a_pick_everywhere_moves_the_place_in_every_view_and_export(store: Store, tmp_path: Path):
    rows = store.summary()["places"]
    c = store.correct("place_pick", "london", LONDON_ONTARIO, by="ana")  # (any case)
    assert c.describe() == 'take the place "London" as London (CA, 42.98, -81.23) everywhere'
    assert london(store) == [("CA", 2, 2)] and london(store, Filter(sources=("wire",))) == [("CA", 2, 2)]
    countries = dict(query.countries(store, Filter())[["country_code", "n_mentions"]].values.tolist())
    assert "GB" not in countries and countries["CA"] == 2
    assert set(query.articles(store, Filter(countries=("CA",)))["article_id"]) == {ID["A1"], ID["A4"]}
    assert query.articles(store, Filter(countries=("GB",))).empty
    reader = query.article(store, ID["A1"])["places"]
    assert reader[["text", "name", "country_code"]].values.tolist() == [["London", "London", "CA"]]
    assert store.summary()["places"] == rows  # rows changed, none added or deleted
    folder = store.export_parquet(tmp_path / "export")[0].parent
    exported = pq.read_table(folder / "places.parquet").to_pandas().set_index("article_id")
    assert exported.loc[ID["A1"], "country_code"] == "CA" and exported.loc[ID["A1"], "machine"]["country_code"] == "GB"
    assert exported.loc[ID["A2"], "machine"] is None  # (Paris: no pick)


def test_a_pick_in_one_article_and_a_later_one_everywhere(store: Store):
    here = store.correct("place_pick", "London", LONDON_ONTARIO, article_id=ID["A4"])
    assert here.describe().endswith(f"in article {ID['A4']}")
    assert london(store) == [("CA", 1, 1), ("GB", 1, 1)]
    everywhere = store.correct("place_pick", "Paris", PARIS_TEXAS)
    assert set(query.places(store, Filter()).set_index("name").loc[["Paris"], "country_code"]) == {"US"}
    store.correct("place_pick", "London", {**LONDON_ONTARIO, "lat": 43.0})  # (later: applies over the first)
    assert london(store) == [("CA", 2, 2)]
    assert store.query("SELECT DISTINCT lat FROM places WHERE text = 'London'")["lat"].tolist() == [43.0]
    store.undo_correction(3)
    assert london(store) == [("CA", 1, 1), ("GB", 1, 1)]  # the first pick again
    store.undo_correction(here.id)
    store.undo_correction(everywhere.id)
    rows = store.query("SELECT text, country_code, lat, geonameid, machine FROM places ORDER BY article_id, idx")
    assert rows["machine"].isna().all()  # nothing of the picks left
    assert set(map(tuple, rows[["text", "country_code", "lat", "geonameid"]].values.tolist())) >= {
        ("London", "GB", 51.51, 2643743), ("Paris", "FR", 48.85, 2988507)}
    assert set(rows["country_code"]) == {"GB", "FR", "KE"}


def test_picks_survive_reextraction_and_reach_new_articles(store: Store):
    store.correct("place_pick", "London", LONDON_ONTARIO)
    store.correct("place_pick", "Paris", PARIS_TEXAS, article_id=ID["A2"])
    before = corrected_views(store)
    store.write([replace(x, pipeline_version="v2") for x in ALL])  # every article extracted anew
    store.rebuild_actors()
    assert corrected_views(store) == before
    later = replace(ALL[0], article=replace(ALL[0].article, id="later", text=ALL[0].article.text + " "))
    store.write([later])
    store.rebuild_actors()
    assert london(store) == [("CA", 3, 3)]
    assert store.query("SELECT machine.country_code AS c FROM places WHERE article_id = 'later'")["c"].tolist() == ["GB"]


def test_picks_are_shared_as_a_file(store: Store, tmp_path: Path):
    store.correct("place_pick", "London", LONDON_ONTARIO, article_id=ID["A1"])
    undone = store.correct("place_pick", "Paris", PARIS_TEXAS)
    store.undo_correction(undone.id)
    path = tmp_path / "corrections.json"
    store.export_corrections(path)
    fresh = Store(tmp_path / "fresh.duckdb")
    fresh.write(list(reversed(ALL)))
    fresh.rebuild_actors()
    assert fresh.import_corrections(path) == 2
    assert corrected_views(fresh) == corrected_views(store) and london(fresh) == [("CA", 1, 1), ("GB", 1, 1)]
    broken = path.read_text().replace('\\"lat\\": 42.98339', '\\"lat\\": 420')
    assert broken != path.read_text()
    path.write_text(broken)
    with pytest.raises(ValueError, match="correction 1 is malformed"):
        from_file(path)


@pytest.mark.parametrize(("text", "place", "says"), [
    ("Londn", LONDON_ONTARIO, 'no place "Londn"; did you mean "London"?'),
    ("London", {**LONDON_ONTARIO, "name": " "}, "a name and a point on the globe are needed"),
    ("London", {**LONDON_ONTARIO, "lon": 181}, "a name and a point on the globe are needed"),
    ("London", {**LONDON_ONTARIO, "feature": "planet"}, "unknown feature 'planet'"),
    ("London", {"name": "London"}, "pick one of the gazetteer's places"),
    ("London", "not json", "pick one of the gazetteer's places"),
    ("London", dict(name="London", country_code="GB", lat=51.51, lon=-0.13, geonameid=2643743, feature="city"),
     '"London" is London (GB, 51.51, -0.13) already'),
])
def test_a_pick_that_cannot_be_made_says_why(store: Store, text, place, says):
    with pytest.raises(CorrectionError) as err:
        store.correct("place_pick", text, place)
    assert says in str(err.value) and store.corrections() == []


def test_a_hidden_place_is_not_picked(store: Store):
    store.correct("place_hide", "Paris")
    with pytest.raises(CorrectionError, match='the place "Paris" is hidden already'):
        store.correct("place_pick", "Paris", PARIS_TEXAS)


odd = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8),
                st.lists(st.integers(), max_size=2))
#: Places as a file may hold them: each field valid or odd, some missing, some extra.
files_places = st.fixed_dictionaries({}, optional={
    "name": st.one_of(st.text(max_size=12), odd), "country_code": st.one_of(st.sampled_from(["us", "GB", ""]), odd),
    "lat": st.one_of(st.floats(-90, 90), odd), "lon": st.one_of(st.floats(-180, 180), odd),
    "geonameid": st.one_of(st.integers(-10, 2 ** 70), odd), "feature": st.one_of(st.sampled_from(PLACE_FEATURES), odd),
    "other": odd})


@settings(max_examples=400, deadline=None)
@given(files_places, st.text(max_size=30))
@example({"name": "x", "lat": 0.0, "lon": 0.0, "geonameid": float("inf"), "feature": "city"}, "")  # (found in CI)
def test_a_picked_place_read_from_a_file_is_checked_and_never_breaks(place, raw):
    """A pick's value comes from files teams share: anything is either a place or a ValueError."""
    try:
        value = place_value(place)
    except ValueError:
        value = None
    if value is not None:
        again = picked_place(value)
        assert set(again) == set(PLACE_FIELDS) and again["name"] and -90 <= again["lat"] <= 90
        assert again["geonameid"] is None or 0 < again["geonameid"] < 2 ** 63  # (a BIGINT)
        assert place_value(again) == value
    for text in (raw, json.dumps(place, default=str)):
        try:
            picked_place(text)
        except ValueError:
            pass
