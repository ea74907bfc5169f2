"""US states and Canadian provinces: one table of names and abbreviations, read by the gazetteer,
the dateline header and the sentence splitter of quotes."""
from __future__ import annotations

import pytest

from components.ingest.header import split_header
from components.lexicon.reporting import ABBREVIATIONS
from components.lexicon.subdivisions import CA_PROVINCES, US_STATES, us_abbreviations, us_state_of_abbreviation
from components.places import gazetteer


def test_every_state_and_the_district_once():
    assert len(US_STATES) == 51 and all(len(code) == 2 and code.isupper() for code in US_STATES)
    assert len(CA_PROVINCES) == 10


@pytest.mark.parametrize("abbr, name", [("Ill.", "Illinois"), ("Calif.", "California"), ("W.Va.", "West Virginia"),
                                        ("Penn.", "Pennsylvania"), ("D.C.", "District of Columbia")])
def test_abbreviation_to_state(abbr, name):
    assert us_state_of_abbreviation()[abbr] == name


def test_two_letter_codes_are_not_abbreviations_of_a_dateline():
    assert "IN" not in us_state_of_abbreviation() and "OR" not in us_state_of_abbreviation()


def test_the_dateline_header_spells_out_the_abbreviation():
    assert split_header("SPRINGFIELD, Ill. (AP) \u2014 The vote was close.").dateline == ("Springfield", "Illinois")


def test_gazetteer_knows_every_abbreviation_as_its_state():
    gaz = gazetteer.load()
    for code, (name, abbrs) in US_STATES.items():
        if code == "DC":
            continue  # the district is Washington, a city, in GeoNames
        for abbr in (code, *abbrs):
            assert gaz.lookup(abbr)[0].entry.name == name, abbr
    assert gaz.lookup("Alta.")[0].entry.name == "Alberta"


def test_a_full_stop_after_a_state_abbreviation_does_not_end_a_sentence():
    assert {"calif", "n.y", "w.va", "tex"} <= us_abbreviations() <= ABBREVIATIONS
