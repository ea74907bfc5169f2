"""Country outlines for the offline map, from the installed ``countryinfo`` package.

The map draws countries as a ``go.Choroplethmap`` whose GeoJSON comes from this machine, never
from a tile server or a CDN: inline in a figure that must stand alone (exports), or, in the app, as
:func:`outlines_geojson` served by the app's own server at a URL the figure names (the browser
reads it once per page instead of with every map's figure). ``countryinfo`` ships one low-resolution outline per country
(173 of its entries have one; a few, such as Hungary or Serbia, have none); they are read once
per process.

Each ring of an outline is a read-only numpy array of ``[lon, lat]`` rows rather than a list of
lists: plotly deep-copies a figure's data when it builds the figure and again when Streamlit
serialises it, and ~28,000 small lists made that most of a map page's time (an array is copied
in one step; plotly's JSON writer turns it back into the same numbers).
"""
from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

# Decimal places kept in outline coordinates: 3 (about 100 m) is far finer than the outlines
# themselves and cuts the GeoJSON from about 270 kB to about 190 kB.
COORD_DECIMALS = 3


def _rings(coords, ndigits: int):
    """``coords`` (a GeoJSON Polygon's or MultiPolygon's nested lists, down to [lon, lat]) with
    each ring (a list of points) as a read-only float array of shape (points, 2), every number
    rounded to ``ndigits``; the lists around the rings stay lists."""
    first = coords[0] if coords else None
    if isinstance(first, (list, tuple)) and first and not isinstance(first[0], (list, tuple)):
        ring = np.round(np.asarray(coords, dtype=float), ndigits)
        ring.setflags(write=False)
        return ring
    return [_rings(c, ndigits) for c in coords]


@lru_cache(maxsize=1)
def country_outlines() -> dict:
    """All country outlines that ``countryinfo`` has, as one GeoJSON FeatureCollection.

    Returns:
        ``{"type": "FeatureCollection", "features": [...]}`` with one feature per country, whose
        ``id`` is the ISO 3166-1 alpha-2 code (``"FR"``) and whose ``properties`` hold ``name``;
        each ring of a geometry's ``coordinates`` is a read-only (points, 2) float array of
        ``[lon, lat]``. Built once per process; treat it as read-only (it is shared).
    """
    import countryinfo

    features: dict[str, dict] = {}
    for country in countryinfo.all_countries():
        code = (country.iso(2) or "").upper()
        geo = country.geo_json() or {}
        if not code or code in features:
            continue
        for feature in geo.get("features", []):
            geometry = feature.get("geometry") or {}
            if geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            features[code] = {
                "type": "Feature",
                "id": code,
                "properties": {"name": country.name()},
                "geometry": {"type": geometry["type"],
                             "coordinates": _rings(geometry["coordinates"], COORD_DECIMALS)},
            }
            break
    return {"type": "FeatureCollection", "features": [features[c] for c in sorted(features)]}


@lru_cache(maxsize=1)
def outline_codes() -> frozenset[str]:
    """The ISO alpha-2 codes that :func:`country_outlines` has an outline for."""
    return frozenset(f["id"] for f in country_outlines()["features"])


def outlines_for(codes) -> dict:
    """A FeatureCollection with only the outlines of ``codes`` (an iterable of ISO alpha-2
    codes; unknown codes are skipped), so a figure carries no more GeoJSON than it shows."""
    wanted = {str(c).upper() for c in codes}
    return {"type": "FeatureCollection",
            "features": [f for f in country_outlines()["features"] if f["id"] in wanted]}


@lru_cache(maxsize=1)
def outlines_geojson() -> bytes:
    """:func:`country_outlines` as compact GeoJSON text (UTF-8), for a server to send: encoded
    once per process."""
    return json.dumps(country_outlines(), separators=(",", ":"), ensure_ascii=False,
                      default=lambda ring: ring.tolist()).encode("utf-8")
