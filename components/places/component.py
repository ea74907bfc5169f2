"""The places step as a registered spaCy component, ``dateline_places_v1``.

It runs :func:`components.places.find_places` on each Doc, with the article's dateline places
read from ``doc._.dateline`` (a list of names such as ``["Moscow", "Tehran"]``, set by whoever
makes the Doc; unset means no dateline), and stores the result in ``doc._.places`` as plain data
(one dict of :class:`~components.records.Place` fields per place: the toponyms of the text in
text order, then the dateline places, whose ``start`` and ``end`` are None), so that the Doc can
travel back from a spaCy worker process (``Doc.to_bytes`` writes extension values with msgpack).
:func:`places` turns the plain data back into records.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Place, from_plain
from . import find_places

NAME = "dateline_places_v1"

for _name in ("dateline", "places"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component(NAME, assigns=["doc._.places"], requires=["doc.ents"])
def places_component(doc: Doc) -> Doc:
    """Set ``doc._.places``: a list with one dict of :class:`~components.records.Place` fields
    per place of ``doc`` (a parsed Doc: entities, part-of-speech tags and sentences), resolved
    with the dateline places of ``doc._.dateline`` as context. Returns ``doc``."""
    doc._.places = [dict(vars(place)) for place in find_places(doc, dateline=doc._.dateline or ())]
    return doc


def places(doc: Doc) -> list[Place]:
    """The :class:`~components.records.Place` records of ``doc._.places``.

    Raises ValueError when ``doc`` has not been through :func:`places_component`."""
    return from_plain(doc._.places, Place, NAME)
