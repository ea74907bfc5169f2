"""Countries: one table of country names, aliases and demonyms, read by places and actors alike.
Demonyms name their state: a territory that shares the word never wins over the state."""
from __future__ import annotations

import pytest

from components.actors import find_actors
from components.lexicon.countries import country_code, country_names, country_of_demonym, display_name
from components.places import find_places
from tests.handmade_docs import make_doc


@pytest.mark.parametrize("word,code", [
    ("Russian", "RU"), ("Russians", "RU"), ("Syrian", "SY"), ("Iranian", "IR"), ("British", "GB"),
    ("American", "US"), ("Indian", "IN"), ("Dominican", "DO"), ("Israeli\u2019s", "IL"), ("french", "FR"),
])
def test_demonym_to_country(word, code):
    assert country_of_demonym(word) == code


@pytest.mark.parametrize("word", ["Moscow", "Kurdish", "Democrats", ""])
def test_not_a_country_demonym(word):
    assert country_of_demonym(word) is None


@pytest.mark.parametrize("name, code, display", [
    ("Bosnia", "BA", "Bosnia and Herzegovina"), ("USSR", "RU", "Russia"), ("U.S.A.", "US", "United States"),
    ("Korea", "KR", "South Korea"), ("Russian Federation", "RU", "Russia"), ("the U.S.", "US", "United States"),
])
def test_one_table_names_the_country_for_actors_and_places(name, code, display):
    """Places and actors read the same table: a name is a country for both or for neither."""
    assert country_code(name) == code and display_name(code) == display
    doc = make_doc(f"Officials from {name} met on Monday.", [(name, "GPE")])
    [actor] = find_actors(doc)
    assert (actor.actor, actor.actor_type) == (display, "state")
    [place] = find_places(doc)
    assert (place.country_code, place.feature) == (code, "country")


@pytest.mark.parametrize("name", ["Salvador", "Maurice", "England", "Georgia Smith", "Moscow", ""])
def test_not_a_country_name(name):
    assert country_code(name) is None


def test_names_of_a_country_for_the_gazetteer():
    names = country_names("US")
    assert {"United States", "U.S.A.", "America"} <= set(names)
    assert country_names("XX") == ()


@pytest.mark.parametrize("name", ["Russian Empire", "T&T", "S.Africa"])
def test_former_states_and_one_paper_abbreviations_are_not_country_names(name):
    # a former empire is not today's state; a headline abbreviation of one wire or one region's
    # press is not a name English news text in general uses
    assert country_code(name) is None


def test_trinidad_is_still_named():
    assert country_code("Trinidad and Tobago") == country_code("Trinidad") == "TT"


@pytest.mark.parametrize("name, code", [
    ("Allemagne", "DE"), ("Royaume-Uni", "GB"), ("États-Unis", "US"), ("Etats-Unis", "US"),
    ("Russie", "RU"),        # the head of pycountry's inverted "Russie, Fédération de"
    ("Maurice", "MU"), ("France", "FR"), ("Germany", "DE"),
])
def test_country_names_in_the_articles_language(name, code):
    assert country_code(name, language="fr") == code


@pytest.mark.parametrize("name", ["Maurice", "Dominique", "Allemagne"])
def test_another_languages_names_are_not_english_country_names(name):
    # "Maurice" and "Dominique" are people in English text, not Mauritius and Dominica
    assert country_code(name) is None


def test_a_head_two_countries_share_names_neither():
    # "Corée, République de" and "Corée, République populaire démocratique de"
    assert country_code("Corée", language="fr") is None
