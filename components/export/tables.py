"""One frame as a file: CSV, JSON or XLSX of exactly the frame (dates as ISO days, list cells
joined), every text cell safe to open in a spreadsheet (:func:`csv_safe`)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pandas as pd

XLSX_SHEET = "data"
LIST_SEPARATOR = "; "         # how list cells (aliases, roles…) are written to CSV and XLSX
# A text cell that begins with one of these is read as a formula by spreadsheets (OWASP, CSV
# injection): = + - @, tab, carriage return, and the full-width = + - @ that some read alike.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value):
    """A list or array cell joined with :data:`LIST_SEPARATOR`; any other value as it is."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)
                                            and getattr(value, "ndim", 0) > 0):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in list(value))
    return value


def _plain(df: pd.DataFrame, *, join_lists: bool) -> pd.DataFrame:
    """A copy of ``df`` fit for export: datetimes at midnight become ISO days (``2024-12-02``),
    other datetimes ISO timestamps, timezone-aware ones UTC; list cells joined with
    :data:`LIST_SEPARATOR` when ``join_lists``."""
    out = df.reset_index(drop=True).copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_convert("UTC").dt.tz_localize(None)
            midnight = s.dropna().eq(s.dropna().dt.normalize()).all()
            fmt = "%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S"
            out[col] = [None if pd.isna(v) else v.strftime(fmt) for v in s]
        elif s.dtype == object:
            out[col] = [v.isoformat() if isinstance(v, (date, datetime)) else
                        (_cell(v) if join_lists else (list(v) if hasattr(v, "tolist")
                                                      and not isinstance(v, str) else v))
                        for v in s]
    return out


def csv_safe(value):
    """``value`` made safe to open in a spreadsheet, following the OWASP advice on CSV (formula)
    injection: a string that begins with a character a spreadsheet reads as the start of a
    formula (see :data:`FORMULA_STARTS`: ``=``, ``+``, ``-``, ``@``, tab, carriage return and
    their full-width forms) gets a leading single quote, so ``=HYPERLINK(…)`` is written as
    ``'=HYPERLINK(…)`` and shown as text.

    Only strings are changed: a number (an int or float cell such as -3) stays a number, and
    None / NaN stay missing. Every CSV that Dateline writes passes its cells through here; the
    ``csv`` writer then quotes the cell and doubles its embedded quotes as CSV requires.

    Args:
        value: one cell.
    Returns:
        The cell to write: ``value`` itself, or for a string that starts a formula, ``"'" + value``.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def frame_csv(df: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV with a header row and no index; dates as ISO days, list cells
    joined with "; ". Every text cell (header included) is quoted and passed through
    :func:`csv_safe`, so a text that a spreadsheet would run as a formula ("=…", "+…", "-…",
    "@…") starts with a single quote; numbers are written as numbers (-3 stays -3)."""
    plain = _plain(df, join_lists=True)
    plain.columns = [csv_safe(str(c)) for c in plain.columns]
    for col in plain.columns:
        if not pd.api.types.is_numeric_dtype(plain[col]):
            plain[col] = [csv_safe(v) for v in plain[col]]
    return plain.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def frame_json(df: pd.DataFrame) -> bytes:
    """The frame as a UTF-8 JSON array of row objects (``[{"column": value, …}, …]``); dates
    as ISO strings, lists as arrays, missing values as null."""
    rows = _plain(df, join_lists=False).astype(object).where(lambda d: d.notna(), None)
    records = rows.to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1, default=_json_default).encode("utf-8")


def _json_default(value):
    if hasattr(value, "item"):       # numpy scalars
        return value.item()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def frame_xlsx(df: pd.DataFrame, *, sheet: str = XLSX_SHEET) -> bytes:
    """The frame as an Excel workbook (one sheet, header row frozen, columns sized to fit).

    Every string is stored as a string: text that starts with "=" stays text (no formula),
    addresses are not turned into links, digits are not turned into numbers.

    Args:
        df: the frame.
        sheet: the sheet name.
    Returns:
        XLSX bytes.
    """
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    plain = _plain(df, join_lists=True)
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        plain.to_excel(writer, sheet_name=sheet, index=False)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes(1, 0)
        for i, col in enumerate(plain.columns):
            longest = max([len(str(col))] + [len(str(v)) for v in plain[col].head(500) if v is not None])
            worksheet.set_column(i, i, min(max(8, longest + 2), 80))
    return buffer.getvalue()
