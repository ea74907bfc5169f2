"""The timeline (:func:`timeline`): articles per day (or week, month) as bars, mentions of the
top actors as lines, on a date axis where a click on a bar selects its period and a box drag
(with the toolbar's Box Select) a date range."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .columns import ints, is_empty, iso_day, iso_days
from .style import BAR_COLOUR, LINE_COLOURS, count_ticks, empty_figure, escaped, styled_figure

MAX_LINE_DAYS = 1500               # timeline lines get a point for every day up to this span
#: Per period of :data:`components.query.PERIODS`: (pandas offset to the period's last day, the
#: tooltip's heading as a d3 date format of the period's first day, the word in the title).
PERIOD_STYLE = {
    "day": (pd.offsets.Day(0), "%a %d %b %Y", "day"),
    "week": (pd.offsets.Day(6), "week of %d %b %Y", "week"),
    "month": (pd.offsets.MonthEnd(0), "%B %Y", "month"),
}


#: pandas' frequency of each period's first days (a week starts on Monday, as DuckDB's ``date_trunc``).
PERIOD_STARTS = {"day": "D", "week": "W-MON", "month": "MS"}


def _line_days(days: list[str], period: str) -> list[str]:
    """The first day of every period from the first to the last of ``days`` (sorted ISO days of
    periods of ``period``), so lines drop to zero between articles instead of running straight
    across the periods without any; for days, just ``days`` when that would exceed
    :data:`MAX_LINE_DAYS`."""
    span = pd.date_range(days[0], days[-1], freq=PERIOD_STARTS[period])
    if period == "day" and len(span) > MAX_LINE_DAYS:
        return days
    return iso_days(span)


def _length(first, to_last: pd.DateOffset):
    """The length of the period(s) starting on ``first`` (a Timestamp, or a DatetimeIndex of
    them), ``to_last`` being the offset to a period's last day: a Timedelta (or an index of them)."""
    return first + to_last + pd.Timedelta(days=1) - first


def _widths(days: list[str], to_last: pd.DateOffset) -> list[float]:
    """Each bar's width on the date axis (ms): 85% of its period (a day, a week, that month), so
    a bar keeps its period's width however far apart the periods with articles are."""
    return (_length(pd.DatetimeIndex(days), to_last).total_seconds() * 1000 * 0.85).tolist()


def timeline(frame: pd.DataFrame, by_actor: pd.DataFrame | None = None, *,
             title: str | None = None, period: str = "day") -> go.Figure:
    """Articles per day, week or month (bars) and, if given, mentions of the top actors in the
    same periods (lines); a click on a bar selects its period, a box drag a date range.

    Args:
        frame: columns day, n_articles, n_mentions (as :func:`components.query.timeline`).
        by_actor: columns day, actor, n_mentions (as :func:`components.query.timeline_by_actor`);
            if None or empty, one line of all mentions per day is drawn instead.
        title: the chart title (default: "Articles and mentions per <period>").
        period: what a row of ``frame`` counts: ``"day"``, ``"week"`` or ``"month"``, its
            ``day`` being the period's first day (as :func:`components.query.timeline` gives it).
    Returns:
        Bars of articles (left axis) and lines of mentions (right axis; per day as steps, one a
        day, not a zigzag between days) on a date axis; a day's
        bar's customdata is ``[iso_day, "days"]``, a week's or month's ``[first_day, "days",
        last_day]`` (a click selects its whole period); the lines take no hover or click, their
        counts are in the bar's tooltip (``hovertext``). ``dragmode="zoom"``
        along the dates only (the count axes are fixed): Streamlit turns click selection off in
        box-select mode, so clicks work by default and a date range is dragged after picking Box
        Select in the toolbar (``selectdirection="h"``: the selection's x range).
    """
    to_last, hover_day, word = PERIOD_STYLE[period]
    title = title or f"Articles and mentions per {word}"
    if is_empty(frame, "day", "n_articles"):
        return empty_figure(title)
    df = frame.dropna(subset=["day"]).sort_values("day")
    if df.empty:
        return empty_figure(title)
    days = iso_days(df["day"])
    traces: list[dict] = []
    traces.append(dict(
        type="bar",
        x=days, y=ints(df["n_articles"]).tolist(), name="Articles", marker_color=BAR_COLOUR, width=_widths(days, to_last),
        customdata=[[d, "days"] if period == "day" else [d, "days", iso_day(pd.Timestamp(d) + to_last)]
                    for d in days],
    ))
    lines = by_actor if not is_empty(by_actor, "day", "actor", "n_mentions") else None
    line_days = _line_days(days, period)
    if lines is not None:
        traces += _actor_lines(lines.dropna(subset=["day"]), line_days)
    elif "n_mentions" in df:
        traces.append(_mentions_line(df, days, line_days))
    for line in traces[1:] if period == "day" else ():  # a day's count holds for its whole day
        line["line"]["shape"] = "hvh"
    # the lines' counts are told in the bar's tooltip and the lines take no hover: a click then
    # always lands on the bar (plotly selects on click the first point hovered, and a line's
    # points cannot be selected)
    traces[0]["hovertext"] = _tooltips(days, ints(df["n_articles"]), traces[1:])
    traces[0]["hovertemplate"] = "%{hovertext}<extra></extra>"
    xaxis: dict = {"type": "date", "hoverformat": hover_day, "range": _bars_range(days, to_last)}  # (hover: the heading)
    if len(days) == 1:
        _one_period(traces, xaxis, pd.Timestamp(days[0]), to_last)
    return styled_figure(
        traces, title, height=440, dragmode="zoom", selectdirection="h", hovermode="x unified",
        bargap=0.15, xaxis=xaxis,
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        yaxis=dict(title=dict(text="Articles"), rangemode="tozero", fixedrange=True, **count_ticks(df["n_articles"])),
        yaxis2=dict(title=dict(text="Mentions"), overlaying="y", side="right", rangemode="tozero", fixedrange=True,
                    showgrid=False, **count_ticks(*(t["y"] for t in traces[1:]))))


