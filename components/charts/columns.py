"""Reading the columns of a query frame into what a trace draws: whether a frame has what a chart
needs (:func:`is_empty`), counts as ints, dates as ISO days."""
from __future__ import annotations

import numpy as np
import pandas as pd


def is_empty(frame: pd.DataFrame | None, *columns: str) -> bool:
    """Whether ``frame`` gives a chart nothing to draw: None, no rows, or one of ``columns`` missing."""
    return frame is None or len(frame) == 0 or any(c not in frame.columns for c in columns)


def iso_day(value) -> str:
    """``value`` (Timestamp, date, datetime64 or ISO string) as ``YYYY-MM-DD``."""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def iso_days(values) -> list[str]:
    """Each of ``values`` (a sequence of what :func:`iso_day` reads; none missing) as
    ``YYYY-MM-DD``, all at once: ten times quicker than :func:`iso_day` one by one, for the
    thousands of days of a timeline's lines."""
    stamps = pd.to_datetime(pd.Series(values, dtype=object if not len(values) else None))
    if stamps.dt.tz is not None:  # (the day as written, not as in UTC)
        stamps = stamps.dt.tz_localize(None)
    return np.datetime_as_string(stamps.to_numpy().astype("datetime64[D]"), unit="D").tolist()


def ints(series: pd.Series) -> np.ndarray:
    """``series`` as an int array (missing or non-numeric values as 0)."""
    return pd.to_numeric(series, errors="coerce").fillna(0).astype(int).to_numpy()
