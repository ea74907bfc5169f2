"""The actors step as a registered spaCy component, ``dateline_actors_v1``.

It runs :func:`components.actors.find_actors` on each Doc and stores the result in
``doc._.actors`` as plain data (one dict of :class:`~components.records.Entity` fields per
entity, in text order), so that the Doc can travel back from a spaCy worker process
(``nlp.pipe(n_process=…)`` sends Docs with ``Doc.to_bytes``, which writes extension values with
msgpack). :func:`entities` turns the plain data back into records.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Entity, from_plain
from . import find_actors

NAME = "dateline_actors_v1"

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


@Language.component(NAME, assigns=["doc._.actors"], requires=["doc.ents"])
def actors_component(doc: Doc) -> Doc:
    """Set ``doc._.actors``: a list with one dict of :class:`~components.records.Entity` fields
    per entity of ``doc`` (a parsed Doc: entities set; sentences and tags used when present).
    Returns ``doc``."""
    doc._.actors = [dict(vars(entity)) for entity in find_actors(doc)]
    return doc


def entities(doc: Doc) -> list[Entity]:
    """The :class:`~components.records.Entity` records of ``doc._.actors``.

    Raises ValueError when ``doc`` has not been through :func:`actors_component`."""
    return from_plain(doc._.actors, Entity, NAME)
