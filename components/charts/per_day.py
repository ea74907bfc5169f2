"""The timeline (:func:`timeline`): articles per day (or week, month) as bars, mentions of the
top actors as lines, on a date axis where a box drag selects a date range."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .columns import ints, is_empty, iso_day
from .style import BAR_COLOUR, LINE_COLOURS, empty_figure, escaped, styled_figure

MAX_LINE_DAYS = 1500               # timeline lines get a point for every day up to this span
#: Per period of :data:`components.query.PERIODS`: (pandas offset to the period's last day, the
#: bar's hover date format, the word in the title).
PERIOD_STYLE = {
    "day": (pd.offsets.Day(0), "%{x|%a %d %b %Y}", "day"),
    "week": (pd.offsets.Day(6), "week of %{x|%d %b %Y}", "week"),
    "month": (pd.offsets.MonthEnd(0), "%{x|%B %Y}", "month"),
}


def _line_days(days: list[str]) -> list[str]:
    """Every calendar day from the first to the last of ``days`` (sorted ISO days), so lines
    drop to zero between articles; just ``days`` when that would exceed
    :data:`MAX_LINE_DAYS`."""
    span = pd.date_range(days[0], days[-1], freq="D")
    if len(span) > MAX_LINE_DAYS:
        return days
    return [d.strftime("%Y-%m-%d") for d in span]


def timeline(frame: pd.DataFrame, by_actor: pd.DataFrame | None = None, *,
             title: str | None = None, period: str = "day") -> go.Figure:
    """Articles per day, week or month (bars) and, if given, mentions of the top actors in the
    same periods (lines); a box drag selects a date range.

    Args:
        frame: columns day, n_articles, n_mentions (as :func:`components.query.timeline`).
        by_actor: columns day, actor, n_mentions (as :func:`components.query.timeline_by_actor`);
            if None or empty, one line of all mentions per day is drawn instead.
        title: the chart title (default: "Articles and mentions per <period>").
        period: what a row of ``frame`` counts: ``"day"``, ``"week"`` or ``"month"``, its
            ``day`` being the period's first day (as :func:`components.query.timeline` gives it).
    Returns:
        Bars of articles (left axis) and lines of mentions (right axis) on a date axis; every
        point's customdata is ``[iso_day, "days", ...]``, a week's or month's bar's
        ``[first_day, "days", last_day]`` (a click selects its whole period); ``dragmode="select"`` with horizontal
        box selection, so a drag gives the selection's x range (a date range).
    """
    to_last, hover_day, word = PERIOD_STYLE[period]
    title = title or f"Articles and mentions per {word}"
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
        customdata=[[d, "days"] if period == "day" else [d, "days", iso_day(pd.Timestamp(d) + to_last)]
                    for d in days],
        hovertemplate=f"<b>{hover_day}</b><br>%{{y}} articles<extra></extra>",
    ))
    lines = by_actor if not is_empty(by_actor, "day", "actor", "n_mentions") else None
    line_days = _line_days(days) if period == "day" else days
    if lines is not None:
        traces += _actor_lines(lines.dropna(subset=["day"]), line_days)
    elif "n_mentions" in df:
        traces.append(_mentions_line(df, days, line_days))
    xaxis: dict = {"type": "date"}
    if len(days) == 1:   # one bar: give the axis a sensible width instead of a sliver of a day
        d = pd.Timestamp(days[0])
        xaxis["range"] = [(d - pd.Timedelta(days=3)).isoformat(), (d + pd.Timedelta(days=3)).isoformat()]
    return styled_figure(
        traces, title, height=440, dragmode="select", selectdirection="h", hovermode="x unified",
        bargap=0.15, xaxis=xaxis,
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        yaxis=dict(title=dict(text="Articles"), rangemode="tozero", **_count_ticks(df["n_articles"])),
        yaxis2=dict(title=dict(text="Mentions"), overlaying="y", side="right", rangemode="tozero",
                    showgrid=False, **_count_ticks(*(t["y"] for t in traces[1:]))))


#: Up to this count an axis of counts gets a tick at every whole number (plotly's automatic ticks
#: would fall between them: 0.5, 1.5).
SMALL_COUNT = 5


def _count_ticks(*values) -> dict:
    """Tick settings for an axis of counts up to the largest of ``values`` (sequences of numbers):
    whole numbers only (``","d``), one tick per number when the counts are small."""
    top = max((x for v in values for x in v if x is not None and x == x), default=0)  # (x == x: not NaN)
    return {"tickformat": ",d", **({"dtick": 1} if top <= SMALL_COUNT else {})}


def _actor_lines(lines: pd.DataFrame, line_days: list[str]) -> list[dict]:
    """One line per actor of ``lines`` (columns day, actor, n_mentions; most mentioned first) over
    ``line_days`` (ISO days: every day of :func:`_line_days`, or the bars' periods), on the right
    axis. Customdata ``[iso_day, "days", actor]``."""
    order = (lines.groupby("actor")["n_mentions"].sum().sort_values(ascending=False, kind="stable")
             .index.tolist())
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


def _mentions_line(df: pd.DataFrame, days: list[str], line_days: list[str]) -> dict:
    """One line of all mentions (``df``: columns n_mentions, one row per ISO day of ``days``)
    over ``line_days``, zero where there are no articles, on the right axis. Customdata
    ``[iso_day, "days"]``."""
    counts = dict(zip(days, ints(df["n_mentions"]).tolist()))
    return dict(
        type="scatter", x=line_days, y=[counts.get(d, 0) for d in line_days], mode="lines", name="Mentions",
        yaxis="y2", line=dict(width=2, color=LINE_COLOURS[0]),
        customdata=[[d, "days"] for d in line_days],
        hovertemplate="%{y} mentions<extra></extra>",
    )
