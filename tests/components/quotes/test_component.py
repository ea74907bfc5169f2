"""``dateline_quotes_v1``: the quotes step as a spaCy component, after the actors step, on Docs
built by hand (no parse: quotes without cue or speaker); ``spans`` travel as lists and come back
as tuples."""
from __future__ import annotations

from dataclasses import asdict

import pytest
import spacy
from spacy.tokens import Doc

from components.actors import find_actors
from components.actors.component import NAME as ACTORS
from components.quotes import find_quotes
from components.quotes.component import NAME, quotes
from tests.handmade_docs import make_doc

TEXT = ("\u201cWe will not back down from this fight, and we will keep talking to every partner we have,\u201d "
        "Jane Okafor said, \u201cbecause the harbour needs it.\u201d")
ENTS = [("Jane Okafor", "PERSON")]


def test_it_sets_plain_quote_fields_that_give_the_records_back_after_to_bytes():
    nlp = spacy.blank("en")
    nlp.add_pipe(ACTORS)
    nlp.add_pipe(NAME)
    doc = nlp(make_doc(TEXT, ENTS))
    fresh = make_doc(TEXT, ENTS)
    expected = find_quotes(fresh, find_actors(fresh))
    assert expected and expected[0].spans == [(0, 91)]
    assert doc._.quotes == [{**asdict(q), "spans": [list(s) for s in q.spans]} for q in expected]
    assert quotes(Doc(doc.vocab).from_bytes(doc.to_bytes())) == expected == quotes(doc)


def test_it_needs_the_actors_step_before_it():
    nlp = spacy.blank("en")
    nlp.add_pipe(NAME)
    with pytest.raises(ValueError, match=ACTORS):
        nlp(make_doc(TEXT, ENTS))
