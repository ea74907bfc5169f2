"""The gazetteer's index on a tiny hand-built one: lookup by any spelling, the primary flag,
best known first, countries and states by code."""
from __future__ import annotations

from components.places.gazetteer import Entry, Gazetteer, prominence

ENTRIES = [
    (1, "Paris", 48.85, 2.35, "FR", "FR.11", "city", 2_000_000, True),
    (2, "Paris", 33.66, -95.56, "US", "US.TX", "city", 25_000, False),
    (3, "France", 46.0, 2.0, "FR", None, "country", 67_000_000, False),
    (4, "Texas", 31.0, -99.0, "US", "US.TX", "admin1", 29_000_000, False),
]
TINY = Gazetteer(ENTRIES, {"paris": (0 * 2 + 1, 1 * 2 + 1), "lutece": 0 * 2, "france": 2 * 2 + 1},
                 {"FR": 2}, {"US.TX": 3})


def test_lookup_finds_every_place_of_a_name_in_index_order_whatever_the_spelling():
    hits = TINY.lookup("  PARIS ")
    assert [(c.entry.geonameid, c.primary) for c in hits] == [(1, True), (2, True)]
    assert hits[0].entry == Entry(*ENTRIES[0]) and hits[0].entry.feature == "city"


def test_an_alternate_name_is_not_primary_and_an_unknown_name_finds_nothing():
    assert [(c.entry.name, c.primary) for c in TINY.lookup("Lutèce")] == [("Paris", False)]
    assert TINY.lookup("Lyon") == []


def test_countries_and_states_by_code():
    assert TINY.country("fr").name == "France" and TINY.country("DE") is None
    assert TINY.state("US.TX").feature == "admin" and TINY.state("US.CA") is None


def test_prominence_prefers_the_capital_and_the_own_name():
    capital, town = Entry(*ENTRIES[0]), Entry(*ENTRIES[1])
    assert prominence(capital, True) > prominence(town, True) > prominence(town, False)
