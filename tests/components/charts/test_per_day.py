"""components.charts.per_day: timeline bars carry ISO days, clicks select (a drag zooms the dates
only, Box Select drags a range), lines fill days without mentions with zero."""
from __future__ import annotations

import pandas as pd
import pytest

from components import charts


def test_timeline_bars_carry_iso_days_and_a_click_selects_them(days):
    fig = charts.timeline(days)
    bars = fig.data[0]
    assert bars.type == "bar"
    assert [cd for cd in bars.customdata] == [["2024-09-03", "days"], ["2024-09-05", "days"],
                                              ["2024-09-06", "days"]]
    # Streamlit turns click selection off in box-select mode: clicks must work by default
    assert fig.layout.dragmode != "select" and "select" in fig.layout.clickmode
    assert fig.layout.selectdirection == "h"  # Box Select, once picked, drags a date range
    assert fig.layout.yaxis.fixedrange and fig.layout.yaxis2.fixedrange  # a plain drag zooms the dates only
    assert fig.layout.xaxis.type == "date"
    assert fig.data[1].name == "Mentions" and fig.data[1].line.shape == "hvh"  # per day: steps


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
    assert lena.line.shape == "hvh"  # a day's count is a step as wide as its bar, not a zigzag
    assert lena.yaxis == "y2"
    # the lines take no hover (a click must land on a bar): the bar's tooltip tells their counts
    assert all(t.hoverinfo == "skip" for t in lines.values())
    tips = dict(zip(fig.data[0].x, fig.data[0].hovertext))
    assert "Lena Marsh: 3 mentions" in tips["2024-09-03"] and "Norway: 0 mentions" in tips["2024-09-03"]
    assert "Lena Marsh: 0 mentions" in tips["2024-09-05"] and "Norway: 1 mention<" not in tips["2024-09-05"]
    assert tips["2024-09-05"].endswith("Norway: 1 mention")
    assert "%{hovertext}" in fig.data[0].hovertemplate


def test_week_bars_carry_their_first_and_last_day_and_a_click_selects_the_week():
    from datetime import date

    from components.filters import Filter
    from components.selection import apply_selection

    weeks = pd.DataFrame({"day": pd.to_datetime(["2024-02-26", "2024-03-04"]), "n_articles": [2, 2],
                          "n_mentions": [4, 2]})
    fig = charts.timeline(weeks, period="week")
    assert fig.layout.title.text == "Articles and mentions per week"
    assert [list(cd) for cd in fig.data[0].customdata] == [["2024-02-26", "days", "2024-03-03"],
                                                           ["2024-03-04", "days", "2024-03-10"]]
    assert list(fig.data[1].x) == ["2024-02-26", "2024-03-04"]  # the mentions line: one point per week
    event = {"selection": {"points": [{"customdata": list(fig.data[0].customdata[1]), "x": "2024-03-04"}]}}
    assert apply_selection(Filter(), "timeline", event).date_from == date(2024, 3, 4)
    assert apply_selection(Filter(), "timeline", event).date_to == date(2024, 3, 10)
    months = charts.timeline(weeks.assign(day=pd.to_datetime(["2024-02-01", "2024-03-01"])), period="month")
    assert list(months.data[0].customdata[0]) == ["2024-02-01", "days", "2024-02-29"]


def test_count_axes_tick_whole_numbers_only():
    """A few articles and mentions: a tick at every whole number, none at 0.5 or between
    (whose ",d" labels read "1, 1, 2, 2"); many: plotly's own spacing, still whole numbers."""
    few = pd.DataFrame({"day": pd.to_datetime(["2024-03-01", "2024-03-02"]), "n_articles": [1, 2],
                        "n_mentions": [2, 4]})
    fig = charts.timeline(few)
    for axis in (fig.layout.yaxis, fig.layout.yaxis2):
        assert axis.tickformat == ",d" and axis.dtick == 1
    many = few.assign(n_articles=[10, 200], n_mentions=[50, 900])
    fig = charts.timeline(many)
    assert fig.layout.yaxis.dtick is None and fig.layout.yaxis2.dtick is None
    assert fig.layout.yaxis.tickformat == ",d"


def test_one_bar_is_drawn_as_wide_as_its_period_with_its_mentions_as_points():
    """With a single dated period plotly has no neighbour to size the bar by (a hairline) and a
    line of one point draws nothing."""
    one = pd.DataFrame({"day": pd.to_datetime(["2024-03-04"]), "n_articles": [1], "n_mentions": [3]})
    day = charts.timeline(one)
    assert list(day.data[0].width) == pytest.approx([0.85 * 86_400_000])
    assert day.data[1].mode == "markers" and list(day.data[1].y) == [3]
    assert day.data[0].hovertext[0].startswith("1 article<br>")  # one article, not "1 articles"
    week = charts.timeline(one, period="week")
    assert list(week.data[0].width) == pytest.approx([0.85 * 7 * 86_400_000])
    lo, hi = (pd.Timestamp(x) for x in week.layout.xaxis.range)
    assert lo < pd.Timestamp("2024-03-04") and pd.Timestamp("2024-03-10") < hi


def test_periods_far_apart_keep_their_width_and_the_lines_drop_to_zero_between_them():
    """One article dated by a typo decades away (2091) must not stretch every bar over decades, nor
    draw the lines straight across the months without articles."""
    months = pd.DataFrame({"day": pd.to_datetime(["2024-02-01", "2024-03-01", "2091-05-01"]),
                           "n_articles": [2, 1, 1], "n_mentions": [4, 2, 1]})
    fig = charts.timeline(months, period="month")
    day_ms = 86_400_000
    assert list(fig.data[0].width) == pytest.approx([0.85 * 29 * day_ms, 0.85 * 31 * day_ms, 0.85 * 31 * day_ms])
    line = fig.data[1]
    assert len(line.x) == (2091 - 2024) * 12 + 4  # every month from February 2024 to May 2091
    assert list(line.y[:3]) == [4, 2, 0] and line.y[-1] == 1 and sum(line.y) == 7
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)  # not padded by decades either side
    assert pd.Timestamp("2024-01-01") < lo < pd.Timestamp("2024-02-01") - pd.Timedelta(days=12)
    assert pd.Timestamp("2091-05-01") + pd.Timedelta(days=14) < hi < pd.Timestamp("2091-06-01")
    by_actor = pd.DataFrame({"day": pd.to_datetime(["2024-02-05", "2024-04-01"]), "actor": ["Ana", "Ana"],
                             "n_mentions": [3, 1]})
    weeks = pd.DataFrame({"day": pd.to_datetime(["2024-02-05", "2024-04-01"]), "n_articles": [1, 1]})
    fig = charts.timeline(weeks, by_actor, period="week")
    assert list(fig.data[1].x[:3]) == ["2024-02-05", "2024-02-12", "2024-02-19"]  # Mondays, a zero each week
    assert list(fig.data[1].y) == [3] + [0] * 7 + [1]
