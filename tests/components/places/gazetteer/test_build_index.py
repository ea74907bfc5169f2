"""The index the gazetteer builds from the installed packages: alternate names, country aliases,
countries, states and their abbreviations, counties, regions.

The index is built from the installed packages on first use (cached under ~/.cache/dateline/),
so the first run of this file takes a few seconds longer."""
from __future__ import annotations

import pytest

from components.places import gazetteer
from components.places.gazetteer import Gazetteer
from components.places.gazetteer.build_index import is_short_form


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load()


@pytest.mark.parametrize("alias, canonical, cc", [
    ("Kiev", "Kyiv", "UA"), ("Peking", "Beijing", "CN"), ("Bombay", "Mumbai", "IN"),
])
def test_alternate_names_find_the_canonical_city(gaz, alias, canonical, cc):
    top = gaz.lookup(alias)[0]
    assert (top.entry.name, top.entry.country_code, top.entry.feature) == (canonical, cc, "city")
    assert top.primary is False  # matched through an alternate name


@pytest.mark.parametrize("alt, name, short", [
    ("Newcastle", "Newcastle upon Tyne", True), ("Westminster", "City of Westminster", True),
    ("Frankfurt", "Frankfurt am Main", True), ("Hull", "Kingston upon Hull", True),
    ("Oklahoma", "Oklahoma City", False),      # mostly the state
    ("Manhattan", "Manhattan Beach", False), ("Newcastle upon", "Newcastle upon Tyne", False),
    ("Kiev", "Kyiv", False),
])
def test_short_form_is_the_part_before_or_after_a_joining_word(alt, name, short):
    assert is_short_form(alt, name) is short


def test_a_short_form_counts_as_the_citys_own_name(gaz):
    # "Westminster" of "City of Westminster" (London) ranks above the larger US Westminster
    top = gaz.lookup("Westminster")[0]
    assert (top.entry.name, top.entry.country_code, top.primary) == ("City of Westminster", "GB", True)


@pytest.mark.parametrize("alias, code", [
    ("U.S.", "US"), ("America", "US"), ("UK", "GB"), ("Britain", "GB"), ("UAE", "AE"),
    ("Ivory Coast", "CI"),
])
def test_country_aliases(gaz, alias, code):
    top = gaz.lookup(alias)[0].entry
    assert (top.country_code, top.feature) == (code, "country")


def test_country_carries_code_point_and_geonameid(gaz):
    fr = gaz.country("FR")
    assert (fr.name, fr.feature, fr.geonameid) == ("France", "country", 3017382)
    assert 42 < fr.lat < 50 and -5 < fr.lon < 8


@pytest.mark.parametrize("name", ["Texas", "Tex.", "TX"])
def test_us_state_names_and_abbreviations(gaz, name):
    top = gaz.lookup(name)[0].entry
    assert (top.name, top.feature, top.admin1) == ("Texas", "admin", "US.TX")
    # the state's point is computed from its towns: well inside Texas
    assert 28 < top.lat < 34 and -104 < top.lon < -95


def test_two_capital_letters_are_a_code_not_a_name(gaz):
    assert gaz.lookup("AL")[0].entry.name == "Alabama"
    assert all(c.entry.name != "Alabama" for c in gaz.lookup("Al"))  # "Al Assad"
    assert gaz.lookup("US")[0].entry.country_code == "US"


def test_county_is_an_admin_area_in_its_state(gaz):
    hits = {c.entry.admin1 for c in gaz.lookup("Walker County")}
    assert {"US.TX", "US.GA", "US.AL"} <= hits
    assert all(c.entry.feature == "admin" for c in gaz.lookup("Walker County"))


def test_same_name_places_all_listed_best_known_first(gaz):
    paris = gaz.lookup("Paris")
    assert paris[0].entry.country_code == "FR"
    assert any(c.entry.country_code == "US" and c.entry.admin1 == "US.TX" for c in paris)


def test_continent_and_region(gaz):
    assert gaz.lookup("Europe")[0].entry.feature == "other"
    assert gaz.lookup("EU")[0].entry.name == "Europe"
    assert gaz.lookup("Middle East")[0].entry.feature == "other"


def test_unknown_name_finds_nothing(gaz):
    assert gaz.lookup("Zorbleton Heights") == []


def test_every_country_is_at_countryinfo_point(gaz):
    # one source for all: no country is moved by hand (Canada and the US were)
    from components.places.gazetteer.build_index import _country_points

    points = _country_points()
    assert len(gaz.countries) > 200
    for code in gaz.countries:
        c = gaz.country(code)
        assert (c.lat, c.lon) == points[code], code
    assert (gaz.country("CA").lat, gaz.country("CA").lon) == (60.0, -95.0)
    assert (gaz.country("US").lat, gaz.country("US").lon) == (38.0, -97.0)


def _mean(points):
    return (round(sum(p[0] for p in points) / len(points), 2), round(sum(p[1] for p in points) / len(points), 2))


def test_region_of_countries_is_at_the_mean_of_its_members(gaz):
    scandinavia = gaz.lookup("Scandinavia")[0].entry
    members = [gaz.country(c) for c in ("DK", "NO", "SE")]
    assert (scandinavia.lat, scandinavia.lon) == _mean([(m.lat, m.lon) for m in members])
    # UN M49 membership: Eastern Europe is Belarus to Russia, its point among them (Ukraine)
    east = gaz.lookup("Eastern Europe")[0].entry
    assert 44 < east.lat < 53 and 22 < east.lon < 40


def test_region_of_states_is_at_the_mean_of_its_states(gaz):
    new_england = gaz.lookup("New England")[0].entry
    states = [gaz.lookup(s)[0].entry for s in ("CT", "ME", "MA", "NH", "RI", "VT")]
    assert new_england.feature == "other"
    assert (new_england.lat, new_england.lon) == _mean([(s.lat, s.lon) for s in states])


@pytest.mark.parametrize("name, code", [("Western Cape", "ZA"), ("Northern Ireland", "GB"), ("Gaza Strip", "PS")])
def test_subdivisions_geonames_lists_come_from_geonames(gaz, name, code):
    top = gaz.lookup(name)[0].entry
    assert (top.feature, top.country_code) == ("admin", code) and top.geonameid
