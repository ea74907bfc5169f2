"""Places, streets: a street the gazetteer lacks is placed at the article's main locality.

Docs are built by hand with a blank English tokenizer and the entities a tagger would set."""
from __future__ import annotations

from components.places import find_places
from tests.components.places import by_text, km
from tests.handmade_docs import make_doc


def test_street_is_placed_at_the_articles_locality_without_a_gazetteer_name():
    doc = make_doc("A fire broke out on Royal Street in New Orleans.",
                   [("Royal Street", "FAC"), ("New Orleans", "GPE")])
    places = by_text(find_places(doc))
    street = places["Royal Street"]
    assert street.name is None and street.geonameid is None
    assert km(street, 29.95, -90.07) < 30
