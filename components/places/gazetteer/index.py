"""The gazetteer's index: places (:class:`Entry`), the places a name may refer to
(:class:`Candidate`), how well known each is before any context (:func:`prominence`) and the
lookup by name (:class:`Gazetteer`)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from ...lexicon.normalise import name_key

# Kinds of entry; admin1 (states) and admin2 (counties) are both ``admin`` in a Place.
KINDS = ("country", "admin1", "admin2", "city", "other")
# How well known a place is, before any context (see :func:`prominence`).
KIND_PRIOR = {"country": 3.0, "admin1": 1.8, "other": 2.5, "city": 0.0, "admin2": -0.5}
ALTERNATE_PENALTY = 2.0
CAPITAL_BONUS = 3.0


class Entry(NamedTuple):
    """One place. ``kind`` is one of :data:`KINDS`; ``admin1`` is the GeoNames admin1 key
    ``"US.TX"`` of the place (a state's own key for a state), None if unknown."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    kind: str
    population: int
    capital: bool = False

    @property
    def feature(self) -> str:
        """The Place feature class: country | admin | city | other."""
        return "admin" if self.kind.startswith("admin") else self.kind


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to; ``primary`` is True when the name is the place's own name
    (or a listed alias of a country or state), False for a GeoNames alternate name."""

    entry: Entry
    primary: bool


def prominence(entry: Entry, primary: bool) -> float:
    """How likely a bare mention of the name means ``entry``, before any context: log10 of the
    population, plus :data:`KIND_PRIOR` of its kind, plus :data:`CAPITAL_BONUS` for a national
    capital, less :data:`ALTERNATE_PENALTY` when the name is only an alternate name of it."""
    return (math.log10(entry.population + 10) + KIND_PRIOR[entry.kind]
            - (0.0 if primary else ALTERNATE_PENALTY) + (CAPITAL_BONUS if entry.capital else 0.0))


class Gazetteer:
    """The built index: ``entries`` (a list of :class:`Entry` tuples) and ``names`` (lookup key,
    :func:`~components.lexicon.normalise.name_key` → the places so called, best known first, each
    coded as ``2 * entry index + primary``: an int for one place, a tuple for several, which keeps
    the index small); ``countries`` (alpha-2 code → entry index) and ``admin1`` (GeoNames admin1
    key → entry index). Use :func:`components.places.gazetteer.load` to get the process-wide
    instance."""

    def __init__(self, entries: list[tuple], names: dict[str, int | tuple[int, ...]],
                 countries: dict[str, int], admin1: dict[str, int]):
        self.entries = entries
        self.names = names
        self.countries = countries
        self.admin1 = admin1

    def lookup(self, name: str) -> list[Candidate]:
        """All places called ``name`` (any case, accents, "St."/"Saint"), best known first (by
        :func:`prominence`). Empty if the name is unknown."""
        hits = self.names.get(name_key(name), ())
        if isinstance(hits, int):
            hits = (hits,)
        return [Candidate(Entry(*self.entries[h >> 1]), bool(h & 1)) for h in hits]

    def country(self, code: str) -> Entry | None:
        """The country with ISO alpha-2 ``code``, or None."""
        i = self.countries.get((code or "").upper())
        return Entry(*self.entries[i]) if i is not None else None

    def state(self, admin1: str) -> Entry | None:
        """The admin1 area with GeoNames key ``admin1`` ("US.TX"), or None."""
        i = self.admin1.get(admin1)
        return Entry(*self.entries[i]) if i is not None else None
