"""components.charts.outlines: the country outlines the map draws, keyed by ISO alpha-2, built once."""
from __future__ import annotations

from components.charts.outlines import country_outlines, outline_codes, outlines_for


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
