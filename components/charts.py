"""Plotly figures for the views: pure functions from query frames to figures, never calling
streamlit. Every trace carries ids in ``customdata`` so that a click or box selection maps
back to a Filter change (:mod:`components.selection`).

The ``customdata`` of every point is a list whose first item is the id the point stands for and
whose second item names the :class:`~components.filters.Filter` field that id belongs to:

========================  =========================================  ===================
chart                     ``customdata[0]``                           ``customdata[1]``
========================  =========================================  ===================
:func:`actors_bar`        actor name                                  ``"actors"``
:func:`network` nodes     actor name                                  ``"actors"``
:func:`places_map`        place name (circles)                        ``"places"``
:func:`places_map`        ISO alpha-2 code (country outlines)         ``"countries"``
:func:`timeline`          ISO day ``"2024-12-02"`` (bars and lines)   ``"days"``
:func:`bars`              the ``x`` value (ISO day for dates)         ``field`` or ``x``
========================  =========================================  ===================

Items after the second only feed hover text. Network edges carry ``[source, target]`` pairs
and are not clickable. An empty frame gives a figure with a "No data for this filter" note,
never an exception. Nothing here fetches anything: the map has no tiles and no text on its map
layer.

Every text given to a builder (titles, names in the frames) is plain text and is escaped here:
plotly reads ``<b>`` or ``<a href>`` in labels as markup. Callers must not escape it themselves.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .outlines import country_outlines, outlines_for

EMPTY_MESSAGE = "No data for this filter"

# Okabe–Ito colours (safe for the common colour-vision deficiencies), one per actor type, in
# legend order; actors without a type are grey.
TYPE_COLOURS = {
    "person": "#0072B2",
    "organization": "#E69F00",
    "state": "#009E73",
    "group": "#CC79A7",
}
UNTYPED_COLOUR = "#999999"
UNTYPED_LABEL = "other"
TYPE_LABELS = {"person": "Person", "organization": "Organization", "state": "State",
               "group": "Group", UNTYPED_LABEL: "Other"}
# Lines of the timeline's top actors (Okabe–Ito without the bar colour, then darker greys).
LINE_COLOURS = ["#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#0072B2", "#F0E442",
                "#000000", "#666666", "#999999"]
BAR_COLOUR = "#9DB9D3"           # timeline and plain bars: a quiet blue behind coloured lines
PLACE_COLOUR = "#D55E00"         # map circles (vermillion, distinct from the blue shading)
OUTLINE_FILL = "#EEEEEE"         # countries without mentions
OUTLINE_LINE = "#B0B0B0"
COUNTRY_SCALE = "Blues"

FONT = dict(family="Helvetica, Arial, sans-serif", size=13, color="#222222")
TITLE_SIZE = 17
WORLD_VIEW = ({"lat": 20.0, "lon": 10.0}, 0.6)   # map centre and zoom with no place to fit
MARKER_MIN, MARKER_MAX = 7, 38     # map circle diameters (px), area ∝ mentions
NODE_MIN, NODE_MAX = 10, 42        # network node diameters (px)
# Axis titles for the frame columns of components.query.
AXIS_LABELS = {"day": "Day", "name": "Place", "actor": "Actor", "country_code": "Country",
               "source": "Source", "n_articles": "Articles", "n_mentions": "Mentions",
               "n_quotes": "Quotes"}
LOOSE_PER_ROW = 6                  # network: actors without a link, per row under the graph
MAX_LINE_DAYS = 1500               # timeline lines get a point for every day up to this span


# ---------------------------------------------------------------------------------------------
# shared pieces


# A small white look, given to every figure when it is made: plotly would otherwise copy its
# large default template into each figure (about 0.1 s a figure).
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "colorway": LINE_COLOURS,
    "xaxis": {"gridcolor": "#EBEBEB", "linecolor": "#BBBBBB", "zeroline": False, "ticks": "",
              "automargin": True, "title": {"standoff": 12}},
    "yaxis": {"gridcolor": "#EBEBEB", "linecolor": "#BBBBBB", "zeroline": False, "ticks": "",
              "automargin": True, "title": {"standoff": 12}},
    "legend": {"bgcolor": "rgba(255,255,255,0.6)"},
}}


def _figure(traces: list[dict], title: str, **layout) -> go.Figure:
    """A figure of ``traces`` (plain dicts with a ``type``) with the common briefing look:
    :data:`TEMPLATE`, readable fonts, title top left, clicks select; ``layout`` adds to or
    overrides the layout.

    Traces and layout are given to the constructor in one go: ``add_trace`` deep-copies each
    trace (the map's outlines make that slow) and ``update_layout`` goes through plotly's
    relayout machinery (tens of ms a figure)."""
    full = {
        "template": TEMPLATE,
        "font": FONT,
        "title": {"text": _label(title), "x": 0.01, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        "margin": {"l": 10, "r": 10, "t": 56, "b": 10},
        "hoverlabel": {"font": {"size": 13}},
        "clickmode": "event+select",
    }
    full.update(layout)
    return go.Figure(data=traces, layout=full)


def empty_figure(title: str = "", *, message: str = EMPTY_MESSAGE) -> go.Figure:
    """A figure with no traces and ``message`` in the middle (for an empty frame).

    Args:
        title: the chart's title, kept so the page layout does not jump.
        message: the note shown.
    Returns:
        The figure (axes hidden).
    """
    note = dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                font=dict(size=16, color="#666666"))
    return _figure([], title, height=320, xaxis=dict(visible=False), yaxis=dict(visible=False),
                   annotations=[note])


def _label(value) -> str:
    """``value`` as text for plotly to draw: plotly reads ``<b>``, ``<a href>``… in labels,
    titles and hover text as markup, so names from articles are escaped and show as written."""
    return html.escape(str(value), quote=False)


def _is_empty(frame: pd.DataFrame | None, *columns: str) -> bool:
    return frame is None or len(frame) == 0 or any(c not in frame.columns for c in columns)


def _type_key(value) -> str:
    return value if isinstance(value, str) and value in TYPE_COLOURS else UNTYPED_LABEL


def type_colour(actor_type: str | None) -> str:
    """The fixed colour of an actor type (grey for None or an unknown type)."""
    return TYPE_COLOURS.get(actor_type or "", UNTYPED_COLOUR)


def _iso_day(value) -> str:
    """``value`` (Timestamp, date, datetime64 or ISO string) as ``YYYY-MM-DD``."""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _ints(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").fillna(0).astype(int).to_numpy()


def _scaled(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Marker diameters between ``lo`` and ``hi`` whose areas grow with ``values``."""
    v = np.sqrt(np.clip(values.astype(float), 0, None))
    top = v.max() if len(v) else 0
    if top <= 0:
        return np.full(len(v), lo)
    return lo + (hi - lo) * v / top


# ---------------------------------------------------------------------------------------------
# actors


def actors_bar(frame: pd.DataFrame, *, title: str = "Most mentioned actors") -> go.Figure:
    """Horizontal bars of :func:`components.query.top_actors`, coloured by actor type;
    customdata = actor name.

    Args:
        frame: columns actor, actor_type, n_mentions, n_articles, n_quotes (most mentioned
            first; the first row is drawn at the top).
        title: the chart title.
    Returns:
        One bar trace per actor type present (so the legend names the types), each point's
        customdata ``[actor, "actors", n_articles, n_quotes]``.
    """
    if _is_empty(frame, "actor", "n_mentions"):
        return empty_figure(title)
    df = frame.reset_index(drop=True).copy()
    df["_type"] = df["actor_type"].map(_type_key) if "actor_type" in df else UNTYPED_LABEL
    for col in ("n_articles", "n_quotes"):
        df[col] = _ints(df[col]) if col in df else 0
    df["n_mentions"] = _ints(df["n_mentions"])
    order = [_label(a) for a in df["actor"]]
    traces: list[dict] = []
    for key in [*TYPE_COLOURS, UNTYPED_LABEL]:
        part = df[df["_type"] == key]
        if part.empty:
            continue
        traces.append(dict(
            type="bar",
            x=part["n_mentions"].tolist(), y=[_label(a) for a in part["actor"]], orientation="h",
            name=TYPE_LABELS[key], marker_color=TYPE_COLOURS.get(key, UNTYPED_COLOUR),
            customdata=[[str(a), "actors", int(n), int(q)] for a, n, q
                        in zip(part["actor"], part["n_articles"], part["n_quotes"])],
            hovertemplate=("<b>%{y}</b><br>%{x} mentions in %{customdata[2]} articles"
                           "<br>%{customdata[3]} quotes<extra>" + TYPE_LABELS[key] + "</extra>"),
        ))
    return _figure(
        traces, title, barmode="stack", height=max(320, 80 + 24 * len(order)),
        legend=dict(title=dict(text="Actor type"), orientation="h", yanchor="bottom", y=1.0,
                    xanchor="right", x=1.0, traceorder="normal"),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], automargin=True),
        xaxis=dict(title=dict(text="Mentions"), rangemode="tozero"))


