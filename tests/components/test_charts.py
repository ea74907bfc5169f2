"""Chart builders: ids in customdata (what a click or box selection maps back to a Filter),
colours by actor type, a deterministic network, an offline map, and a note instead of an
exception for empty frames. Also the country outlines the map draws."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from components import charts
from components.outlines import country_outlines, outline_codes, outlines_for


@pytest.fixture
def top_actors() -> pd.DataFrame:
    return pd.DataFrame({
        "actor": ["Lena Marsh", "Harbour Council", "Norway", "Fishers", "Mystery"],
        "actor_type": ["person", "organization", "state", "group", None],
        "n_mentions": [12, 9, 5, 3, 1],
        "n_articles": [6, 4, 3, 2, 1],
        "n_quotes": [4, 0, 0, 1, 0],
    })


@pytest.fixture
def edges() -> pd.DataFrame:
    return pd.DataFrame({"source": ["Harbour Council", "Harbour Council", "Lena Marsh"],
                         "target": ["Lena Marsh", "Norway", "Tom Reyes"],
                         "n_articles": [5, 2, 1]})


@pytest.fixture
def places() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Oslo", "Lima", "Nowhere"],
        "country_code": ["NO", "PE", None],
        "feature": ["city", "city", "other"],
        "lat": [59.91, -12.04, np.nan],
        "lon": [10.75, -77.03, np.nan],
        "n_mentions": [10, 4, 2],
        "n_articles": [5, 2, 1],
    })


@pytest.fixture
def days() -> pd.DataFrame:
    return pd.DataFrame({"day": pd.to_datetime(["2024-09-03", "2024-09-05", "2024-09-06"]),
                         "n_articles": [2, 1, 3], "n_mentions": [9, 4, 12]})


def _annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


# --- empty frames -----------------------------------------------------------------------------

EMPTY_CASES = [
    lambda: charts.actors_bar(pd.DataFrame(columns=["actor", "actor_type", "n_mentions",
                                                    "n_articles", "n_quotes"])),
    lambda: charts.network(pd.DataFrame(columns=["source", "target", "n_articles"]),
                           pd.DataFrame(columns=["actor", "actor_type", "n_mentions"])),
    lambda: charts.places_map(pd.DataFrame(columns=["name", "country_code", "feature", "lat",
                                                    "lon", "n_mentions", "n_articles"])),
    lambda: charts.places_map(pd.DataFrame({"name": ["X"], "lat": [None], "lon": [None],
                                            "n_mentions": [1]})),
    lambda: charts.timeline(pd.DataFrame(columns=["day", "n_articles", "n_mentions"]), None),
    lambda: charts.bars(pd.DataFrame(columns=["day", "n_articles"]), "day", "n_articles"),
    lambda: charts.actors_bar(pd.DataFrame()),            # not even the columns
]


@pytest.mark.parametrize("build", EMPTY_CASES)
def test_empty_frame_gives_a_note_not_an_exception(build):
    fig = build()
    assert isinstance(fig, go.Figure)
    assert charts.EMPTY_MESSAGE in _annotations(fig)
    assert len(fig.data) == 0


# --- actors -----------------------------------------------------------------------------------

def test_actor_bars_carry_the_actor_name_and_field(top_actors):
    fig = charts.actors_bar(top_actors)
    seen = {}
    for trace in fig.data:
        assert trace.type == "bar" and trace.orientation == "h"
        for y, cd in zip(trace.y, trace.customdata):
            assert cd[0] == y and cd[1] == "actors"
            seen[cd[0]] = cd
    assert set(seen) == set(top_actors["actor"])
    assert seen["Lena Marsh"][2:] == [6, 4]        # articles, quotes for the hover


def test_actor_bars_are_coloured_by_type_with_a_legend(top_actors):
    fig = charts.actors_bar(top_actors)
    by_name = {t.name: t for t in fig.data}
    assert list(by_name) == ["Person", "Organization", "State", "Group", "Other"]
    assert by_name["Person"].marker.color == charts.TYPE_COLOURS["person"]
    assert by_name["State"].marker.color == charts.TYPE_COLOURS["state"]
    assert by_name["Other"].marker.color == charts.UNTYPED_COLOUR
    assert list(by_name["Other"].y) == ["Mystery"]
    assert len(set(charts.TYPE_COLOURS.values()) | {charts.UNTYPED_COLOUR}) == 5


def test_most_mentioned_actor_is_drawn_at_the_top(top_actors):
    fig = charts.actors_bar(top_actors)
    # plotly draws the first category of a y axis at the bottom
    assert list(fig.layout.yaxis.categoryarray)[-1] == "Lena Marsh"
    assert fig.layout.clickmode == "event+select"


# --- network ----------------------------------------------------------------------------------

def _node_positions(fig: go.Figure) -> dict[str, tuple[float, float]]:
    out = {}
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            for x, y, cd in zip(trace.x, trace.y, trace.customdata):
                out[cd[0]] = (x, y)
    return out


def test_network_nodes_carry_actor_names_and_include_every_actor(edges, top_actors):
    fig = charts.network(edges, top_actors)
    nodes = _node_positions(fig)
    # every listed actor (linked or not) and every edge end is a node
    assert set(nodes) == set(top_actors["actor"]) | {"Tom Reyes"}
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            assert all(cd[1] == "actors" for cd in trace.customdata)
    tom = [t for t in fig.data if t.mode and "markers" in t.mode and "Tom Reyes" in t.text][0]
    assert tom.marker.color == charts.UNTYPED_COLOUR
    lines = [t for t in fig.data if t.mode == "lines"]
    assert lines and all(t.hoverinfo == "skip" for t in lines)


def test_network_layout_is_deterministic_whatever_the_row_order(edges, top_actors):
    a = _node_positions(charts.network(edges, top_actors))
    b = _node_positions(charts.network(edges.iloc[::-1], top_actors.sample(frac=1, random_state=3)))
    assert a == b
    xs = [p[0] for p in a.values()]
    assert len({round(x, 6) for x in xs}) > 1          # not all on one spot
    assert max(abs(v) for p in a.values() for v in p) <= 1.0 + 1e-9


def test_network_puts_unlinked_actors_below_the_linked_ones(edges, top_actors):
    nodes = _node_positions(charts.network(edges, top_actors))
    linked = {"Harbour Council", "Lena Marsh", "Norway", "Tom Reyes"}
    lowest_linked = min(nodes[n][1] for n in linked)
    assert all(nodes[n][1] < lowest_linked for n in ("Fishers", "Mystery"))


def test_network_with_actors_but_no_edges_still_shows_the_actors(top_actors):
    fig = charts.network(pd.DataFrame(columns=["source", "target", "n_articles"]), top_actors)
    assert set(_node_positions(fig)) == set(top_actors["actor"])


# --- map --------------------------------------------------------------------------------------

def test_map_has_outlines_shaded_countries_and_place_circles(places):
    fig = charts.places_map(places)
    assert [t.type for t in fig.data] == ["choroplethmap", "choroplethmap", "scattermap"]
    circles = fig.data[2]
    assert circles.mode == "markers"                   # no text drawn on the map layer
    assert [cd[0] for cd in circles.customdata] == ["Oslo", "Lima"]   # no coordinates: left out
    assert all(cd[1] == "places" for cd in circles.customdata)
    assert circles.marker.size[0] > circles.marker.size[1]            # sized by mentions
    shaded = fig.data[1]
    # countries summed from the places when no countries frame is given
    assert dict(zip(shaded.locations, shaded.z)) == {"NO": 10, "PE": 4}
    assert [cd[:2] for cd in shaded.customdata] == [["NO", "countries"], ["PE", "countries"]]


def test_map_uses_the_countries_frame_when_given(places):
    countries = pd.DataFrame({"country_code": ["NO", "SE"], "n_mentions": [7, 2], "n_articles": [3, 1]})
    shaded = charts.places_map(places, countries).data[1]
    assert dict(zip(shaded.locations, shaded.z)) == {"NO": 7, "SE": 2}
    assert {f["id"] for f in shaded.geojson["features"]} == {"NO", "SE"}


def test_map_of_countries_without_placed_points_still_shades_them():
    no_places = pd.DataFrame(columns=["name", "country_code", "feature", "lat", "lon",
                                      "n_mentions", "n_articles"])
    countries = pd.DataFrame({"country_code": ["FR"], "n_mentions": [4], "n_articles": [2]})
    fig = charts.places_map(no_places, countries)
    assert [t.type for t in fig.data] == ["choroplethmap", "choroplethmap", "scattermap"]
    assert list(fig.data[1].locations) == ["FR"] and len(fig.data[2].lat) == 0


def test_map_is_offline_and_fitted_to_the_places(places):
    fig = charts.places_map(places)
    assert fig.layout.map.style == "white-bg"
    assert not fig.layout.map.layers                   # no tile or vector sources
    layout = json.dumps(fig.layout.to_plotly_json())
    assert "http" not in layout
    assert fig.data[0].geojson["type"] == "FeatureCollection"   # outlines inline
    assert -12.1 < fig.layout.map.center.lat < 59.9
    assert -77.1 < fig.layout.map.center.lon < 10.8
    near = charts.places_map(places.iloc[:1])
    assert near.layout.map.zoom > fig.layout.map.zoom   # one city: zoomed in closer


# --- timeline and bars ------------------------------------------------------------------------

def test_timeline_bars_carry_iso_days_and_drag_selects_dates(days):
    fig = charts.timeline(days)
    bars = fig.data[0]
    assert bars.type == "bar"
    assert [cd for cd in bars.customdata] == [["2024-09-03", "days"], ["2024-09-05", "days"],
                                              ["2024-09-06", "days"]]
    assert fig.layout.dragmode == "select"
    assert fig.layout.xaxis.type == "date"


def test_timeline_lines_per_actor_fill_days_without_mentions_with_zero(days):
    by_actor = pd.DataFrame({"day": pd.to_datetime(["2024-09-03", "2024-09-06", "2024-09-05"]),
                             "actor": ["Lena Marsh", "Lena Marsh", "Norway"],
                             "n_mentions": [3, 2, 1]})
    fig = charts.timeline(days, by_actor)
    lines = {t.name: t for t in fig.data if t.type == "scatter"}
    assert list(lines) == ["Lena Marsh", "Norway"]       # most mentioned first
    lena = lines["Lena Marsh"]
    assert list(lena.x) == ["2024-09-03", "2024-09-04", "2024-09-05", "2024-09-06"]
    assert list(lena.y) == [3, 0, 0, 2]
    assert lena.customdata[0] == ["2024-09-03", "days", "Lena Marsh"]
    assert lena.yaxis == "y2"


def test_bars_of_days_use_iso_days_in_frame_order():
    frame = pd.DataFrame({"day": pd.to_datetime(["2024-10-06", "2024-09-27"]), "n_articles": [4, 3]})
    fig = charts.bars(frame, "day", "n_articles", title="Busiest days")
    trace = fig.data[0]
    assert list(trace.x) == ["2024-10-06", "2024-09-27"]
    assert [cd for cd in trace.customdata] == [["2024-10-06", "days"], ["2024-09-27", "days"]]
    assert list(fig.layout.xaxis.categoryarray) == ["2024-10-06", "2024-09-27"]
    assert fig.layout.title.text == "Busiest days"


def test_bars_name_the_filter_field_when_told(places):
    fig = charts.bars(places, "name", "n_mentions", field="places", horizontal=True)
    assert [cd for cd in fig.data[0].customdata][0] == ["Oslo", "places"]
    assert fig.data[0].orientation == "h"


# --- outlines ---------------------------------------------------------------------------------

def test_country_outlines_are_keyed_by_iso_alpha2():
    geo = country_outlines()
    assert geo["type"] == "FeatureCollection"
    ids = [f["id"] for f in geo["features"]]
    assert len(ids) == len(set(ids)) > 150
    assert all(len(i) == 2 and i.isupper() for i in ids)
    france = next(f for f in geo["features"] if f["id"] == "FR")
    assert france["properties"]["name"] == "France"
    assert france["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert country_outlines() is geo                   # built once
    assert {"FR", "NO", "PE"} <= outline_codes()


def test_outlines_for_keeps_only_the_asked_countries():
    sub = outlines_for(["no", "PE", "ZZ"])
    assert sorted(f["id"] for f in sub["features"]) == ["NO", "PE"]


def test_names_from_articles_are_drawn_as_text_not_markup(places):
    name = '<a href="http://evil.example">Lena</a>'
    top = pd.DataFrame({"actor": [name], "actor_type": ["person"], "n_mentions": [3],
                        "n_articles": [1], "n_quotes": [0]})
    bar = charts.actors_bar(top).data[0]
    assert bar.customdata[0][0] == name                # the id stays exactly as stored
    assert list(bar.y) == ['&lt;a href="http://evil.example"&gt;Lena&lt;/a&gt;']
    node = charts.network(pd.DataFrame(columns=["source", "target", "n_articles"]), top).data[0]
    assert "<a" not in node.text[0] and node.customdata[0][0] == name
    spot = charts.places_map(places.assign(name=["<b>Oslo</b>", "Lima", "Nowhere"])).data[2]
    assert spot.text[0] == "&lt;b&gt;Oslo&lt;/b&gt;" and spot.customdata[0][0] == "<b>Oslo</b>"
    assert charts.bars(top, "actor", "n_mentions", title="Mentions of <i>x</i>").layout.title.text \
        == "Mentions of &lt;i&gt;x&lt;/i&gt;"
