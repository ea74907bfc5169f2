"""Resolution: which gazetteer place each toponym is (:func:`resolve`).

Every gazetteer candidate of a mention is scored by its prominence (population and feature
class, :func:`components.places.gazetteer.prominence`) plus the article's context: the
dateline, the countries and states named or implied by the other places, an explicit "City,
State" / "City, Country" pair, and closeness to the other places resolved — so "Paris" is in
Texas when the article is datelined there or names Texas, and in France otherwise. A name the
gazetteer lacks stays unresolved, except a street (:mod:`.streets`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from .gazetteer import Candidate, Entry, prominence
from .recognition import Mention
from .streets import locate_streets
from ..lexicon.normalise import name_key

# Context bonuses, added to a candidate's prominence (see components.places.gazetteer.prominence).
COUNTRY_BONUS = 2.0
ADMIN1_BONUS = 3.0  # in the state of other places named
STATE_NAMED_BONUS = 4.0  # in a state the article names outright ("Texas")
DATELINE_COUNTRY_BONUS = 2.0
DATELINE_ADMIN1_BONUS = 3.5
PAIR_BONUS = 8.0
DATELINE_CITY_BONUS = 3.0
NEAR_KM = 150.0
NEAR_BONUS = 1.5
# A candidate near some reading of other names in the article ("Mansfield" and "Arlington" both
# have a Texas reading 15 km apart) gains this much per such name, up to two names; names
# with more readings than MAX_READINGS ("Washington") are too vague to vouch for anything.
GRID_BONUS = 1.0
ALTERNATE_CONTEXT = 0.5
MAX_READINGS = 12


def _km(a: Entry, b: Entry) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    x = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(x)))


def _dateline_prior(c: Candidate) -> float:
    """A dateline names a city ("WASHINGTON", "NEW YORK"), seldom a state: cities gain
    :data:`DATELINE_CITY_BONUS` and their alternate names count in full."""
    if c.entry.kind == "city":
        return prominence(c.entry, True) + DATELINE_CITY_BONUS
    return _prior(c)


def near(a: Entry, b: Entry) -> bool:
    """Whether ``a`` and ``b`` lie within :data:`NEAR_KM` (a cheap latitude test first)."""
    return abs(a.lat - b.lat) < NEAR_KM / 100.0 and _km(a, b) < NEAR_KM


def _prior(c: Candidate) -> float:
    return prominence(c.entry, c.primary)


@dataclass
class _Context:
    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    named_admin1: set[str] = field(default_factory=set)  # states the article names outright
    points: list[tuple[str, Entry]] = field(default_factory=list)  # (name key, place)
    line_countries: set[str] = field(default_factory=set)
    line_admin1: set[str] = field(default_factory=set)
    line_points: list[Entry] = field(default_factory=list)
    grid: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # 1° cell → name keys


def _cell(e: Entry) -> tuple[int, int]:
    return int(math.floor(e.lat)), int(math.floor(e.lon))


def _grid(keys: list[str], mentions: list[Mention]) -> dict[tuple[int, int], set[str]]:
    grid: dict[tuple[int, int], set[str]] = {}
    for key, m in zip(keys, mentions):
        if len(m.candidates) > MAX_READINGS:
            continue
        for c in m.candidates:
            if c.primary and c.entry.kind in ("city", "admin2"):
                grid.setdefault(_cell(c.entry), set()).add(key)
    return grid


def _context(chosen: list[tuple[str, Entry]], lines: list[Entry]) -> _Context:
    ctx = _Context()
    for idx, e in chosen:
        if e.country_code:
            ctx.countries[e.country_code] = ctx.countries.get(e.country_code, 0) + 1
        if e.admin1:
            ctx.admin1[e.admin1] = ctx.admin1.get(e.admin1, 0) + 1
        if e.kind == "admin1":
            ctx.named_admin1.add(e.admin1)
        if e.kind in ("city", "admin2"):
            ctx.points.append((idx, e))
    for e in lines:
        if e.country_code:
            ctx.line_countries.add(e.country_code)
        if e.admin1:
            ctx.line_admin1.add(e.admin1)
        if e.kind in ("city", "admin2"):
            ctx.line_points.append(e)
    return ctx


def _score(c: Candidate, key: str, own: Entry | None, ctx: _Context, hint: set[str]) -> float:
    e = c.entry
    s = prior = _prior(c)
    if hint and (e.admin1 in hint or e.country_code in hint):
        s += PAIR_BONUS
    own_cc = own.country_code if own is not None else None
    own_a1 = own.admin1 if own is not None else None
    if e.country_code:
        n = ctx.countries.get(e.country_code, 0) - (1 if own_cc == e.country_code else 0)
        if n > 0:
            s += COUNTRY_BONUS * min(1.0, 0.5 + 0.25 * n)
        if e.country_code in ctx.line_countries:
            s += DATELINE_COUNTRY_BONUS
    if e.admin1 and e.kind != "admin1":
        n = ctx.admin1.get(e.admin1, 0) - (1 if own_a1 == e.admin1 else 0)
        if e.admin1 in ctx.named_admin1:
            s += STATE_NAMED_BONUS
        elif n > 0:
            s += ADMIN1_BONUS * min(1.0, 0.5 + 0.25 * n)
        if e.admin1 in ctx.line_admin1:
            s += DATELINE_ADMIN1_BONUS
    if e.kind in ("city", "admin2"):
        if ctx.grid:
            la, lo = _cell(e)
            names = set()
            for dla in (-1, 0, 1):
                for dlo in (-1, 0, 1):
                    names |= ctx.grid.get((la + dla, lo + dlo), set())
            names.discard(key)
            s += GRID_BONUS * min(2, len(names))
        if any(j != key and near(e, p) for j, p in ctx.points):
            s += NEAR_BONUS
        if any(near(e, p) for p in ctx.line_points):
            s += NEAR_BONUS
    if not c.primary:  # context counts half for a reading reached through an alternate name
        s = prior + ALTERNATE_CONTEXT * (s - prior)
    return s


def resolve(mentions: list[Mention], *, dateline: Sequence[Mention] = ()) -> None:
    """Choose a gazetteer place for every mention (sets ``Mention.choice``; left None when the
    gazetteer has no candidate). Dateline mentions are resolved first, by prior and by each
    other; then the text's mentions, three times: first by prior and the dateline, then twice
    again with the countries, states and points chosen for the other names in the pass before
    (each distinct name counts once, and never as its own context). A name then means one place
    throughout the article unless the text qualifies a mention otherwise (:func:`_one_reading`)."""
    lines = list(dateline)
    for m in lines:
        m.choice = m.fixed or (max(m.candidates, key=_dateline_prior).entry if m.candidates else None)
    line_entries = [m.choice for m in lines if m.choice is not None]
    if len(lines) > 1:  # datelines resolve each other ("Paris/Texas")
        ctx = _context([(name_key(m.text), m.choice) for m in lines if m.choice], [])
        for m in lines:
            if m.candidates and not m.fixed:
                key = name_key(m.text)
                m.choice = max(m.candidates, key=lambda c: _score(c, key, m.choice, ctx, set())).entry
        line_entries = [m.choice for m in lines if m.choice is not None]
    empty = _context([], line_entries)
    keys = [name_key(m.text) for m in mentions]
    grid = _grid(keys, mentions)
    for m in mentions:
        if m.fixed is not None:
            m.choice = m.fixed
        elif m.candidates:
            m.choice = max(m.candidates, key=lambda c: _score(c, "", None, empty, m.hint)).entry
    for _ in range(2):
        chosen: dict[str, Entry] = {}
        for key, m in zip(keys, mentions):
            if m.choice is not None:
                chosen.setdefault(key, m.choice)
        ctx = _context(list(chosen.items()), line_entries)
        ctx.grid = grid
        for key, m in zip(keys, mentions):
            if m.fixed is None and len(m.candidates) > 1:
                m.choice = max(m.candidates,
                               key=lambda c: _score(c, key, chosen.get(key), ctx, m.hint)).entry
    _one_reading(keys, mentions)
    locate_streets(mentions, line_entries)


def _one_reading(keys: list[str], mentions: list[Mention]) -> None:
    """One name, one place within an article: every mention of a name (``keys``: their name
    keys) with the same readings takes the place of the first mention the text qualifies
    ("Paris, Texas"), else of the first mention; only a mention qualified itself ("Paris,
    France") keeps its own."""
    first: dict[tuple[str, tuple[Entry, ...]], Entry] = {}  # (name key, its readings) → its place
    for qualified in (True, False):
        for key, m in zip(keys, mentions):
            if m.choice is not None and m.fixed is None and bool(m.hint) == qualified:
                first.setdefault((key, _readings(m)), m.choice)
    for key, m in zip(keys, mentions):
        if m.fixed is None and not m.hint and (key, _readings(m)) in first:
            m.choice = first[key, _readings(m)]


def _readings(m: Mention) -> tuple[Entry, ...]:
    """The places ``m`` may be (its candidates' entries, in order)."""
    return tuple(c.entry for c in m.candidates)
