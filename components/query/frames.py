"""Frame tidying shared by the queries: every frame leaves with exactly the columns its query's
docstring lists, counts as int64, dates as datetime64, missing text as None.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

#: How a missing date is shown in lists and the reader (exports leave it empty).
UNDATED = "undated"


def empty_frame(*columns: str) -> pd.DataFrame:
    """A frame with no rows and the ``columns`` given (each of object dtype)."""
    return pd.DataFrame({c: [] for c in columns})


def day_text(value) -> str:
    """A date cell (``datetime.date``, Timestamp or datetime64; None, NaT or NaN for none) as
    ``YYYY-MM-DD`` (``0001-01-01`` for year 1), or :data:`UNDATED` when missing."""
    if value is None or pd.isna(value):
        return UNDATED
    day = value if type(value) is date else pd.Timestamp(value).date()
    return day.isoformat()


def is_list(value) -> bool:
    """Whether ``value`` (a list cell of a frame: list, array, or NULL) holds a list."""
    return isinstance(value, (list, tuple)) or hasattr(value, "tolist")


def or_none(value):
    """``value`` of a frame cell, or None when it is missing (None, NaN, NaT); lists are kept."""
    return None if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else value


def with_country_names(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with a ``country_code`` column) with a ``country`` column right after it: the
    everyday name of the country (:func:`components.lexicon.countries.display_name`: "GH" →
    "Ghana"), None where the code is missing or unknown; ``attrs`` kept."""
    from ..lexicon.countries import display_name

    names = [display_name(str(c).upper()) if isinstance(c, str) and c else None for c in frame["country_code"]]
    out = frame.copy()
    out.insert(list(frame.columns).index("country_code") + 1, "country", pd.Series(names, index=frame.index, dtype=object))
    return out


def typed(frame: pd.DataFrame, columns: tuple[str, ...], *, ints: tuple[str, ...] = (),
          floats: tuple[str, ...] = (), days: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` (missing ones added empty), count columns as int64,
    ``floats`` as float64 and ``days`` as datetime64 even when empty, missing text as None;
    ``attrs`` kept."""
    attrs = dict(frame.attrs)
    out = frame.reindex(columns=list(columns)) if list(frame.columns) != list(columns) else frame
    for c in ints:
        out[c] = out[c].fillna(0).astype("int64")
    for c in floats:
        out[c] = out[c].astype("float64")
    for c in days:
        out[c] = pd.to_datetime(out[c])
    for c in out.columns:  # missing text as None (DuckDB gives NaN), for display and export
        if pd.api.types.is_string_dtype(out[c]) and out[c].isna().any():
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    out.attrs.update(attrs)
    return out
