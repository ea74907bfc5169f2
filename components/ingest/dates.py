"""Publication dates from whatever a feed or a spreadsheet gives, normalised to ``YYYY-MM-DD``."""
from __future__ import annotations

import datetime as dt
import re

# A date written year first: 2024-12-02, 2024/12/02, 2024.12.02, 2024-12-02T10:00:00Z.
_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
# A plausible four-digit year somewhere in the string; without one a string is not a date.
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
# Epoch timestamps accepted (seconds, then milliseconds): 1973-03-03 .. 2286-11-20.
_EPOCH_SECONDS = (1e8, 1e10)
_EPOCH_MILLIS = (1e11, 1e13)
_TWO_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def normalise_date(value: object) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or None when it is not a full date.

    value: a string in any common form ("2024-12-02", "2024-12-02T10:15:00+03:00",
        "Mon, 02 Dec 2024 10:00:00 GMT", "2 December 2024", "12/02/2024" — read month first,
        the US convention), an epoch timestamp in seconds or milliseconds, a ``date``/``datetime``,
        or None. A date with a time zone keeps the calendar day as written.
    Never raises: anything unparseable, partial ("December 2024") or absurd gives None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 100:
        return None
    m = _ISO.match(s)
    if m:
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    if s.isdigit():
        return _from_epoch(float(s))
    if not _YEAR.search(s):
        return None
    return _with_dateutil(s)


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_epoch(x: float) -> str | None:
    if _EPOCH_MILLIS[0] <= x < _EPOCH_MILLIS[1]:
        x /= 1000
    if not (_EPOCH_SECONDS[0] <= x < _EPOCH_SECONDS[1]):
        return None
    return dt.datetime.fromtimestamp(x, tz=dt.timezone.utc).date().isoformat()


def _with_dateutil(s: str) -> str | None:
    """Parse ``s`` twice with different defaults: a part that the string lacks (the day in
    "December 2024") shows up as a difference, and then the date is not complete."""
    from dateutil import parser

    try:
        a, b = (parser.parse(s, default=d) for d in _TWO_DEFAULTS)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None
    if a.date() != b.date():
        return None
    return a.date().isoformat()
