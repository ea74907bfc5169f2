"""components.charts.columns: dates become the same ISO days whether read one by one or all at once."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from components.charts.columns import iso_day, iso_days
from components.filters import DATE_WINDOW

#: The days a time axis draws (its queries keep to the window).
DAYS = st.dates(min_value=DATE_WINDOW[0], max_value=DATE_WINDOW[1])


@given(st.lists(DAYS, max_size=30), st.sampled_from(["date", "timestamp", "datetime64", "iso", "noon in Tokyo"]))
def test_all_at_once_the_days_are_those_read_one_by_one(days, kind):
    values = {"date": lambda: list(days),
              "timestamp": lambda: [pd.Timestamp(d) for d in days],
              "datetime64": lambda: pd.Series(pd.to_datetime(days), dtype="datetime64[ns]") if days else [],
              "iso": lambda: [d.isoformat() for d in days],
              # (an aware time's own day, not UTC's: noon in Tokyo is 03:00 UTC the same day,
              # 23:30 would be the day before)
              "noon in Tokyo": lambda: [pd.Timestamp(dt.datetime(d.year, d.month, d.day, 23, 30), tz="Asia/Tokyo")
                                        for d in days]}[kind]()
    assert iso_days(values) == [iso_day(v) for v in values] == [d.isoformat() for d in days]


def test_no_days_give_an_empty_list():
    assert iso_days([]) == [] and iso_days(pd.Series([], dtype="datetime64[ns]")) == []
    assert iso_days(np.array(["2024-02-29"], dtype="datetime64[D]")) == ["2024-02-29"]