def _spring_layout(nodes: list[str], edges: list[tuple[str, str, float]], *,
                   iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Deterministic positions for the network: linked actors by a force-directed layout
    (Fruchterman–Reingold, numpy only), actors with no link in rows underneath (or on a circle
    when nothing is linked).

    Args:
        nodes: node names; their sorted order fixes the starting circle, so the same graph
            always gets the same picture, whatever order the frames came in.
        edges: ``(a, b, weight)``; heavier edges pull harder.
        iterations: cooling steps.
    Returns:
        ``{name: (x, y)}`` within [-1, 1] on both axes.
    """
    names = sorted(set(nodes))
    known = set(names)
    linked = sorted({n for a, b, _ in edges if a != b and a in known and b in known for n in (a, b)})
    loose = [n for n in names if n not in set(linked)]
    if not linked:
        return _circle(loose)
    out = _forces(linked, edges, iterations=iterations)
    if loose:
        rows = math.ceil(len(loose) / LOOSE_PER_ROW)
        top = -1.0 + 0.2 * rows               # linked actors above, loose rows below
        out = {n: (x, top + (y + 1) / 2 * (1 - top)) for n, (x, y) in out.items()}
        for r in range(rows):
            row = loose[r * LOOSE_PER_ROW:(r + 1) * LOOSE_PER_ROW]
            xs = np.linspace(-1, 1, len(row) + 2)[1:-1]
            out.update({n: (float(x), -1.0 + 0.2 * (rows - 1 - r)) for n, x in zip(row, xs)})
    return out


def _circle(names: list[str]) -> dict[str, tuple[float, float]]:
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(names)) / len(names)
    return {n: (float(np.cos(a)), float(np.sin(a))) for n, a in zip(names, angle)}


def _forces(names: list[str], edges: list[tuple[str, str, float]], *,
            iterations: int) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold over ``names`` (sorted) from a circle; each axis scaled to [-1, 1]."""
    n = len(names)
    index = {name: i for i, name in enumerate(names)}
    start = _circle(names)
    pos = np.array([start[name] for name in names], dtype=float)
    adj = np.zeros((n, n))
    for a, b, w in edges:
        if a in index and b in index and a != b:
            adj[index[a], index[b]] = adj[index[b], index[a]] = max(adj[index[a], index[b]], w)
    adj = np.where(adj > 0, 0.5 + adj / max(adj.max(), 1e-9), 0.0)   # (0.5, 1.5]: heavier pull harder
    k = 1.6 / math.sqrt(n)                   # ideal distance
    temperature = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.clip(np.hypot(delta[..., 0], delta[..., 1]), 0.01, None)
        force = k * k / dist ** 2 - adj * dist / k            # repulsion − attraction, per unit delta
        np.fill_diagonal(force, 0.0)
        move = (delta * force[..., None]).sum(axis=1) - 0.1 * pos   # gravity keeps parts together
        length = np.clip(np.hypot(move[:, 0], move[:, 1]), 1e-9, None)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.985
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    pos = (pos - lo) / span * 2 - 1
    pos[:, (hi - lo) <= 1e-9] = 0.0
    return {name: (float(pos[i, 0]), float(pos[i, 1])) for name, i in index.items()}


def network(frame: pd.DataFrame, actors: pd.DataFrame, *,
            title: str = "Who appears with whom") -> go.Figure:
    """Co-occurrence network (:func:`components.query.cooccurrence` edges, node sizes and types
    from ``actors``); node customdata = actor name.

    Args:
        frame: edges, columns source, target, n_articles.
        actors: columns actor, actor_type, n_mentions (as :func:`components.query.top_actors`);
            every actor in it is a node, linked or not; edge ends missing from it are nodes of
            unknown type.
        title: the chart title.
    Returns:
        Edge line traces (three widths by shared articles, not clickable), then one marker
        trace per actor type with customdata ``[actor, "actors", n_mentions]``. The layout is
        deterministic: the same frames always give the same picture.
    """
    edges_df = frame if not _is_empty(frame, "source", "target") else None
    nodes_df = actors if not _is_empty(actors, "actor") else None
    if edges_df is None and nodes_df is None:
        return empty_figure(title)
    info: dict[str, tuple[str, int]] = {}
    if nodes_df is not None:
        types = nodes_df["actor_type"] if "actor_type" in nodes_df else [None] * len(nodes_df)
        mentions = _ints(nodes_df["n_mentions"]) if "n_mentions" in nodes_df else [0] * len(nodes_df)
        for a, t, m in zip(nodes_df["actor"], types, mentions):
            info.setdefault(str(a), (_type_key(t), int(m)))
    edges: list[tuple[str, str, float]] = []
    if edges_df is not None:
        weights = _ints(edges_df["n_articles"]) if "n_articles" in edges_df else [1] * len(edges_df)
        for a, b, w in zip(edges_df["source"], edges_df["target"], weights):
            a, b = str(a), str(b)
            if a == b:
                continue
            edges.append((a, b, float(w)))
            for name in (a, b):
                info.setdefault(name, (UNTYPED_LABEL, 0))
    pos = _spring_layout(list(info), edges)
    traces: list[dict] = []
    if edges:
        top = max(w for *_, w in edges)
        buckets: dict[int, list[tuple[str, str, float]]] = {}
        for e in edges:
            buckets.setdefault(min(2, int(3 * e[2] / (top + 1e-9))), []).append(e)
        for level in sorted(buckets):
            xs: list = []
            ys: list = []
            pairs: list = []
            for a, b, _ in buckets[level]:
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
                pairs += [[a, b], [a, b], None]
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", customdata=pairs,
                                     line=dict(width=1 + 2.5 * level, color="#BBBBBB"),
                                     hoverinfo="skip", showlegend=False, name="co-occurrence"))
    sizes = dict(zip(info, _scaled(np.array([m for _, m in info.values()]), NODE_MIN, NODE_MAX)))
    degree: dict[str, int] = {}
    for a, b, _ in edges:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    for key in [*TYPE_COLOURS, UNTYPED_LABEL]:
        names = sorted(n for n, (t, _) in info.items() if t == key)
        if not names:
            continue
        traces.append(dict(
            type="scatter", x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers+text",
            name=TYPE_LABELS[key], text=[_label(n) for n in names], textposition="top center",
            textfont=dict(size=11, color="#333333"),
            marker=dict(size=[float(sizes[n]) for n in names],
                        color=TYPE_COLOURS.get(key, UNTYPED_COLOUR),
                        line=dict(width=1, color="white")),
            customdata=[[n, "actors", info[n][1], degree.get(n, 0)] for n in names],
            hovertemplate=("<b>%{text}</b><br>%{customdata[2]} mentions"
                           "<br>appears with %{customdata[3]} of these actors"
                           "<extra>" + TYPE_LABELS[key] + "</extra>"),
        ))
    return _figure(
        traces, title, height=560, hovermode="closest",
        xaxis=dict(visible=False, range=[-1.25, 1.25]), yaxis=dict(visible=False, range=[-1.2, 1.25]),
        legend=dict(title=dict(text="Actor type"), orientation="h", yanchor="bottom", y=1.0,
                    xanchor="right", x=1.0))


