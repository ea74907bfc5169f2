"""``dateline_places_v1``: the places step as a spaCy component, reading the dateline from
``doc._.dateline``, on Docs built by hand."""
from __future__ import annotations

from dataclasses import asdict

import pytest
import spacy
from spacy.tokens import Doc

from components.places import find_places
from components.places.component import NAME, places
from tests.handmade_docs import make_doc

TEXT = "Police in Paris said the fire was out."
ENTS = [("Paris", "GPE")]


@pytest.mark.parametrize("dateline", [["Dallas"], None, []])
def test_it_sets_plain_place_fields_resolved_with_the_docs_dateline(dateline):
    nlp = spacy.blank("en")
    nlp.add_pipe(NAME)
    doc = make_doc(TEXT, ENTS)
    doc._.dateline = dateline
    doc = nlp(doc)
    expected = find_places(make_doc(TEXT, ENTS), dateline=dateline or ())
    assert doc._.places == [asdict(p) for p in expected]
    assert places(Doc(doc.vocab).from_bytes(doc.to_bytes())) == expected
    assert [p.start is None for p in expected] == [False] + [True] * len(dateline or ())


def test_a_doc_it_has_not_seen_is_refused():
    with pytest.raises(ValueError, match=NAME):
        places(make_doc(TEXT, ENTS))
