"""Places: where things happen. :func:`find_places` finds the toponyms of an article
(:mod:`.recognition`) and resolves them against the offline gazetteer (:mod:`.gazetteer`),
disambiguated by the article's context (:mod:`.resolution`); a name the gazetteer lacks stays
unresolved (``name`` None, no point), except a street ("Royal Street"), which is placed at the
article's main locality (:mod:`.streets`: its point and country set, ``name`` and ``geonameid``
None, feature ``other``).
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from . import gazetteer
from .recognition import Mention, find_mentions
from .resolution import resolve
from ..records import Place


def find_places(doc: Doc, *, dateline: Sequence[str] = ()) -> list[Place]:
    """Toponyms in ``doc`` (start/end set, in text order) followed by the dateline places
    (start/end None), each resolved to a gazetteer place where one fits.

    doc: a parsed Doc (entities, part-of-speech tags and sentences).
    dateline: place names from the article's dateline (``["Moscow", "Tehran"]``); they are
        strong context for the places in the text.
    Returns a list of :class:`~components.records.Place`; an unknown name stays unresolved
    (``name`` None) rather than guessed."""
    gaz = gazetteer.load()
    mentions = find_mentions(doc, gaz=gaz)
    lines = [Mention(None, None, name, gaz.lookup(name)) for name in dateline if name and name.strip()]
    resolve(mentions, dateline=lines)
    return [_place(m) for m in mentions + lines]


def _place(m: Mention) -> Place:
    """The :class:`~components.records.Place` record of a resolved mention."""
    e = m.choice
    if e is None and m.near is not None:  # a street: located, but not a gazetteer place
        return Place(m.start, m.end, m.text, country_code=m.near.country_code,
                     lat=round(m.near.lat, 5), lon=round(m.near.lon, 5), feature="other")
    if e is None:
        return Place(m.start, m.end, m.text)
    return Place(m.start, m.end, m.text, name=e.name, country_code=e.country_code,
                 lat=round(e.lat, 5), lon=round(e.lon, 5), geonameid=e.geonameid, feature=e.feature)
