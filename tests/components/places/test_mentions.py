"""Places: recognition (which spans are toponyms) and resolution (which place each one is).

Docs are built by hand with a blank English tokenizer and the entities a tagger would set, so
each rule is pinned without the model; one test (marked ``model``) runs the seed article."""
from __future__ import annotations

import math

import pytest

from components.places import find_places
from components.records import Place
from tests.handmade_docs import make_doc

def km(p: Place, lat: float, lon: float) -> float:
    p1, p2 = math.radians(p.lat), math.radians(lat)
    x = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon - p.lon) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(x))


def by_text(places: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in places}


def test_alternate_name_resolves_to_the_canonical_place():
    doc = make_doc("Talks were held in Kiev on Monday.", [("Kiev", "GPE")])
    [kiev] = find_places(doc)
    assert (kiev.start, kiev.end, kiev.text) == (19, 23, "Kiev")
    assert (kiev.name, kiev.country_code, kiev.feature, kiev.geonameid) == ("Kyiv", "UA", "city", 703448)
    assert km(kiev, 50.45, 30.52) < 20


@pytest.mark.parametrize("word, name, cc, feature", [
    ("Syrian", "Syria", "SY", "country"), ("Russians", "Russia", "RU", "country"),
    ("European", "Europe", None, "other"),
])
def test_demonym_stands_for_its_country_or_continent(word, name, cc, feature):
    doc = make_doc(f"{word} officials met on Monday.", [(word, "NORP")])
    [p] = find_places(doc)
    assert (p.text, p.name, p.country_code, p.feature) == (word, name, cc, feature)


def test_feature_class_and_country_code():
    doc = make_doc("Leaders from France, Ohio and Europe met.",
                   [("France", "GPE"), ("Ohio", "GPE"), ("Europe", "LOC")])
    got = {p.text: (p.name, p.country_code, p.feature) for p in find_places(doc)}
    assert got == {"France": ("France", "FR", "country"), "Ohio": ("Ohio", "US", "admin"),
                   "Europe": ("Europe", None, "other")}


def test_paris_alone_is_the_french_capital():
    doc = make_doc("Police in Paris said the fire was out.", [("Paris", "GPE")])
    [paris] = find_places(doc)
    assert paris.country_code == "FR" and km(paris, 48.85, 2.35) < 20


def test_dateline_in_texas_chooses_paris_texas():
    doc = make_doc("Police in Paris said the fire was out.", [("Paris", "GPE")])
    paris, dallas = find_places(doc, dateline=["Dallas"])
    assert paris.country_code == "US" and km(paris, 33.66, -95.56) < 20
    assert (dallas.start, dallas.end, dallas.name, dallas.country_code) == (None, None, "Dallas", "US")


def test_texas_named_in_the_article_chooses_paris_texas():
    doc = make_doc("The fire in Paris was the worst in Texas this year.",
                   [("Paris", "GPE"), ("Texas", "GPE")])
    places = by_text(find_places(doc))
    assert places["Paris"].country_code == "US" and km(places["Paris"], 33.66, -95.56) < 20
    assert places["Texas"].feature == "admin"


def test_dateline_names_a_city_not_a_state():
    doc = make_doc("The Senate voted on Monday.", [])
    [washington] = find_places(doc, dateline=["WASHINGTON"])
    assert (washington.start, washington.name, washington.feature) == (None, "Washington", "city")
    assert km(washington, 38.90, -77.04) < 20


def test_capital_outranks_a_larger_same_named_state():
    doc = make_doc("Officials in Washington said talks would resume.", [("Washington", "GPE")])
    [washington] = find_places(doc)
    assert washington.feature == "city" and km(washington, 38.90, -77.04) < 20


def test_city_state_pair_narrows_the_city():
    doc = make_doc("He grew up in Springfield, Illinois.", [("Springfield", "GPE"), ("Illinois", "GPE")])
    places = by_text(find_places(doc))
    assert km(places["Springfield"], 39.80, -89.64) < 20


def test_unknown_name_stays_unresolved():
    doc = make_doc("They fled to Zorbleton last week.", [("Zorbleton", "GPE")])
    [p] = find_places(doc)
    assert p.text == "Zorbleton" and p.name is None and p.lat is None and p.geonameid is None


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
    text = "The Ohio Department of Transportation closed the road."
    doc = make_doc(text, [("Ohio Department of Transportation", "ORG")])
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


def test_street_is_placed_at_the_articles_locality_without_a_gazetteer_name():
    doc = make_doc("A fire broke out on Royal Street in New Orleans.",
                   [("Royal Street", "FAC"), ("New Orleans", "GPE")])
    places = by_text(find_places(doc))
    street = places["Royal Street"]
    assert street.name is None and street.geonameid is None
    assert km(street, 29.95, -90.07) < 30


def test_places_in_text_order_then_dateline():
    doc = make_doc("From Berlin to Rome.", [("Berlin", "GPE"), ("Rome", "GPE")])
    places = find_places(doc, dateline=["London"])
    assert [(p.text, p.start is None) for p in places] == [("Berlin", False), ("Rome", False),
                                                           ("London", True)]


@pytest.mark.model
def test_seed_article_places(nlp, seed_path):
    doc = nlp(seed_path.read_text(encoding="utf-8"))
    where = {"Moscow": (55.76, 37.62), "Tehran": (35.69, 51.42), "Aleppo": (36.20, 37.16),
             "Damascus": (33.51, 36.29), "Ukraine": (49.0, 32.0), "Syria": (35.0, 38.0)}
    places = find_places(doc)
    for name, (lat, lon) in where.items():
        hits = [p for p in places if name in p.text]
        assert hits, name
        assert all(p.lat is not None and km(p, lat, lon) < 400 for p in hits), name


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
