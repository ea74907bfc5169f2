"""The first line of a plain-text article: a ``date YYYY-MM-DD PLACE/PLACE:`` header (the
project's seed format) or a wire-service dateline ("MOSCOW, Dec 2 (Reuters) - …", read by
:func:`components.datelines.read_dateline`), split off the body into date, dateline places and
source (the agency or outlet the dateline credits).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..datelines import ANY_NAME, OTHER_PLACES, SPACE, place_name, read_dateline
from .dates import read_date

_PLACES = ANY_NAME + OTHER_PLACES
_DATE_HEADER = re.compile(
    rf"\A\s*(?i:date):?{SPACE}+(?P<date>\d{{4}}-\d{{1,2}}-\d{{1,2}})(?:{SPACE}+(?P<places>{_PLACES}){SPACE}*:)?"
    rf"{SPACE}*\n?")


class Header(NamedTuple):
    """What the first line said. body: the text with the header removed (stripped);
    date: ``YYYY-MM-DD`` or None; dateline: place names in order; source: the agency or outlet
    credited in the dateline ("Reuters", see :class:`components.datelines.Dateline`) or None; date_problem: why the
    header's date is not used (out of range or impossible, see
    :func:`~components.ingest.dates.read_date`), else None."""

    body: str
    date: str | None
    dateline: tuple[str, ...]
    source: str | None
    date_problem: str | None = None


def split_header(text: str) -> Header:
    """Split a ``date …`` header or a wire dateline off the start of ``text``.

    text: a whole plain-text article.
    Returns a :class:`Header`; when there is no header, ``body`` is ``text`` stripped and the
    other fields are empty.
    """
    text = text.lstrip()
    date = problem = None
    places: tuple[str, ...] = ()
    m = _DATE_HEADER.match(text)
    if m:
        date, problem = read_date(m["date"])
        if m["places"]:
            places = tuple(place_name(p) for p in m["places"].split("/"))
        text = text[m.end():]
    source = None
    if not places:
        wire = read_dateline(text)
        if wire:
            text, places, source = text[wire.end:], wire.places, wire.agency
    return Header(text.strip(), date, places, source, problem)
