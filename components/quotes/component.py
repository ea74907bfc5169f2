"""The quotes step as a registered spaCy component, ``dateline_quotes_v1``.

It runs :func:`components.quotes.find_quotes` on each Doc, with the entities the actors step put
in ``doc._.actors`` (so it comes after ``dateline_actors_v1``), and stores the result in
``doc._.quotes`` as plain data (one dict of :class:`~components.records.Quote` fields per quote,
in text order, ``spans`` as a list of ``[start, end]`` lists), so that the Doc can travel back
from a spaCy worker process (``Doc.to_bytes`` writes extension values with msgpack).
:func:`quotes` turns the plain data back into records.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..actors.component import entities
from ..records import Quote, from_plain
from . import find_quotes
from .by_words import CUE_WORDS, find_quotes as find_quotes_by_words

NAME = "dateline_quotes_v1"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.component(NAME, assigns=["doc._.quotes"], requires=["doc._.actors", "token.dep"])
def quotes_component(doc: Doc) -> Doc:
    """Set ``doc._.quotes``: a list with one dict of :class:`~components.records.Quote` fields
    per direct quote of ``doc`` (a parsed Doc that has been through the actors step; without a
    dependency parse quotes are found without cue or speaker). A Doc of a language with cue
    words of its own (:data:`~components.quotes.by_words.CUE_WORDS`: French) is read with
    them (:func:`~components.quotes.by_words.find_quotes`), any other with the English rules
    (:func:`~components.quotes.find_quotes`). Returns ``doc``."""
    words = CUE_WORDS.get(doc.lang_)
    found = (find_quotes_by_words(doc, entities(doc), words) if words is not None
             else find_quotes(doc, entities(doc)))
    doc._.quotes = [{**vars(quote), "spans": [list(span) for span in quote.spans]} for quote in found]
    return doc


def quotes(doc: Doc) -> list[Quote]:
    """The :class:`~components.records.Quote` records of ``doc._.quotes`` (``spans`` as a list
    of ``(start, end)`` tuples, as :func:`~components.quotes.find_quotes` makes them).

    Raises ValueError when ``doc`` has not been through :func:`quotes_component`."""
    rows = doc._.quotes
    return from_plain(rows and [{**fields, "spans": [tuple(span) for span in fields["spans"]]} for fields in rows],
                      Quote, NAME)
