"""The places an analyst may pick for a place name the machine resolved wrongly (a ``place_pick``
correction, :mod:`components.store.corrections`): the gazetteer's places of that name, best known
first (:func:`choices`), each with a label that tells them apart (:attr:`Choice.label`) and the
correction's value it becomes (:attr:`Choice.place`).

Loads no language model (importing the gazetteer imports the spaCy library, with the rules of
:mod:`components.places`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.countries import display_name
from .gazetteer import Entry, load

#: Places a lookup offers at most (a name like "Springfield" has dozens).
MOST = 40
#: How each kind of gazetteer entry is called in a label.
KIND_WORDS = {"country": "country", "admin1": "state or province", "admin2": "county or district",
              "city": "city or town", "other": "region"}


@dataclass(frozen=True)
class Choice:
    """One place a name may stand for: ``entry``, the gazetteer's record of it; ``label``, what
    tells it apart from the others of the name: ``Springfield — city or town, Missouri, United
    States (pop. 170,188; 37.22, -93.30)``."""

    entry: Entry
    label: str

    @property
    def place(self) -> dict:
        """The place as a ``place_pick`` correction's value holds it (see
        :data:`components.store.corrections.PLACE_FIELDS`)."""
        e = self.entry
        return {"name": e.name, "country_code": e.country_code, "lat": round(e.lat, 5), "lon": round(e.lon, 5),
                "geonameid": e.geonameid, "feature": e.feature}


def choices(name: str, *, most: int = MOST) -> list[Choice]:
    """The gazetteer's places called ``name`` (any case or accents; alternate names too), best
    known first, each once, at most ``most``; empty for a name it does not know. Loads the
    gazetteer (from its disk cache, about a second; built once, 10-30 s, if there is none)."""
    gazetteer = load()
    out: dict[tuple, Choice] = {}
    for candidate in gazetteer.lookup(name):
        e = candidate.entry
        key = (e.geonameid, e.name, e.country_code, e.kind)
        if key not in out:
            state = gazetteer.state(e.admin1) if e.admin1 and e.kind in ("admin2", "city", "other") else None
            out[key] = Choice(e, _label(e, state.name if state else None))
    return list(out.values())[:most]


def _label(e: Entry, state: str | None) -> str:
    """See :attr:`Choice.label`; ``state``: the name of the state or province it lies in."""
    where = [KIND_WORDS.get(e.kind, e.kind)] + ([state] if state else [])
    if e.country_code and e.kind != "country":
        where.append(display_name(e.country_code) or e.country_code)
    facts = ([f"pop. {e.population:,}"] if e.population else []) + [f"{e.lat:.2f}, {e.lon:.2f}"]
    return f"{e.name} — {', '.join(where)} ({'; '.join(facts)})"
