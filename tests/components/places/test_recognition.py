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
