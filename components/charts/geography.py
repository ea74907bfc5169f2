"""The map of places mentioned (:func:`places_map`): circles over country outlines shaded by
mentions, drawn with no tile server (the outlines come from :mod:`.outlines`, inline or from a URL
of the app's own server; :func:`standalone` puts them inline for a file that must stand alone)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import make_colorscale, sequential

from .columns import ints, is_empty
from .outlines import country_outlines, outlines_for
from .style import empty_figure, escaped, scaled, styled_figure

PLACE_COLOUR = "#D55E00"         # map circles (vermillion, distinct from the blue shading)
OUTLINE_FILL = "#EEEEEE"         # countries without mentions
OUTLINE_LINE = "#B0B0B0"
#: Countries shaded from light (few mentions) to dark (many): ColorBrewer's "Blues" as plotly.py
#: lists it, given as colours (plotly.js reads the name "Blues" the other way round).
COUNTRY_SCALE = make_colorscale(sequential.Blues)
WORLD_VIEW = ({"lat": 20.0, "lon": 10.0}, 0.6)   # map centre and zoom with no place to fit
#: How far the map pans and zooms out: the world once, never its copies side by side (MapLibre's
#: maxBounds). Longitudes stop short of ±180°, which MapLibre would wrap into an empty box.
WORLD_BOUNDS = {"west": -179.99, "east": 179.99, "south": -85.0, "north": 85.0}
MARKER_MIN, MARKER_MAX = 7, 38     # map circle diameters (px), area ∝ mentions


def _fit(lat: np.ndarray, lon: np.ndarray) -> tuple[dict, float]:
    """Map centre and zoom that show every point, for a map about 700 × 450 px."""
    lat = np.clip(lat, -80, 80)
    merc = np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))
    lon_span = max(float(lon.max() - lon.min()), 1e-6)
    merc_span = max(float(merc.max() - merc.min()), 1e-6)
    # At zoom z the 512-px world spans 360° over 512·2^z px; keep a margin around the points.
    zoom = min(math.log2(360 * 700 / 512 / (lon_span * 1.3)),
               math.log2(360 * 450 / 512 / (merc_span * 1.3)))
    centre_merc = (merc.max() + merc.min()) / 2
    centre_lat = math.degrees(math.atan(math.sinh(math.radians(centre_merc))))
    return ({"lat": centre_lat, "lon": float((lon.max() + lon.min()) / 2)},
            float(min(max(zoom, 0.3), 5.0)))


def places_map(frame: pd.DataFrame, countries: pd.DataFrame | None = None, *,
               title: str = "Places mentioned", outlines_url: str | None = None) -> go.Figure:
    """Map of :func:`components.query.places` (the world once: it pans and zooms out no further,
    :data:`WORLD_BOUNDS`): circles sized by mentions over country outlines
    shaded by mentions, with no tile server (offline); customdata = place name.

    Args:
        frame: columns name, country_code, feature, lat, lon, n_mentions, n_articles; rows
            without coordinates are left out.
        countries: columns country_code, n_mentions, n_articles (as
            :func:`components.query.countries`); if None, summed from ``frame``. Countries
            alone (no place with coordinates) still give a map of shaded countries.
        title: the chart title.
        outlines_url: where the browser drawing the figure reads the country outlines (a URL of
            the app's own server sending :func:`~.outlines.outlines_geojson`): the figure then
            names it instead of carrying ~190 kB of GeoJSON, which plotly copies and serialises
            whenever a figure is built and sent. None: inline (see :func:`standalone`).
    Returns:
        Trace 0: every known country outline in light grey (background, not clickable);
        trace 1: countries with mentions shaded by mentions, customdata
        ``[code, "countries", name, n_mentions]``; trace 2: the places as circles whose area
        grows with mentions, customdata ``[name, "places", country_code, n_mentions,
        n_articles]``. ``map_style="white-bg"`` (no tiles, no glyphs), view fitted to the places.
    """
    df = frame if not is_empty(frame, "name", "lat", "lon") else None
    if df is not None:
        df = df.dropna(subset=["lat", "lon"])
    has_countries = not is_empty(countries, "country_code")
    if (df is None or df.empty) and not has_countries:
        return empty_figure(title)
    if df is None:
        df = pd.DataFrame({"name": [], "lat": [], "lon": []})
    df = df.reset_index(drop=True)
    mentions = ints(df["n_mentions"]) if "n_mentions" in df else np.ones(len(df), int)
    n_articles = ints(df["n_articles"]) if "n_articles" in df else mentions
    codes = df["country_code"] if "country_code" in df else pd.Series([None] * len(df))
    per_country = _mentions_per_country(countries if has_countries else None, codes, mentions)
    traces = _country_traces(per_country, outlines_url)
    traces.append(_circles(df, codes, mentions, n_articles))
    if len(df):
        centre, zoom = _fit(df["lat"].astype(float).to_numpy(), df["lon"].astype(float).to_numpy())
    else:
        centre, zoom = WORLD_VIEW
    return styled_figure(traces, title, height=520, map=dict(style="white-bg", center=centre, zoom=zoom,
                                                                 bounds=WORLD_BOUNDS),
                         margin=dict(l=0, r=0, t=56, b=0))


def _circles(df: pd.DataFrame, codes: pd.Series, mentions: np.ndarray, n_articles: np.ndarray) -> dict:
    """The trace of the places ``df`` (name, lat, lon) as circles whose area grows with
    ``mentions``; customdata ``[name, "places", country code (of ``codes``), mentions, articles]``."""
    # arrays, not lists: plotly copies a figure's data twice, an array in one step
    customdata = np.empty((len(df), 5), dtype=object)
    customdata[:, 0] = df["name"].astype(str).to_numpy()
    customdata[:, 1] = "places"
    customdata[:, 2] = [c if isinstance(c, str) else "" for c in codes]
    customdata[:, 3], customdata[:, 4] = mentions.astype(int), n_articles.astype(int)
    return dict(
        type="scattermap", mode="markers",
        lat=df["lat"].to_numpy(dtype=float), lon=df["lon"].to_numpy(dtype=float),
        marker=dict(size=scaled(mentions, MARKER_MIN, MARKER_MAX), color=PLACE_COLOUR, opacity=0.75),
        customdata=customdata,
        text=np.array([escaped(n) for n in df["name"]], dtype=object),
        hovertemplate=("<b>%{text}</b> %{customdata[2]}<br>%{customdata[3]} mentions"
                       " in %{customdata[4]} articles<extra></extra>"),
        name="places", showlegend=False,
    )


def _mentions_per_country(countries: pd.DataFrame | None, codes: pd.Series, mentions: np.ndarray) -> pd.DataFrame:
    """Columns country_code (upper case), n_mentions: ``countries`` when given (n_mentions as ints,
    1 when it has none), else the place ``mentions`` summed per country ``codes``."""
    if countries is None:
        per_country = (pd.DataFrame({"country_code": codes, "n_mentions": mentions})
                       .dropna(subset=["country_code"])
                       .groupby("country_code", as_index=False)["n_mentions"].sum())
    else:
        per_country = countries.dropna(subset=["country_code"]).copy()
        per_country["n_mentions"] = (ints(per_country["n_mentions"]) if "n_mentions" in per_country
                                     else 1)
    return per_country.assign(country_code=per_country["country_code"].astype(str).str.upper())


def _country_traces(per_country: pd.DataFrame, outlines_url: str | None) -> list[dict]:
    """Trace 0: every known outline in light grey (not clickable); trace 1: the countries of
    ``per_country`` that have an outline, shaded by mentions (an empty trace when none, so the
    numbering stays stable). Their GeoJSON: ``outlines_url`` when given, else inline (trace 1
    only the outlines it shades)."""
    outlines = country_outlines()
    names = {f["id"]: f["properties"]["name"] for f in outlines["features"]}
    shaded = per_country[per_country["country_code"].isin(names.keys())]
    traces: list[dict] = []
    traces.append(dict(
        type="choroplethmap", geojson=outlines_url or outlines, locations=[f["id"] for f in outlines["features"]],
        z=[0] * len(outlines["features"]), colorscale=[[0, OUTLINE_FILL], [1, OUTLINE_FILL]],
        showscale=False, marker_line=dict(width=0.5, color=OUTLINE_LINE), hoverinfo="skip",
        customdata=[[f["id"], "countries"] for f in outlines["features"]],
        name="countries", showlegend=False,
    ))
    if len(shaded):
        traces.append(dict(
            type="choroplethmap", geojson=outlines_url or outlines_for(shaded["country_code"]),
            locations=shaded["country_code"].tolist(),
            z=shaded["n_mentions"].tolist(), colorscale=COUNTRY_SCALE, zmin=0,
            marker_opacity=0.75, marker_line=dict(width=0.5, color=OUTLINE_LINE),
            colorbar=dict(title=dict(text="Mentions<br>per country", font=dict(size=12)),
                          thickness=10, len=0.4, x=0.01, xanchor="left", y=0.03, yanchor="bottom",
                          bgcolor="rgba(255,255,255,0.85)", tickfont=dict(size=11)),
            customdata=[[c, "countries", names[c], int(n)]
                        for c, n in zip(shaded["country_code"], shaded["n_mentions"])],
            hovertemplate="<b>%{customdata[2]}</b><br>%{z} mentions<extra></extra>",
            name="countries", showlegend=False,
        ))
    else:
        # keep trace numbering stable: trace 1 is always the shaded countries
        traces.append(dict(type="choroplethmap", geojson=outlines_url or outlines_for([]), locations=[], z=[],
                           showscale=False, name="countries", showlegend=False))
    return traces


def standalone(fig: go.Figure) -> go.Figure:
    """``fig`` as a file must carry it (an export, drawn where no app serves the outlines): a copy
    whose map outlines named by URL (:func:`places_map`'s ``outlines_url``) are inline, each
    trace with the outlines of its locations; ``fig`` itself when it names none."""
    named = [i for i, t in enumerate(fig.data) if t.type == "choroplethmap" and isinstance(t.geojson, str)]
    if not named:
        return fig
    copy = go.Figure(fig.to_dict(), _validate=False)  # (as :func:`~.style.styled_figure` built it)
    for i in named:
        copy.data[i].geojson = outlines_for(copy.data[i].locations or [])
    return copy
