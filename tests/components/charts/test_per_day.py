"""components.charts.per_day: timeline bars carry ISO days, a drag selects dates, lines fill days
without mentions with zero."""
from __future__ import annotations

import pandas as pd

from components import charts


def test_timeline_bars_carry_iso_days_and_drag_selects_dates(days):
    fig = charts.timeline(days)
    bars = fig.data[0]
    assert bars.type == "bar"
    assert [cd for cd in bars.customdata] == [["2024-09-03", "days"], ["2024-09-05", "days"],
                                              ["2024-09-06", "days"]]
    assert fig.layout.dragmode == "select"
    assert fig.layout.xaxis.type == "date"


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
    assert lena.customdata[0] == ["2024-09-03", "days", "Lena Marsh"]
    assert lena.yaxis == "y2"


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
