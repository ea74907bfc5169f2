"""How names and words are normalised before they are compared with a table."""
from __future__ import annotations

import pytest

from components.lexicon.normalise import clean_name, fold, name_key, word_key


@pytest.mark.parametrize("text, key", [
    ("U.S.", "us"), ("W. Va.", "wva"), ("São Paulo", "sao paulo"), ("Champs-Élysées", "champs elysees"),
    ("The Hague", "hague"), ("Côte d\u2019Ivoire", "cote d'ivoire"), ("  New   York ", "new york"),
])
def test_name_key_normalises_spelling(text, key):
    assert name_key(text) == key


def test_two_capital_letters_stay_a_code():
    assert (name_key("AL"), name_key("Al")) == ("AL", "al")


@pytest.mark.parametrize("text, cleaned", [
    ("Al Assad\u2019s", "Al Assad"), ("the Kremlin", "Kremlin"), ("\u201cReuters\u201d", "Reuters"),
    ("Smith\u2014Jones", "Smith\u2014Jones"), ("Bashar\n al-Assad", "Bashar al-Assad"), ("Jones'", "Jones"),
    ("the  Kremlin", "Kremlin"),
])
def test_clean_name_keeps_only_the_name(text, cleaned):
    assert clean_name(text) == cleaned


def test_fold_compares_spellings_of_a_name():
    assert fold("Bashar al-Assad") == fold("Bashar Al Assad") == fold("BASHAR AL\u2010ASSAD") == "bashar al assad"
    assert fold("Ren\u00e9e O\u2019Neil") == "renee o neil"
    assert fold("Fran\u00e7ois Hollande") == fold("Francois Hollande")


@pytest.mark.parametrize("word, key", [("Dr.", "dr"), ("President", "president"), ("o\u2019", "o'")])
def test_word_key(word, key):
    assert word_key(word) == key
