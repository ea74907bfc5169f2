"""components.places.choices: the gazetteer's places an analyst may pick for a place name, each
told apart by its label and ready to be a ``place_pick`` correction's value."""
from __future__ import annotations

import json

from components.places.choices import MOST, choices
from components.store.corrections import PLACE_FIELDS, picked_place, place_value


def test_places_of_one_name_are_told_apart_by_state_and_country():
    springfields = choices("Springfield")
    labels = [c.label for c in springfields]
    assert len(springfields) > 5 and len(set(labels)) == len(labels)
    assert labels[0].startswith("Springfield — city or town, Missouri, United States (pop. ")  # best known first
    assert any(", Illinois, United States" in label for label in labels)


def test_a_country_and_a_state_of_the_same_name_are_both_offered():
    kinds = {(c.entry.kind, c.entry.country_code) for c in choices("georgia")}  # (any case)
    assert {("country", "GE"), ("admin1", "US")} <= kinds


def test_each_choice_is_a_place_a_correction_takes_as_it_is():
    for c in choices("Paris"):
        assert set(c.place) == set(PLACE_FIELDS)
        assert picked_place(place_value(c.place)) == json.loads(json.dumps(c.place))


def test_a_name_the_gazetteer_lacks_offers_nothing_and_a_common_one_at_most_the_limit():
    assert choices("Qwxyzville") == []
    assert 0 < len(choices("San José")) <= MOST
