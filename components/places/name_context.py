"""What the words around a toponym say about it, read once every mention of an article is found
(:func:`~components.places.recognition.find_mentions`): that it begins an organisation's name
("West Coast Fisheries Guild", :func:`named_organisations`), that it is a court district named
after a state ("the Western District of New York", :func:`districts`), that a state or country
follows it after a comma ("Paris, Texas", :func:`pairs`), or whether it names a province or the
city that is most of it ("Istanbul", :func:`namesake_areas`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..lexicon.actor_cues import ORG_NAME_WORDS
from ..lexicon.normalise import name_key
from ..lexicon.place_words import AREA_NOUNS, DISTRICT_WORDS

if TYPE_CHECKING:
    from .gazetteer import Candidate
    from .recognition import Mention

# A district's name and "of" right before a state's ("the Western District of New York").
_DISTRICT_BEFORE = re.compile(r"((?:[A-Z][\w.-]* )*(?:%s)) of $" % "|".join(w.title() for w in DISTRICT_WORDS))

# An area noun right after the name ("Istanbul province") or "<noun> of" right before it.
_AREA_AFTER = re.compile(r"\s+(?:%s)\b" % "|".join(sorted(AREA_NOUNS)), re.IGNORECASE)
_AREA_BEFORE = re.compile(r"\b(?:%s) of\s+$" % "|".join(sorted(AREA_NOUNS)), re.IGNORECASE)
#: Share of an area's people a city of the same name holds from which the area is "mostly the
#: city" (:func:`namesake_areas`): a majority.
NAMESAKE_SHARE = 0.5

# Capitalised words after a place name that may still belong to an organisation's name ("West
# Coast Fisheries Guild"), at most.
_ORG_TAIL = 3


def named_organisations(doc: Doc, mentions: list[Mention]) -> None:
    """Mark the place names that begin an organisation's name the tagger did not label as one:
    capitalised words outside any entity right after the place, the last a word organisation
    names end with (:data:`~components.lexicon.actor_cues.ORG_NAME_WORDS`): "West Coast" of
    "West Coast Fisheries Guild", "Savannah" of "Savannah Roads Authority"."""
    by_end = {m.end: m for m in mentions if m.end is not None and m.in_organisation is None}
    for token in doc:
        m = by_end.get(token.idx + len(token))
        if m is None:
            continue
        words = doc[token.i + 1:token.i + 1 + _ORG_TAIL]
        for word in words:
            # outside any entity, in an organisation's, or in the place's own ("West Coast
            # Fisheries Guild" tagged a location whole)
            if not word.text[:1].isupper() or (word.ent_type_ not in ("", "ORG") and word.ent_iob_ != "I"):
                break
            if word.lower_ in ORG_NAME_WORDS:
                m.in_organisation = doc.text[m.start:word.idx + len(word)]
                break


def districts(mentions: list[Mention], text: str) -> list[Mention]:
    """Districts named after a state ("the Western District of New York", a US federal court's
    district): the name after "of" is the state or country (its other readings dropped) and the
    district's own name is no place elsewhere ("Western District" in American Samoa); a bare
    "Western District" later in the article is that state too. Returns the mentions kept."""
    of_state: dict[str, list[Candidate]] = {}
    out = []
    for m in mentions:
        if m.text.lower().split()[-1] in DISTRICT_WORDS and text[m.end:m.end + 4] == " of " \
                and text[m.end + 4:m.end + 5].isupper():
            continue
        if before := _DISTRICT_BEFORE.search(text, max(0, m.start - 60), m.start):
            m.candidates = [c for c in m.candidates if c.entry.kind in ("admin1", "country")] or m.candidates
            of_state[name_key(before.group(1))] = m.candidates
        out.append(m)
    for m in (m for m in out if name_key(m.text) in of_state):
        m.candidates = of_state[name_key(m.text)]
    return out


def pairs(doc: Doc, mentions: list[Mention]) -> None:
    """"Paris, Texas" / "Paris, Tex." / "Aleppo, Syria": the second name narrows the first."""
    text = doc.text
    for a, b in zip(mentions, mentions[1:]):
        if text[a.end:b.start].strip() not in (",",):
            continue
        keys = {c.entry.admin1 for c in b.candidates if c.primary and c.entry.kind == "admin1"}
        keys |= {c.entry.country_code for c in b.candidates if c.primary and c.entry.kind == "country"}
        keys |= {b.fixed.country_code} if b.fixed is not None and b.fixed.kind == "country" else set()
        keys.discard(None)
        if keys and any(c.entry.admin1 in keys or c.entry.country_code in keys for c in a.candidates
                        if c.entry.kind not in ("country", "admin1") or c.entry.admin1 in keys):
            a.hint = keys




def namesake_areas(mentions: list[Mention], text: str) -> None:
    """A state or province that is mostly the city it is named after ("İstanbul", "Lagos": the
    city holds at least :data:`NAMESAKE_SHARE` of its people): a mention means the city, unless
    an area noun qualifies it ("Istanbul province", "the state of Lagos", "Lagos State": then
    the area), and the other reading is dropped (so the two mentions of "Istanbul" in "Istanbul …
    Istanbul province" are two places: see ``_one_reading`` of :mod:`.resolution`). A province around a smaller city of its name
    ("Quebec", "São Paulo") keeps both readings, for the context to choose."""
    for m in mentions:
        if m.fixed is not None or m.start is None:
            continue
        areas = {c.entry.admin1: c for c in m.candidates if c.entry.kind == "admin1" and c.entry.admin1}
        cities = [c for c in m.candidates if c.entry.kind == "city" and c.entry.admin1 in areas
                  and c.entry.population >= NAMESAKE_SHARE * max(areas[c.entry.admin1].entry.population, 1)]
        if not cities:
            continue
        qualified = (any(w in AREA_NOUNS for w in m.text.lower().split()[1:]) or _AREA_AFTER.match(text, m.end)
                     or _AREA_BEFORE.search(text, max(0, m.start - 30), m.start))
        dropped = set(cities) if qualified else {areas[c.entry.admin1] for c in cities}
        m.candidates = [c for c in m.candidates if c not in dropped]
