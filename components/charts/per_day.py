"""The timeline (:func:`timeline`): articles per day as bars, mentions per day of the top actors
as lines, on a date axis where a box drag selects a date range."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .columns import ints, is_empty, iso_day
from .style import BAR_COLOUR, LINE_COLOURS, empty_figure, escaped, styled_figure

MAX_LINE_DAYS = 1500               # timeline lines get a point for every day up to this span


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
    if is_empty(frame, "day", "n_articles"):
        return empty_figure(title)
    df = frame.dropna(subset=["day"]).sort_values("day")
    if df.empty:
        return empty_figure(title)
    days = [iso_day(d) for d in df["day"]]
    traces: list[dict] = []
    traces.append(dict(
        type="bar",
        x=days, y=ints(df["n_articles"]).tolist(), name="Articles", marker_color=BAR_COLOUR,
        customdata=[[d, "days"] for d in days],
        hovertemplate="<b>%{x|%a %d %b %Y}</b><br>%{y} articles<extra></extra>",
    ))
    lines = by_actor if not is_empty(by_actor, "day", "actor", "n_mentions") else None
    if lines is not None:
        traces += _actor_lines(lines.dropna(subset=["day"]), days)
    elif "n_mentions" in df:
        traces.append(_mentions_line(df, days))
    xaxis: dict = {"type": "date"}
    if len(days) == 1:   # one bar: give the axis a sensible width instead of a sliver of a day
        d = pd.Timestamp(days[0])
        xaxis["range"] = [(d - pd.Timedelta(days=3)).isoformat(), (d + pd.Timedelta(days=3)).isoformat()]
    return styled_figure(
        traces, title, height=440, dragmode="select", selectdirection="h", hovermode="x unified",
        bargap=0.15, xaxis=xaxis,
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        yaxis=dict(title=dict(text="Articles"), rangemode="tozero"),
        yaxis2=dict(title=dict(text="Mentions"), overlaying="y", side="right", rangemode="tozero",
                    showgrid=False, tickmode="auto", tickformat=",d"))


def _actor_lines(lines: pd.DataFrame, days: list[str]) -> list[dict]:
    """One line per actor of ``lines`` (columns day, actor, n_mentions; most mentioned first) over
    every day of :func:`_line_days` (``days``: the bars' ISO days), on the right axis. Customdata ``[iso_day, "days", actor]``."""
    order = (lines.groupby("actor")["n_mentions"].sum().sort_values(ascending=False, kind="stable")
             .index.tolist())
    line_days = _line_days(days)
    traces: list[dict] = []
    for i, actor in enumerate(order):
        part = lines[lines["actor"] == actor]
        # a day with no mention is a zero, not a gap the line jumps over
        counts: dict[str, int] = {}
        for d, n in zip(part["day"], ints(part["n_mentions"])):
            counts[iso_day(d)] = counts.get(iso_day(d), 0) + int(n)
        ys = [counts.get(d, 0) for d in line_days]
        traces.append(dict(
            type="scatter", x=line_days, y=ys, mode="lines", name=escaped(actor), yaxis="y2",
            line=dict(width=2, color=LINE_COLOURS[i % len(LINE_COLOURS)]),
            customdata=[[d, "days", str(actor)] for d in line_days],
            hovertemplate="%{fullData.name}: %{y} mentions<extra></extra>",
        ))
    return traces


def _mentions_line(df: pd.DataFrame, days: list[str]) -> dict:
    """One line of all mentions per day (``df``: columns n_mentions, one row per ISO day of
    ``days``), zero on days without articles, on the right axis. Customdata ``[iso_day, "days"]``."""
    line_days = _line_days(days)
    counts = dict(zip(days, ints(df["n_mentions"]).tolist()))
    return dict(
        type="scatter", x=line_days, y=[counts.get(d, 0) for d in line_days], mode="lines", name="Mentions",
        yaxis="y2", line=dict(width=2, color=LINE_COLOURS[0]),
        customdata=[[d, "days"] for d in line_days],
        hovertemplate="%{y} mentions<extra></extra>",
    )
