"""Publication dates from whatever a feed or a spreadsheet gives, normalised to ``YYYY-MM-DD``,
and kept only inside a sane window (:data:`EARLIEST` .. :data:`LATEST`).

:func:`read_date` says why a given value is not used ("date '9999-12-31' is outside 1800–2100;
stored without a date"); the readers report that as a Problem for the article's origin and
store the article undated. A missing date is not a problem. :func:`in_window` is the one check
of the window, used by the store too.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
import warnings
from typing import NamedTuple

# The dates an article may carry; anything outside is a typo or a placeholder (9999-12-31).
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2100, 12, 31)
WINDOW = f"{EARLIEST.year}–{LATEST.year}"
# A date written year first: 2024-12-02, 2024/12/02, 2024.12.02, 2024-12-02T10:00:00Z.
_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
# A compact date: 20241202.
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# ISO 8601's basic format with a time (NITF's ``norm`` dates): 20241202T101500Z, 20241202T1015+0100.
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})T\d{2,6}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")
# A four-digit year somewhere in the string; without one a string is not a full date.
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Epoch timestamps read as such (seconds, then milliseconds): 1973-03-03 .. 2286-11-20.
_EPOCH_SECONDS = (1e8, 1e10)
_EPOCH_MILLIS = (1e11, 1e13)
# A letter of any script (a month's name); digits and punctuation alone are not read as a date
# in another language.
_LETTER = re.compile(r"[^\W\d_]")
# A number of one or two digits: a day ("Copyright 1993 The Times" has none, so no date is sought).
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_TWO_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))
#: Days that software writes where a date is missing (the zero of a common clock), never read as
#: a publication date: the article is stored undated, with a Problem saying why.
PLACEHOLDER_DATES: dict[dt.date, str] = {
    dt.date(1970, 1, 1): "the first day of Unix time: a timestamp of 0",
    dt.date(1900, 1, 1): "day zero of SQL Server's datetime and day 1 of Excel's",
    dt.date(1899, 12, 31): "day zero of Excel's 1900 date system",
    dt.date(1899, 12, 30): "day zero of OLE Automation and Excel serial dates",
}
_MAX_CHARS = 100
_SHOWN_CHARS = 40


class DateReading(NamedTuple):
    """What a date value gave. date: ``YYYY-MM-DD`` inside the window, or None; problem: why a
    value that was given is not used (a Problem reason), None when it is used or was missing."""

    date: str | None
    problem: str | None


def read_date(value: object) -> DateReading:
    """Read ``value`` as a publication date.

    value: a string in any common form ("2024-12-02", "2024-12-02T10:15:00+03:00",
        "Mon, 02 Dec 2024 10:00:00 GMT", "2 December 2024", "20241202", "20241202T101500Z",
        "12/02/2024" — read month
        first, the US convention), an epoch timestamp in seconds or milliseconds (a number or a
        string of digits), a ``date``/``datetime``, or None/"" (missing). A date with a time zone
        keeps the calendar day as written.
    Returns the ISO date when it is a full date inside :data:`EARLIEST` .. :data:`LATEST` and not
    one of the :data:`PLACEHOLDER_DATES`; else no date and, unless the value was missing, the
    reason ("date 'December 2024' is unreadable (expected a day, month and year); stored without
    a date"). Never raises.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateReading(None, None)
    try:
        day = _parse(value)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        day = None
    shown = _show(value)
    if day is None:
        return DateReading(None, f"date {shown} is unreadable (expected a day, month and year); "
                                 "stored without a date")
    if not in_window(day):
        return DateReading(None, f"date {shown} is outside {WINDOW}; stored without a date")
    if day in PLACEHOLDER_DATES:
        return DateReading(None, f"date {shown} is a placeholder for a missing date ({PLACEHOLDER_DATES[day]}); "
                                 "stored without a date")
    return DateReading(day.isoformat(), None)


def normalise_date(value: object) -> str | None:
    """``value`` as an ISO date ``YYYY-MM-DD`` inside the window, or None (see :func:`read_date`)."""
    return read_date(value).date


def in_window(day: dt.date) -> bool:
    """True when ``day`` lies inside :data:`EARLIEST` .. :data:`LATEST`."""
    return EARLIEST <= day <= LATEST


def _parse(value: object) -> dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    s = value.strip()
    if len(s) > _MAX_CHARS:
        return None
    m = _ISO.match(s) or _ISO_BASIC.match(s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if s.isascii() and s.isdigit():
        m = _COMPACT.match(s)
        return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else _from_epoch(float(s))
    if not _YEAR.search(s):
        return None
    return _with_dateutil(s)


def _from_epoch(x: float) -> dt.date | None:
    if not math.isfinite(x):
        return None
    if _EPOCH_MILLIS[0] <= x < _EPOCH_MILLIS[1]:
        x /= 1000
    if not (_EPOCH_SECONDS[0] <= x < _EPOCH_SECONDS[1]):
        return None
    return (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=x)).date()


def _with_dateutil(s: str) -> dt.date | None:
    """Parse ``s`` twice with different defaults: a part that the string lacks (the day in
    "December 2024") shows up as a difference, and then the date is not complete. A string
    dateutil cannot read goes to :func:`_in_other_languages`."""
    from dateutil import parser

    try:
        with warnings.catch_warnings():  # ("EST": a zone it does not know; the day is what is kept)
            warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
            a, b = (parser.parse(s, default=d) for d in _TWO_DEFAULTS)
    except (ValueError, OverflowError):
        return _in_other_languages(s)
    if a.date() != b.date():
        return None
    return a.date()


@functools.lru_cache(maxsize=4096)
def _in_other_languages(s: str) -> dt.date | None:
    """A full date written with a month's name in another language ("9 Januar 1993", "1. Februar
    2012", "3 de marzo de 2020", "28 мая 2018 г.", "2018年5月28日"), as news databases export them
    in their user's language: read by dateparser with the month and day names of Unicode's CLDR;
    None for a string without letters or without a number besides the year (a day), or one that
    lacks the day, month or year. (Its first reading loads the names of every language: ~2 s,
    once per process; a reading takes ~5 ms, so each string is read once: an export repeats its
    dates.)"""
    if not _LETTER.search(s) or not _DAY.search(s):
        return None
    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (its own deprecation notes, not the user's business)
        found = dateparser.parse(s, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return found.date() if found is not None else None


def _show(value: object) -> str:
    """``value`` as quoted in a Problem reason, cut to a readable length."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


# The dates a web page may carry: none before 1900 and none after tomorrow (a page a time zone
# ahead of the reader's clock is fine; a later one is a placeholder or a typo).
PAGE_EARLIEST = dt.date(1900, 1, 1)
# A date in a URL's path: /2024/03/05/, 2024-03-05, 2024_03_05, /20240305/.
_URL_DATE = re.compile(r"(?<![\d])((?:19|20)\d{2})([-/_.]?)(\d{2})\2(\d{2})(?![\d])")


def page_date(value: object, *, today: dt.date | None = None) -> str | None:
    """``value`` (as :func:`read_date` reads it) as an ISO date when it lies between
    :data:`PAGE_EARLIEST` and tomorrow (``today``: the reference day, default the system's),
    else None."""
    day = normalise_date(value)
    if day is None:
        return None
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return day if PAGE_EARLIEST <= dt.date.fromisoformat(day) <= latest else None


def date_in_url(url: str | None, *, today: dt.date | None = None) -> str | None:
    """The publication date written in a URL's path (``/2024/03/05/``, ``/20240305/``,
    ``story-2024-03-05``) as an ISO date checked as :func:`page_date` checks it, or None (no
    such date, an impossible one, or several that disagree)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    found = set()
    for m in _URL_DATE.finditer(path):
        try:
            day = dt.date(int(m[1]), int(m[3]), int(m[4]))
        except ValueError:
            continue
        found.add(page_date(day, today=today))
    found.discard(None)
    return found.pop() if len(found) == 1 else None
