"""Places, recognition: which spans are toponyms (demonyms, names spaCy labelled otherwise, names
inside other names), run through find_places on hand-built Docs.

Docs are built by hand with a blank English tokenizer and the entities a tagger would set."""
from __future__ import annotations

import pytest

from components.places import find_places
from tests.components.places import by_text, km
from tests.handmade_docs import make_doc


@pytest.mark.parametrize("word, name, cc, feature", [
    ("Syrian", "Syria", "SY", "country"), ("Russians", "Russia", "RU", "country"),
    ("European", "Europe", None, "other"),
])
def test_demonym_stands_for_its_country_or_continent(word, name, cc, feature):
    doc = make_doc(f"{word} officials met on Monday.", [(word, "NORP")])
    [p] = find_places(doc)
    assert (p.text, p.name, p.country_code, p.feature) == (word, name, cc, feature)


def test_word_of_a_persons_name_is_not_a_place():
    doc = make_doc("Mikheil Saakashvili spoke. Later Saakashvili left.",
                   [("Mikheil Saakashvili", "PERSON"), ("Saakashvili", "GPE")])
    assert find_places(doc) == []


def test_place_names_spacy_labelled_otherwise():
    doc = make_doc("Rebels took Aleppo while officials from Ohio watched.",
                   [("Aleppo", "NORP"), ("Ohio", "ORG")])
    places = by_text(find_places(doc))
    assert places["Aleppo"].name == "Aleppo" and places["Aleppo"].country_code == "SY"
    assert places["Ohio"].feature == "admin"


@pytest.mark.parametrize("text, ents, expected", [
    # a large city the model took for a person, joined to a place just before it
    ("Trade between Beirut and Accra grew.", [("Beirut", "GPE"), ("Accra", "PERSON")], {"Beirut", "Accra"}),
    # and the next one joined to that one
    ("Flights link Beirut and Accra and Rotterdam.", [("Beirut", "GPE"), ("Accra", "PERSON"),
                                                       ("Rotterdam", "PERSON")], {"Beirut", "Accra", "Rotterdam"}),
    ("Talks in Lagos or Accra were planned.", [("Lagos", "GPE"), ("Accra", "PERSON")], {"Lagos", "Accra"}),
    # not joined to a place, or not a large city: still a person
    ("Smith and Accra spoke on Monday.", [("Smith", "PERSON"), ("Accra", "PERSON")], set()),
    ("Officials in Kenya and Ruto met.", [("Kenya", "GPE"), ("Ruto", "PERSON")], {"Kenya"}),
])
def test_large_city_joined_by_and_to_a_place_is_a_place(text, ents, expected):
    """The places step takes these as the actors step does (components.actors.mentions): a
    name it drops from the actors is on the map."""
    assert {p.text for p in find_places(make_doc(text, ents))} == expected


def test_place_at_the_start_of_an_organisation_name():
    text = "The Ohio Department of Natural Resources closed the park."
    doc = make_doc(text, [("Ohio Department of Natural Resources", "ORG")])
    [ohio] = find_places(doc)
    assert (ohio.start, ohio.end, ohio.name) == (4, 8, "Ohio")


def test_organisation_that_is_not_a_place_gives_nothing():
    doc = make_doc("Apple said sales rose.", [("Apple", "ORG")])
    assert find_places(doc) == []


def test_slash_joined_names_are_two_places():
    doc = make_doc("MOSCOW/Tehran: talks went on.", [("MOSCOW/Tehran", "GPE")])
    places = find_places(doc)
    assert [(p.text, p.country_code) for p in places] == [("MOSCOW", "RU"), ("Tehran", "IR")]
    assert km(places[1], 35.69, 51.42) < 30  # the city, not its province


@pytest.mark.parametrize("text, ent, inner", [
    ("The row has drawn in Amara Okonjo of the alliance.", "Amara Okonjo", "Amara"),
    ("Talks with Lagos Mensah ended.", "Lagos Mensah", "Lagos"),
])
def test_person_mistagged_as_place_yields_no_inner_place(text, ent, inner):
    doc = make_doc(text, [(ent, "GPE")])
    assert all(p.name != inner for p in find_places(doc))


def test_generic_words_around_a_known_name_keep_the_inner_place():
    doc = make_doc("Storms hit Northeast Georgia on Monday in Atlanta.", [("Northeast Georgia", "GPE"), ("Atlanta", "GPE")])
    assert any(p.name == "Georgia" and p.country_code == "US" for p in find_places(doc))


