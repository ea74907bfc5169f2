"""components.charts.plain_bars: bars of days use ISO days in frame order and name their Filter field."""
from __future__ import annotations

import pandas as pd

from components import charts


def test_bars_of_days_use_iso_days_in_frame_order():
    frame = pd.DataFrame({"day": pd.to_datetime(["2024-10-06", "2024-09-27"]), "n_articles": [4, 3]})
    fig = charts.bars(frame, "day", "n_articles", title="Busiest days")
    trace = fig.data[0]
    assert list(trace.x) == ["2024-10-06", "2024-09-27"]
    assert [cd for cd in trace.customdata] == [["2024-10-06", "days"], ["2024-09-27", "days"]]
    assert list(fig.layout.xaxis.categoryarray) == ["2024-10-06", "2024-09-27"]
    assert fig.layout.title.text == "Busiest days"


def test_bars_name_the_filter_field_when_told(places):
    fig = charts.bars(places, "name", "n_mentions", field="places", horizontal=True)
    assert [cd for cd in fig.data[0].customdata][0] == ["Oslo", "places"]
    assert fig.data[0].orientation == "h"


def test_an_axis_of_counts_ticks_whole_numbers_and_one_of_fractions_does_not():
    one_day = pd.DataFrame({"day": pd.to_datetime(["2024-11-05"]), "n_articles": [1]})
    counts = charts.bars(one_day, "day", "n_articles")
    assert counts.layout.yaxis.tickformat == ",d" and counts.layout.yaxis.dtick == 1  # not 0.2, 0.4 …
    shares = charts.bars(pd.DataFrame({"name": ["a", "b"], "share": [0.25, 0.75]}), "name", "share")
    assert shares.layout.yaxis.tickformat is None
