"""components.charts.geography: an offline map of outlines, shaded countries and place circles, fitted to the
places."""
from __future__ import annotations

import json

import pandas as pd

from components import charts


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


def test_map_names_its_outlines_by_url_and_standalone_puts_them_back(places):
    countries = pd.DataFrame({"country_code": ["NO", "SE"], "n_mentions": [7, 2], "n_articles": [3, 1]})
    inline = charts.places_map(places, countries)
    named = charts.places_map(places, countries, outlines_url="/base/dateline-outlines.geojson")
    assert [t.geojson for t in named.data[:2]] == ["/base/dateline-outlines.geojson"] * 2
    assert list(named.data[1].locations) == ["NO", "SE"]          # only these are shaded
    assert len(named.to_json()) < len(inline.to_json()) - 100_000  # ~190 kB of GeoJSON less to send
    alone = charts.standalone(named)
    assert alone is not named and named.data[0].geojson == "/base/dateline-outlines.geojson"  # a copy
    assert json.loads(alone.to_json()) == json.loads(inline.to_json())  # as if drawn inline
    assert charts.standalone(inline) is inline                     # nothing to put back


def test_countries_are_shaded_darker_the_more_they_are_mentioned(places):
    scale = charts.places_map(places).data[1].colorscale
    lightness = [sum(int(v) for v in colour[4:-1].split(",")) for _, colour in scale]
    assert lightness == sorted(lightness, reverse=True) and lightness[0] > lightness[-1]