# A name the article uses for a person is no place there, whatever the tagger calls each mention.
@pytest.mark.parametrize("text, ents", [
    # the GPE mention used to put the name among the article's places, so its ORG mention was taken
    ("Dana Mayer runs the bakery. Mayer said sales rose. Mayer expects more.",
     [("Dana Mayer", "PERSON"), ("Mayer", "GPE"), ("Mayer", "ORG")]),
    # after an honorific, without the full name in the article
    ("Ms Mayer said sales rose. Mayer expects more.", [("Mayer", "PERSON"), ("Mayer", "GPE")]),
])
def test_name_the_article_uses_for_a_person_is_not_a_place(text, ents):
    assert find_places(make_doc(text, ents)) == []


def test_persons_name_with_place_context_stays_a_place():
    doc = make_doc("Dana Mayer grew up in Mayer and still lives there.",
                   [("Dana Mayer", "PERSON"), ("Mayer", "GPE")])
    [mayer] = find_places(doc)
    assert (mayer.text, mayer.country_code) == ("Mayer", "US")


@pytest.mark.parametrize("person, place, feature", [("Leo Jordan", "Jordan", "country"),
                                                   ("Freemason Pavlov Joins Sochi", "Sochi", "city")])
def test_well_known_place_that_ends_a_persons_name_stays_a_place_in_its_country(person, place, feature):
    doc = make_doc(f"{person} met officials. {place} voters met, Russian media said.",
                   [(person, "PERSON"), (place, "GPE"), ("Russian", "NORP")])
    assert [(p.text, p.feature) for p in find_places(doc) if p.text == place] == [(place, feature)]


def test_large_city_that_ends_a_persons_name_far_from_the_articles_places_is_not_a_place():
    doc = make_doc("Mayor Ken Livingstone spoke in London. Livingstone said fares would rise.",
                   [("Ken Livingstone", "PERSON"), ("London", "GPE"), ("Livingstone", "GPE")])
    assert [p.text for p in find_places(doc)] == ["London"]


@pytest.mark.parametrize("text, abbr, state", [("Rep. Ann Lee, D-Calif, spoke.", "Calif", "California"),
                                               ("A farmer from Ind. spoke.", "Ind.", "Indiana")])
def test_state_abbreviation_after_a_party_or_with_its_stop_is_the_state(text, abbr, state):
    doc = make_doc(text, [(abbr, "GPE")])
    assert [p.name for p in find_places(doc)] == [state]


@pytest.mark.parametrize("text, ents", [
    ("The probe reached Mars after a long flight.", [("Mars", "LOC")]),
    ("Light from the Sun takes eight minutes to reach Earth.", [("Sun", "LOC"), ("Earth", "LOC")]),
])
def test_celestial_body_is_not_a_place(text, ents):
    assert find_places(make_doc(text, ents)) == []


def test_town_named_like_a_planet_with_a_state_after_it_is_a_place():
    doc = make_doc("The fair in Mars, Pennsylvania drew crowds.", [("Mars", "GPE"), ("Pennsylvania", "GPE")])
    mars = by_text(find_places(doc))["Mars"]
    assert mars.country_code == "US" and km(mars, 40.70, -80.01) < 30


def test_state_abbreviation_without_its_full_stop_is_not_the_state():
    doc = make_doc("The public broadcaster Kan reported the vote.", [("Kan", "ORG")])
    assert [p.name for p in find_places(doc)] == []


def test_state_abbreviation_with_its_full_stop_is_the_state():
    doc = make_doc("Farmers in Topeka, Kan. waited for rain.", [("Topeka", "GPE"), ("Kan.", "GPE")])
    assert by_text(find_places(doc))["Topeka"].country_code == "US"
    assert by_text(find_places(doc))["Kan."].name == "Kansas"


@pytest.mark.parametrize("ents", [
    [("the Western District of New York", "GPE")],
    [("the Western District of New York", "ORG")],
    [("Western District", "GPE"), ("New York", "GPE")],
])
def test_district_of_a_state_is_in_that_state(ents):
    doc = make_doc("A judge in the Western District of New York ruled on Monday.", ents)
    places = find_places(doc)
    assert [(p.text, p.name, p.feature) for p in places] == [("New York", "New York", "admin")]


def test_bare_district_named_before_with_its_state_is_that_state():
    doc = make_doc("The Southern District of New York charged him. The Southern District declined to comment.",
                   [("The Southern District of New York", "ORG"), ("Southern District", "GPE")])
    places = find_places(doc)
    assert [(p.text, p.country_code, p.feature) for p in places] == [("New York", "US", "admin"),
                                                                     ("Southern District", "US", "admin")]