def _actor_lines(lines: pd.DataFrame, line_days: list[str]) -> list[dict]:
    """One line per actor of ``lines`` (columns day, actor, n_mentions; most mentioned first) over
    ``line_days`` (ISO days: every day of :func:`_line_days`, or the bars' periods), on the right
    axis, named after the actor (escaped); no hover (see :func:`_tooltips`)."""
    counts = (pd.DataFrame({"actor": lines["actor"].to_numpy(), "day": iso_days(lines["day"]),
                            "n": ints(lines["n_mentions"])}).groupby(["actor", "day"], sort=False)["n"].sum())
    order = counts.groupby(level="actor").sum().sort_values(ascending=False, kind="stable").index
    traces: list[dict] = []
    for i, actor in enumerate(order):
        # a day with no mention is a zero, not a gap the line jumps over
        ys = counts.loc[actor].reindex(line_days, fill_value=0).astype(int).tolist()
        traces.append(dict(
            type="scatter", x=line_days, y=ys, mode="lines", name=escaped(actor), yaxis="y2",
            line=dict(width=2, color=LINE_COLOURS[i % len(LINE_COLOURS)]), hoverinfo="skip",
        ))
    return traces


def _bars_range(days: list[str], to_last: pd.DateOffset) -> list[str]:
    """The date axis's range over the bars of ``days`` (sorted first days of periods, ``to_last``
    the offset to a period's last day): from the first bar's left edge to the last's right edge,
    with a little room. Plotly's own pads each side by half the smallest gap between two bars:
    decades, when one article dated by a typo sits far from the rest."""
    first, last = pd.Timestamp(days[0]), pd.Timestamp(days[-1])
    # (bars are centred on their day: half a bar and a little room each side)
    return [(first - 0.6 * _length(first, to_last)).isoformat(), (last + 0.6 * _length(last, to_last)).isoformat()]


def _one_period(traces: list[dict], xaxis: dict, first: pd.Timestamp, to_last: pd.DateOffset) -> None:
    """Draw a timeline of one period (from ``first``; ``to_last`` its offset to the last day) in
    ``traces`` and ``xaxis`` (changed in place): the axis spans three periods each side (plotly
    would zoom in on the bar); a line of one point draws nothing, so the lines become points."""
    span = _length(first, to_last)
    xaxis["range"] = [(first - 3 * span).isoformat(), (first + 3 * span).isoformat()]
    for line in traces[1:]:
        line.update(mode="markers", marker=dict(size=9, color=line["line"]["color"]))


def _counted(n: int, noun: str) -> str:
    """``"1 article"``, ``"1,204 articles"``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _tooltips(days: list[str], n_articles, lines: list[dict]) -> list[str]:
    """Per bar (ISO day of ``days``, its count of ``n_articles``) the tooltip's text: its
    articles, then the count of every line of ``lines`` (traces of :func:`_actor_lines` or
    :func:`_mentions_line`) that day, one ``<br>`` line each, "■ name: n mentions" in the line's
    colour (the name as the legend shows it, escaped)."""
    at = [dict(zip(t["x"], t["y"])) for t in lines]
    label = [f"<br><span style='color:{t['line']['color']}'>■</span> "
             + ("" if t.get("meta") == "all" else f"{t['name']}: ") for t in lines]
    return [_counted(int(n), "article") + "".join(f"{lab}{_counted(counts.get(d, 0), 'mention')}"
                                                  for lab, counts in zip(label, at))
            for d, n in zip(days, n_articles)]


def _mentions_line(df: pd.DataFrame, days: list[str], line_days: list[str]) -> dict:
    """One line of all mentions (``df``: columns n_mentions, one row per ISO day of ``days``)
    over ``line_days``, zero where there are no articles, on the right axis; no hover (see
    :func:`_tooltips`); ``meta="all"`` (its counts need no name in the tooltip)."""
    counts = dict(zip(days, ints(df["n_mentions"]).tolist()))
    return dict(
        type="scatter", x=line_days, y=[counts.get(d, 0) for d in line_days], mode="lines", name="Mentions",
        yaxis="y2", line=dict(width=2, color=LINE_COLOURS[0]), hoverinfo="skip", meta="all",
    )
