"""``dateline_actors_v1``: the actors step as a spaCy component, on Docs built by hand."""
from __future__ import annotations

from dataclasses import asdict

import pytest
import spacy
from spacy.tokens import Doc

from components.actors import find_actors
from components.actors.component import NAME, entities
from tests.handmade_docs import make_doc

TEXT = "Kremlin spokesman Dmitry Peskov said Russia would keep its advisers in Syria."
ENTS = [("Kremlin", "ORG"), ("Dmitry Peskov", "PERSON"), ("Russia", "GPE"), ("Syria", "GPE")]


def test_it_sets_plain_entity_fields_that_give_the_records_back_after_to_bytes():
    nlp = spacy.blank("en")
    nlp.add_pipe(NAME)
    doc = nlp(make_doc(TEXT, ENTS))
    expected = find_actors(make_doc(TEXT, ENTS))
    assert doc._.actors == [asdict(e) for e in expected]
    assert any(e.actor == "Dmitry Peskov" for e in expected)
    assert entities(Doc(doc.vocab).from_bytes(doc.to_bytes())) == expected


def test_a_doc_it_has_not_seen_is_refused():
    with pytest.raises(ValueError, match=NAME):
        entities(make_doc(TEXT, ENTS))
