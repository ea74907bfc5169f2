"""The place word tables hold general English words."""
from __future__ import annotations

from components.lexicon.place_words import NOT_PLACE_WORDS


def test_a_company_name_is_not_a_not_place_word():
    # "titan" was listed for one company in one evaluation document; the table holds general words
    assert "titan" not in NOT_PLACE_WORDS and "toyota" in NOT_PLACE_WORDS
