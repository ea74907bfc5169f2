"""Demonyms name their state: a territory that shares the word never wins over the state."""
from __future__ import annotations

import pytest

from components.lexicon.demonyms import country_of_demonym


@pytest.mark.parametrize("word,code", [
    ("Russian", "RU"), ("Russians", "RU"), ("Syrian", "SY"), ("Iranian", "IR"), ("British", "GB"),
    ("American", "US"), ("Indian", "IN"), ("Dominican", "DO"), ("Israeli\u2019s", "IL"), ("french", "FR"),
])
def test_demonym_to_country(word, code):
    assert country_of_demonym(word) == code


@pytest.mark.parametrize("word", ["Moscow", "Kurdish", "Democrats", ""])
def test_not_a_country_demonym(word):
    assert country_of_demonym(word) is None
