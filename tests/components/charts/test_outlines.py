"""components.charts.outlines: the country outlines the map draws, keyed by ISO alpha-2, built once."""
from __future__ import annotations

import json

from components.charts.outlines import country_outlines, outline_codes, outlines_for, outlines_geojson


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


def test_outlines_geojson_is_the_outlines_as_text():
    sent = json.loads(outlines_geojson())
    held = country_outlines()
    assert [f["id"] for f in sent["features"]] == [f["id"] for f in held["features"]]
    norway = next(f for f in sent["features"] if f["id"] == "NO")
    rings = next(f for f in held["features"] if f["id"] == "NO")["geometry"]["coordinates"]
    first = rings[0][0] if norway["geometry"]["type"] == "MultiPolygon" else rings[0]
    sent_first = norway["geometry"]["coordinates"][0]
    sent_first = sent_first[0] if norway["geometry"]["type"] == "MultiPolygon" else sent_first
    assert sent_first == first.tolist() and isinstance(sent_first[0][0], float)
    assert outlines_geojson() is outlines_geojson()    # encoded once