# ---------------------------------------------------------------------------------------------
# map


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
               title: str = "Places mentioned") -> go.Figure:
    """Map of :func:`components.query.places`: circles sized by mentions over country outlines
    shaded by mentions, with no tile server (offline); customdata = place name.

    Args:
        frame: columns name, country_code, feature, lat, lon, n_mentions, n_articles; rows
            without coordinates are left out.
        countries: columns country_code, n_mentions, n_articles (as
            :func:`components.query.countries`); if None, summed from ``frame``. Countries
            alone (no place with coordinates) still give a map of shaded countries.
        title: the chart title.
    Returns:
        Trace 0: every known country outline in light grey (background, not clickable);
        trace 1: countries with mentions shaded by mentions, customdata
        ``[code, "countries", name, n_mentions]``; trace 2: the places as circles whose area
        grows with mentions, customdata ``[name, "places", country_code, n_mentions,
        n_articles]``. ``map_style="white-bg"`` (no tiles, no glyphs), view fitted to the places.
    """
    df = frame if not _is_empty(frame, "name", "lat", "lon") else None
    if df is not None:
        df = df.dropna(subset=["lat", "lon"])
    has_countries = not _is_empty(countries, "country_code")
    if (df is None or df.empty) and not has_countries:
        return empty_figure(title)
    if df is None:
        df = pd.DataFrame({"name": [], "lat": [], "lon": []})
    df = df.reset_index(drop=True)
    mentions = _ints(df["n_mentions"]) if "n_mentions" in df else np.ones(len(df), int)
    n_articles = _ints(df["n_articles"]) if "n_articles" in df else mentions
    codes = df["country_code"] if "country_code" in df else pd.Series([None] * len(df))
    if not has_countries:
        per_country = (pd.DataFrame({"country_code": codes, "n_mentions": mentions})
                       .dropna(subset=["country_code"])
                       .groupby("country_code", as_index=False)["n_mentions"].sum())
    else:
        per_country = countries.dropna(subset=["country_code"]).copy()
        per_country["n_mentions"] = (_ints(per_country["n_mentions"]) if "n_mentions" in per_country
                                     else 1)
    per_country = per_country.assign(country_code=per_country["country_code"].astype(str).str.upper())
    outlines = country_outlines()
    names = {f["id"]: f["properties"]["name"] for f in outlines["features"]}
    shaded = per_country[per_country["country_code"].isin(names.keys())]
    traces: list[dict] = []
    traces.append(dict(
        type="choroplethmap", geojson=outlines, locations=[f["id"] for f in outlines["features"]],
        z=[0] * len(outlines["features"]), colorscale=[[0, OUTLINE_FILL], [1, OUTLINE_FILL]],
        showscale=False, marker_line=dict(width=0.5, color=OUTLINE_LINE), hoverinfo="skip",
        customdata=[[f["id"], "countries"] for f in outlines["features"]],
        name="countries", showlegend=False,
    ))
    if len(shaded):
        traces.append(dict(
            type="choroplethmap", geojson=outlines_for(shaded["country_code"]), locations=shaded["country_code"].tolist(),
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
        traces.append(dict(type="choroplethmap", geojson=outlines_for([]), locations=[], z=[],
                           showscale=False, name="countries", showlegend=False))
    traces.append(dict(
        type="scattermap", mode="markers",
        lat=df["lat"].astype(float).tolist(), lon=df["lon"].astype(float).tolist(),
        marker=dict(size=_scaled(mentions, MARKER_MIN, MARKER_MAX).tolist(), color=PLACE_COLOUR,
                    opacity=0.75),
        customdata=[[str(n), "places", (c if isinstance(c, str) else ""), int(m), int(a)]
                    for n, c, m, a in zip(df["name"], codes, mentions, n_articles)],
        text=[_label(n) for n in df["name"]],
        hovertemplate=("<b>%{text}</b> %{customdata[2]}<br>%{customdata[3]} mentions"
                       " in %{customdata[4]} articles<extra></extra>"),
        name="places", showlegend=False,
    ))
    if len(df):
        centre, zoom = _fit(df["lat"].astype(float).to_numpy(), df["lon"].astype(float).to_numpy())
    else:
        centre, zoom = WORLD_VIEW
    return _figure(traces, title, height=520, map=dict(style="white-bg", center=centre, zoom=zoom),
                   margin=dict(l=0, r=0, t=56, b=0))


# ---------------------------------------------------------------------------------------------
# time


def _line_days(days: list[str]) -> list[str]:
    """Every calendar day from the first to the last of ``days`` (sorted ISO days), so lines
    drop to zero between articles; just ``days`` when that would exceed
    :data:`MAX_LINE_DAYS`."""
    span = pd.date_range(days[0], days[-1], freq="D")
    if len(span) > MAX_LINE_DAYS:
        return days
    return [d.strftime("%Y-%m-%d") for d in span]


def timeline(frame: pd.DataFrame, by_actor: pd.DataFrame | None = None, *,
             title: str = "Articles and mentions per day") -> go.Figure:
    """Articles per day (bars, customdata = ISO day) and, if given, mentions per day of the top
    actors (lines); a box drag selects a date range.

    Args:
        frame: columns day, n_articles, n_mentions (as :func:`components.query.timeline`).
        by_actor: columns day, actor, n_mentions (as :func:`components.query.timeline_by_actor`);
            if None or empty, one line of all mentions per day is drawn instead.
        title: the chart title.
    Returns:
        Bars of articles (left axis) and lines of mentions (right axis) on a date axis; every
        point's customdata is ``[iso_day, "days", ...]``; ``dragmode="select"`` with horizontal
        box selection, so a drag gives the selection's x range (a date range).
    """
    if _is_empty(frame, "day", "n_articles"):
        return empty_figure(title)
    df = frame.dropna(subset=["day"]).sort_values("day")
    if df.empty:
        return empty_figure(title)
    days = [_iso_day(d) for d in df["day"]]
    traces: list[dict] = []
    traces.append(dict(
        type="bar",
        x=days, y=_ints(df["n_articles"]).tolist(), name="Articles", marker_color=BAR_COLOUR,
        customdata=[[d, "days"] for d in days],
        hovertemplate="<b>%{x|%a %d %b %Y}</b><br>%{y} articles<extra></extra>",
    ))
    lines = by_actor if not _is_empty(by_actor, "day", "actor", "n_mentions") else None
    if lines is not None:
        lines = lines.dropna(subset=["day"])
        order = (lines.groupby("actor")["n_mentions"].sum().sort_values(ascending=False, kind="stable")
                 .index.tolist())
        line_days = _line_days(days)
        for i, actor in enumerate(order):
            part = lines[lines["actor"] == actor]
            # a day with no mention is a zero, not a gap the line jumps over
            counts: dict[str, int] = {}
            for d, n in zip(part["day"], _ints(part["n_mentions"])):
                counts[_iso_day(d)] = counts.get(_iso_day(d), 0) + int(n)
            ys = [counts.get(d, 0) for d in line_days]
            traces.append(dict(
                type="scatter", x=line_days, y=ys, mode="lines", name=_label(actor), yaxis="y2",
                line=dict(width=2, color=LINE_COLOURS[i % len(LINE_COLOURS)]),
                customdata=[[d, "days", str(actor)] for d in line_days],
                hovertemplate="%{fullData.name}: %{y} mentions<extra></extra>",
            ))
    elif "n_mentions" in df:
        line_days = _line_days(days)
        counts = dict(zip(days, _ints(df["n_mentions"]).tolist()))
        traces.append(dict(
            type="scatter", x=line_days, y=[counts.get(d, 0) for d in line_days], mode="lines", name="Mentions",
            yaxis="y2", line=dict(width=2, color=LINE_COLOURS[0]),
            customdata=[[d, "days"] for d in line_days],
            hovertemplate="%{y} mentions<extra></extra>",
        ))
    xaxis: dict = {"type": "date"}
    if len(days) == 1:   # one bar: give the axis a sensible width instead of a sliver of a day
        d = pd.Timestamp(days[0])
        xaxis["range"] = [(d - pd.Timedelta(days=3)).isoformat(), (d + pd.Timedelta(days=3)).isoformat()]
    return _figure(
        traces, title, height=440, dragmode="select", selectdirection="h", hovermode="x unified",
        bargap=0.15, xaxis=xaxis,
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        yaxis=dict(title=dict(text="Articles"), rangemode="tozero"),
        yaxis2=dict(title=dict(text="Mentions"), overlaying="y", side="right", rangemode="tozero",
                    showgrid=False, tickmode="auto", tickformat=",d"))


# ---------------------------------------------------------------------------------------------
# plain bars


def _axis_label(column: str) -> str:
    """A readable axis title for a frame column (``n_articles`` → "Articles")."""
    return AXIS_LABELS.get(column) or column.removeprefix("n_").replace("_", " ").capitalize()


def bars(frame: pd.DataFrame, x: str, y: str, *, title: str = "", field: str | None = None,
         horizontal: bool = False, x_label: str | None = None, y_label: str | None = None,
         colour: str = BAR_COLOUR) -> go.Figure:
    """A plain bar chart of ``frame`` (busiest days, places…); customdata = the ``x`` value.

    Args:
        frame: any frame with columns ``x`` (the categories, in the order drawn) and ``y``.
        x: column of the categories; dates are shown and carried as ISO days.
        y: column of the bar lengths.
        title: the chart title.
        field: the Filter field the ``x`` values belong to, put in ``customdata[1]`` (default
            ``"days"`` for a date column, else the name of ``x``).
        horizontal: draw horizontal bars (first row at the top).
        x_label / y_label: axis titles (default: the column names, readable).
        colour: bar colour.
    Returns:
        One bar trace; each point's customdata ``[x_value, field]``; the category axis keeps
        the frame's order.
    """
    if _is_empty(frame, x, y):
        return empty_figure(title)
    df = frame.reset_index(drop=True)
    is_date = pd.api.types.is_datetime64_any_dtype(df[x]) or (
        len(df) and all(hasattr(v, "isoformat") for v in df[x].dropna()) and df[x].notna().any())
    ids = [_iso_day(v) if is_date else str(v) for v in df[x]]
    cats = [_label(v) for v in ids]
    field = field or ("days" if is_date else x)
    values = pd.to_numeric(df[y], errors="coerce").fillna(0).tolist()
    labels = (x_label if x_label is not None else _axis_label(x),
              y_label if y_label is not None else _axis_label(y))
    bar = dict(
        type="bar",
        x=values if horizontal else cats, y=cats if horizontal else values,
        orientation="h" if horizontal else "v", marker=dict(color=colour),
        customdata=[[i, field] for i in ids], name=labels[1],
        hovertemplate=("<b>%{y}</b><br>%{x}" if horizontal else "<b>%{x}</b><br>%{y}")
        + f" {labels[1].lower()}<extra></extra>",
    )
    cat_axis = dict(type="category", categoryorder="array", title=dict(text=labels[0]),
                    categoryarray=cats[::-1] if horizontal else cats, automargin=True)
    value_axis = dict(title=dict(text=labels[1]), rangemode="tozero")
    return _figure([bar], title, height=max(300, 80 + 24 * len(cats)) if horizontal else 360,
                   showlegend=False, xaxis=value_axis if horizontal else cat_axis,
                   yaxis=cat_axis if horizontal else value_axis)
