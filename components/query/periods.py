"""The periods a timeline counts by: a day, a week (from Monday) or a month, chosen from the span of
the dates (:func:`period_for`), in SQL (:func:`bucket_sql`) or on a frame (:func:`by_period`)."""
from __future__ import annotations

from datetime import date

import pandas as pd

#: The periods a timeline counts by, and the longest span of dates (in days) each is chosen for
#: (see :func:`period_for`): a few hundred bars at most.
PERIODS = {"day": 400, "week": 7 * 400, "month": None}
#: pandas' name of each period longer than a day (a week ending on Sunday starts on Monday, as
#: DuckDB's ``date_trunc('week', …)``).
_PANDAS_PERIOD = {"week": "W-SUN", "month": "M"}


def period_for(first: date | None, last: date | None) -> str:
    """The period a timeline of dates from ``first`` to ``last`` counts by: ``"day"`` up to 400
    days, ``"week"`` up to 400 weeks, else ``"month"`` (``"day"`` when either is None)."""
    if first is None or last is None:
        return "day"
    span = (last - first).days + 1
    return next(p for p, most in PERIODS.items() if most is None or span <= most)


def bucket_sql(period: str) -> str:
    """SQL for the first day of ``date``'s period (weeks start on Monday)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    return "date" if period == "day" else f"date_trunc('{period}', date)::DATE"


def by_period(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """``frame`` (a ``day`` column of datetime64 and count columns, one row per day) with its
    counts added up per ``period``, ``day`` then the period's first day; rows in day order."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if period == "day" or frame.empty:
        return frame
    first_days = frame["day"].dt.to_period(_PANDAS_PERIOD[period]).dt.start_time
    return (frame.drop(columns="day").groupby(first_days.rename("day"), sort=True).sum()
            .reset_index()[list(frame.columns)])
