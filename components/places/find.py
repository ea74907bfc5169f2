"""Places: where things happen. :func:`find_places` finds the toponyms of an article
(:mod:`.recognition`) and resolves them against the offline gazetteer (:mod:`.gazetteer`),
disambiguated by the article's context (:mod:`.resolution`); a name the gazetteer lacks stays
unresolved (``name`` None, no point), except a street ("Royal Street"), which is placed at the
article's main locality (:mod:`.streets`: its point and country set, ``name`` and ``geonameid``
None, feature ``other``). A small place whose name the article labels as an organisation, a
product or a person needs place context to stay (:func:`_without_name_alikes`).
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from . import gazetteer
from .gazetteer import Entry
from .recognition import Mention, find_mentions
from .resolution import near, resolve
from ..lexicon.normalise import name_key
from ..lexicon.place_words import COMPASS_WORDS, PLACE_CONTEXT_PREPOSITIONS
from ..records import Place

# A small place (fewer inhabitants than this) whose name the article labels as one of
# NOT_PLACE_LABELS is geocoded only with place context (see _without_name_alikes).
NAME_ALIKE_POPULATION = 10_000
# A town or city below this size whose name the article labels as one of NOT_PLACE_LABELS at
# *every* mention ("Nokia said", "Nokia's profits") also needs place context; a major city
# keeps its place even so, since the small model mislabels well-known cities now and then.
ALWAYS_OTHERWISE_POPULATION = 250_000
# Labels of names that are no place: organisations, products, people, works and events.
NOT_PLACE_LABELS = ("ORG", "PRODUCT", "PERSON", "WORK_OF_ART", "EVENT")


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
    _actor_labels(doc, mentions)
    lines = [Mention(None, None, name, gaz.lookup(name)) for name in dateline if name and name.strip()]
    resolve(mentions, dateline=lines)
    kept = _without_name_alikes(mentions, [m.choice for m in lines if m.choice is not None])
    if len(kept) < len(mentions):  # resolved again without the context the dropped names gave
        mentions = kept
        resolve(mentions, dateline=lines)
    _compass_names_within(mentions, lines)
    return [_place(m) for m in mentions + lines]


def _compass_names_within(mentions: list[Mention], lines: list[Mention]) -> None:
    """Leave unresolved each name made of points of the compass alone ("the North East",
    "Southwest", "West") whose reading lies in a country no other place of the article (or its
    dateline) is in: it names a part of a country the article speaks of, not an admin area of
    Botswana or Cameroon that happens to be called so."""
    def compass(m: Mention) -> bool:
        return all(w in COMPASS_WORDS for w in m.text.lower().replace("-", " ").split())

    countries = {m.choice.country_code for m in mentions + lines if m.choice is not None and not compass(m)}
    for m in mentions:
        if m.choice is not None and compass(m) and m.choice.country_code not in countries:
            m.choice = None


def _actor_labels(doc: Doc, mentions: list[Mention]) -> None:
    """Give each mention the label the actors step settled on for the same span, when it ran
    before (``doc._.actors``: dicts with ``start``, ``end``, ``label``): it relabels a name the
    article uses for a person or an organisation ("Jarvis said", tagged GPE) after looking at the
    whole article."""
    actors = doc._.actors if Doc.has_extension("actors") else None
    if not actors:
        return
    labels = {(a["start"], a["end"]): a["label"] for a in actors}
    for m in mentions:
        m.label = labels.get((m.start, m.end), m.label)


def _without_name_alikes(mentions: list[Mention], lines: list[Entry]) -> list[Mention]:
    """``mentions`` (resolved) without the small places whose name the article labels as an
    organisation, a product or a person ("BoE" → a village of 950, "Jarvis" the firm → a hamlet):
    a name resolved to a city or an admin area of fewer than :data:`NAME_ALIKE_POPULATION`
    inhabitants and labelled one of :data:`NOT_PLACE_LABELS` anywhere in the article, or to a
    town of fewer than :data:`ALWAYS_OTHERWISE_POPULATION` and labelled so at every mention
    (:func:`_named_otherwise`), is kept
    only with place context: a preposition of :data:`PLACE_CONTEXT_PREPOSITIONS` before one of
    its mentions, a "City, State" pair, its state named in the dateline (``lines``), or another
    name of the article that is at its best-known reading its state or a place near it (a place
    it only pulled there itself does not count: "Jarvis" in Ontario takes "London" along)."""
    names: dict[str, list[Mention]] = {}
    for m in mentions:
        names.setdefault(name_key(m.text), []).append(m)
    sure = {key: ms[0].choice for key, ms in names.items()  # names at their best-known reading
            if ms[0].choice is not None and (ms[0].fixed or ms[0].choice == ms[0].candidates[0].entry)}
    line_states = {e.admin1 for e in lines if e.admin1}
    drop = set()
    for key, ms in names.items():
        e = ms[0].choice
        if e is None or e.kind in ("country", "other") or not _named_otherwise(e, ms):
            continue
        if any(m.prev in PLACE_CONTEXT_PREPOSITIONS or m.hint for m in ms) or e.admin1 in line_states:
            continue
        if not any(k != key and o.admin1 == e.admin1 and (o.kind == "admin1" or near(o, e)) for k, o in sure.items()):
            drop.add(key)
    return [m for m in mentions if name_key(m.text) not in drop]


def _named_otherwise(e: Entry, ms: list[Mention]) -> bool:
    """Whether the mentions ``ms`` of one name, resolved to ``e``, label it a non-place often
    enough to ask for place context: a small place (under :data:`NAME_ALIKE_POPULATION`)
    labelled one of :data:`NOT_PLACE_LABELS` once, or a town or city under
    :data:`ALWAYS_OTHERWISE_POPULATION` labelled so every time."""
    labels = [m.label in NOT_PLACE_LABELS for m in ms]
    if e.population < NAME_ALIKE_POPULATION:
        return any(labels)
    return e.kind == "city" and e.population < ALWAYS_OTHERWISE_POPULATION and all(labels)


def _place(m: Mention) -> Place:
    """The :class:`~components.records.Place` record of a resolved mention."""
    e = m.choice
    if e is None and m.near is not None:  # a street: located, but not a gazetteer place
        return Place(m.start, m.end, m.text, country_code=m.near.country_code, lat=round(m.near.lat, 5),
                     lon=round(m.near.lon, 5), feature="other", in_organisation=m.in_organisation)
    if e is None:
        return Place(m.start, m.end, m.text, in_organisation=m.in_organisation)
    return Place(m.start, m.end, m.text, name=e.name, country_code=e.country_code, lat=round(e.lat, 5),
                 lon=round(e.lon, 5), geonameid=e.geonameid, feature=e.feature, in_organisation=m.in_organisation)
