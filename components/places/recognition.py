"""Recognition: which spans of an article are toponyms (:func:`find_mentions`).

Taken: spaCy's GPE / LOC / FAC entities, demonyms ("Syrian" → Syria, "European" → Europe),
place names spaCy labelled otherwise ("Aleppo" as NORP, "Ohio" as ORG, "Gainesville" as PERSON
when the article also uses it as a place or it follows "in"), place names inside other names
("Ohio Department of Transportation" → Ohio, "the Syrian Civil War" → Syrian, "Northeast
Georgia" → Georgia; one inside an organisation's name is marked with that name, ``in_organisation``,
so that it is kept for the record but not drawn as a place the article speaks of: "Arctic Research
Forum", "West Coast Fisheries Guild") and capitalised proper nouns the tagger left outside any entity that the
gazetteer knows well (countries, states, large cities, or names the article uses as places
elsewhere). Without place context, a name the article uses for a person ("Mayer said"), a
celestial body and a state abbreviation lacking its full stop are dropped; "the Western District
of New York" is New York. "Paris, Texas" pairs are noted (``hint``) for :mod:`.resolution`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import IS_TITLE, IS_UPPER, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from . import gazetteer
from .gazetteer import Candidate, Entry
from .name_context import districts, named_organisations, namesake_areas, pairs
from ..lexicon.countries import country_code, country_of_demonym
from ..lexicon.name_alikes import CELESTIAL_BODIES
from ..lexicon.normalise import name_key
from ..lexicon.place_words import (DISTRICT_WORDS, FEATURE_WORDS, GENERIC_PLACE_WORDS, HOLDING_NOUNS,
                                   LOCATIVE_PREPOSITIONS, NOT_PLACE_WORDS, PLACE_CONTEXT_PREPOSITIONS,
                                   STREET_WORDS)
from ..lexicon.regions import REGION_DEMONYMS
from ..lexicon.subdivisions import abbreviates
from ..lexicon.titles import HONORIFICS

# Labels whose entities are toponyms as they stand.
PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels that may hide a place name spaCy mislabelled.
OTHER_LABELS = ("ORG", "PERSON", "NORP", "LANGUAGE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
# Last words of street, facility and feature names, kept as toponyms even when the gazetteer lacks them.
NAMED_PLACE_ENDINGS = STREET_WORDS | FEATURE_WORDS
# Capitalised non-entity names must be at least this populous to be taken as places.
MIN_POPULATION_FREE = 50_000
# A capitalised word after a capitalised honorific ("Ms Mayer", "Dr. Lee").
_AFTER_HONORIFIC = re.compile(r"\b(?:%s)\.? +([A-Z][a-z][\w'-]*)" % "|".join(sorted(w.title() for w in HONORIFICS)))
# Dashes and spaces trimmed off the end of a mention ("Kyiv -" in a dateline).
_TRAILING_DASHES = "-\u2013\u2014 "


@dataclass
class Mention:
    """A toponym found in the text (``start``/``end`` None for a dateline place) with its
    gazetteer candidates; ``fixed`` is set when only one reading is possible (a demonym)."""

    start: int | None
    end: int | None
    text: str
    candidates: list[Candidate] = field(default_factory=list)
    fixed: Entry | None = None
    choice: Entry | None = None
    hint: set[str] = field(default_factory=set)  # admin1 keys / country codes named right after
    near: Entry | None = None  # for a street the gazetteer lacks: the locality it is placed at
    label: str | None = None  # label of the entity it is in (spaCy's, or the actors step's); None: none
    prev: str = ""  # the word before it, lower case ("in" in "in Mayer"; "shares in" kept whole)
    in_organisation: str | None = None  # the organisation name it is part of ("Arctic Research Forum")


class _Found:
    """The mentions found so far in one Doc (``mentions``) and which of its tokens they cover
    (``taken``): a span overlapping an earlier mention is not added."""

    def __init__(self, doc: Doc) -> None:
        self.mentions: list[Mention] = []
        self.taken = [False] * len(doc)
        self.label: str | None = None  # label of the entity being looked at
        self.organisation: str | None = None  # the organisation name being looked inside, if any

    def add(self, span: Span, candidates: list[Candidate], fixed: Entry | None = None) -> bool:
        """Add ``span`` as a mention with its gazetteer ``candidates`` (or a ``fixed`` reading),
        found in an entity labelled :attr:`label` (None: outside any entity); returns False,
        adding nothing, when it is empty or overlaps a mention already found."""
        if len(span) == 0 or any(self.taken[span.start:span.end]):
            return False
        self.taken[span.start:span.end] = [True] * len(span)
        text = span.text.rstrip(_TRAILING_DASHES)
        before = [t.lower_ for t in span.doc[max(0, span.start - 2):span.start]]
        prev = " ".join(before) if before[-1:] == ["in"] and before[0] in HOLDING_NOUNS else "".join(before[-1:])
        self.mentions.append(Mention(span.start_char, span.start_char + len(text), text, candidates, fixed,
                                     label=self.label, prev=prev, in_organisation=self.organisation))
        return True


def _trim(span: Span) -> Span:
    """``span`` without a leading determiner and a trailing possessive or punctuation."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].lower_ in ("'s", "\u2019s", "'") or doc[e - 1].is_punct):
        e -= 1
    return doc[s:e]


def _good(c: Candidate, *, min_pop: int = 0, text: str = "") -> bool:
    """A primary-name candidate that is a country, state, region or a city of ``min_pop``;
    an acronym (``text`` all capitals, up to 5 letters: "OAS") only as a country or state."""
    k = c.entry.kind
    if text and text.replace(".", "").isupper() and len(text.replace(".", "")) <= 5:
        return c.primary and k in ("country", "admin1", "other")
    return c.primary and (k in ("country", "admin1", "other") or
                          (k in ("city", "admin2") and c.entry.population >= min_pop))


def _demonym_entry(text: str, gaz: gazetteer.Gazetteer, language: str = "en") -> Entry | None:
    """The continent, region or country the demonym ``text`` stands for ("European" → Europe,
    "Syrians" → Syria), or, in text of another ``language`` than English, the country its name
    in that language names ("Allemagne"); None when ``text`` is neither."""
    key = name_key(text)
    if key in REGION_DEMONYMS:
        hits = gaz.lookup(REGION_DEMONYMS[key])
        return hits[0].entry if hits else None
    code = (language != "en" and country_code(text, language=language)) or country_of_demonym(text)
    return gaz.country(code) if code else None


def find_mentions(doc: Doc, *, gaz: gazetteer.Gazetteer | None = None) -> list[Mention]:
    """The toponyms of ``doc`` as unresolved :class:`Mention` s, in text order (see the module
    docstring for what counts).

    doc: a parsed Doc (entities, part-of-speech tags). gaz: the gazetteer (default: the
    process-wide one)."""
    gaz = gaz or gazetteer.load()
    found = _Found(doc)
    ents = list(doc.ents)
    people = _people(doc, ents, gaz)
    place_texts = {name_key(_trim(e).text) for e in ents if e.label_ in PLACE_LABELS} - people
    person_words = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for ent in ents:
        span = _trim(ent)
        if len(span) == 0:
            continue
        found.label = ent.label_
        if ent.label_ in PLACE_LABELS:
            for part in _split_slash(span):
                _add_place_entity(part, ent.label_, gaz, found, place_texts, person_words)
        elif ent.label_ in OTHER_LABELS:
            _add_other_entity(span, ent.label_, gaz, found, place_texts)
    found.label = None
    _free_names(doc, ents, gaz, place_texts, found)
    out = sorted(found.mentions, key=lambda m: m.start)
    named_organisations(doc, out)
    pairs(doc, out)
    text, tops = doc.text, {name_key(m.text): (m.fixed or m.candidates[0].entry) for m in out if m.fixed or m.candidates}
    out = districts([m for m in out if not _used_otherwise(m, people, text, tops)], text)
    namesake_areas(out, text)
    return out


def _add_place_entity(part: Span, label: str, gaz: gazetteer.Gazetteer, found: _Found, place_texts: set[str],
                      person_words: set[str]) -> None:
    """A GPE / LOC / FAC entity (or one of its "/"-separated parts): a known name, else a
    demonym, else known names inside it, else the name as an unknown toponym when it may be one."""
    cands = gaz.lookup(part.text.rstrip(_TRAILING_DASHES))
    if cands:
        found.add(part, cands)
        return
    dem = _demonym_entry(part.text, gaz, part.doc.lang_)
    if dem is not None:
        found.add(part, [], dem)
    elif not _inner(part, gaz, place_texts, found, any_place=label != "FAC"):
        if _keep_unknown(part, label, person_words):
            found.add(part, [])


def _add_other_entity(span: Span, label: str, gaz: gazetteer.Gazetteer, found: _Found,
                      place_texts: set[str]) -> None:
    """An entity of :data:`OTHER_LABELS`: a demonym (NORP, LANGUAGE), the whole name as a place
    (see :func:`_whole_is_place`), else place names inside it for names of organisations,
    events and the like, and names ending like a street."""
    dem = _demonym_entry(span.text, gaz) if label in ("NORP", "LANGUAGE") else None
    if dem is not None:
        found.add(span, [], dem)
        return
    cands = gaz.lookup(span.text.rstrip(_TRAILING_DASHES))
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    joined = prev in ("and", "or") and span.start >= 2 and found.taken[span.start - 2]  # "Beirut and Accra"
    if cands and _whole_is_place(span, label, cands, place_texts, prev, joined=joined):
        found.add(span, cands)
    elif label in ("ORG", "EVENT", "FAC", "PRODUCT", "LAW", "NORP") or _ends_with_street(span):
        found.organisation = span.text if label == "ORG" else None
        _inner(span, gaz, place_texts, found, any_place=False)
        found.organisation = None


def _split_slash(span: Span) -> list[Span]:
    """"MOSCOW/Tehran" as two names."""
    if "/" not in span.text:
        return [span]
    parts, s = [], span.start
    for i in range(span.start, span.end + 1):
        if i == span.end or span.doc[i].text == "/":
            if i > s:
                parts.append(span.doc[s:i])
            s = i + 1
    if len(parts) == 1 and "/" in parts[0].text:  # "MOSCOW/Tehran" as one token
        tok = parts[0]
        a, b = tok.text.split("/", 1)
        out = [tok.doc.char_span(tok.start_char, tok.start_char + len(a)),
               tok.doc.char_span(tok.start_char + len(a) + 1, tok.end_char)]
        return [p for p in out if p is not None] or parts
    return parts


def _people(doc: Doc, ents: list[Span], gaz: gazetteer.Gazetteer) -> set[str]:
    """The name keys ``doc`` uses for people: the last word of a PERSON entity of two words or
    more that is not as a whole a place name ("Mayer" of "Marissa Mayer", not "Wharf" of a
    mislabelled "Canary Wharf"), and a capitalised word after an honorific ("Ms Mayer")."""
    out = set()
    for e in ents:
        span = _trim(e)
        if e.label_ == "PERSON" and len(span) > 1 and span[-1].text[:1].isupper() and not gaz.lookup(span.text):
            out.add(name_key(span[-1].text))
    out.update(name_key(m.group(1)) for m in _AFTER_HONORIFIC.finditer(doc.text))
    return out


def _used_otherwise(m: Mention, people: set[str], text: str, tops: dict[str, Entry]) -> bool:
    """Whether ``m`` is rather something else than a place, unless its own sentence makes it one
    (a preposition of :data:`PLACE_CONTEXT_PREPOSITIONS` before it, "in Mayer", or a state or
    country after it, "Mars, Pennsylvania"): a name the article uses for a person (see
    :func:`_people`; a country and a demonym stay places, and so does a state or a city of
    100,000 in a country another name of the article is in at its best-known reading, ``tops``
    by name key), a celestial body (:data:`CELESTIAL_BODIES`), or a state's abbreviation without
    its full stop, not after a comma or "D-" nor before a road number ("KY 52"), even after "in"
    (the broadcaster "Kan", not "Kan." for Kansas; "in LA", Los Angeles, not Louisiana: dropped
    when that is its best reading, else those readings are). ``text``: the Doc's text."""
    if m.fixed is not None or m.hint:
        return False
    key = name_key(m.text)
    route = text[m.end:m.end + 2].strip()[:1].isdigit()  # a state's road: "KY 52"
    if m.candidates and len(key) <= 5 and m.text[:1].isupper() and "." not in (m.text[-1], text[m.end:m.end + 1]) \
            and m.prev not in (",", "-") and not route:
        if _abbreviates(key, m.candidates[0]):  # taken for that reading: not a place
            return True
        m.candidates = [c for c in m.candidates if not _abbreviates(key, c)]
    if m.prev in PLACE_CONTEXT_PREPOSITIONS or key not in people:
        return m.prev not in PLACE_CONTEXT_PREPOSITIONS and key in CELESTIAL_BODIES
    top = m.candidates[0] if m.candidates else None
    return not (top and _good(top, min_pop=100_000) and (top.entry.kind == "country" or any(
        k != key and e.country_code == top.entry.country_code for k, e in tops.items())))


def _abbreviates(key: str, c: Candidate) -> bool:
    """Whether ``key`` shortens the state or country ``c`` (:func:`~components.lexicon.subdivisions.abbreviates`)."""
    return c.entry.kind in ("admin1", "country") and abbreviates(key, name_key(c.entry.name), c.entry.admin1)


def _keep_unknown(span: Span, label: str, person_words: set[str]) -> bool:
    """Whether a GPE/LOC/FAC entity the gazetteer does not know is still kept as a toponym:
    not when it starts lower-case ("anesthesia"), not when it is a word of a person's name in
    the same article ("Saakashvili"), and a FAC only when it looks like a street or site."""
    if not span.text[:1].isupper() or all(t.lower_ in person_words for t in span):
        return False
    if label == "FAC":
        return _ends_with_street(span)
    return True


def _ends_with_street(span: Span) -> bool:
    return span[-1].lower_.rstrip(".") in NAMED_PLACE_ENDINGS and len(span) > 1


def _whole_is_place(span: Span, label: str, cands: list[Candidate], place_texts: set[str],
                    prev: str, *, joined: bool = False) -> bool:
    """Whether an ORG / PERSON / NORP … entity is as a whole a place name. ``prev``: the word
    before it (lower case); ``joined``: "and"/"or" joins it to a place found just before it
    ("trade between Beirut and Accra"), where a large city (as the actors step takes it, see
    :func:`components.actors.mentions._relabel`) is the place, not a person."""
    key = name_key(span.text)
    if key in place_texts:
        return True
    top = cands[0]
    if label == "PERSON":
        if len(span) > 1 and top.primary and top.entry.kind in ("country", "admin1"):
            return True
        if joined and len(span) == 1 and _good(top, min_pop=100_000, text=span.text):
            return True
        return prev in LOCATIVE_PREPOSITIONS and _good(top, min_pop=1000, text=span.text)
    if not span.text[:1].isupper() or key in NOT_PLACE_WORDS:
        return False
    if label in ("ORG", "NORP", "WORK_OF_ART", "PRODUCT", "LANGUAGE"):
        return _good(top, min_pop=5000 if prev in LOCATIVE_PREPOSITIONS else 20_000, text=span.text)
    return _good(top, min_pop=100_000, text=span.text)


def _inner(span: Span, gaz: gazetteer.Gazetteer, place_texts: set[str], found: _Found, *,
           any_place: bool) -> bool:
    """Place names inside a longer name, left to right, longest first: a demonym ("the Syrian
    Civil War" → Syrian), a country, a name the article uses as a place, a state or a large
    city at the start ("Ohio Department of Transportation" → Ohio). With ``any_place`` (the
    span is a GPE/LOC the gazetteer does not know: "Northeast Georgia", "Oaxaca State") any
    known name counts. Returns whether one was found."""
    n, any_found, i = len(span), False, 0
    while i < n:
        if not span[i].text[:1].isupper():
            i += 1
            continue
        for j in range(min(n, i + 4), i, -1):
            if j == n and i == 0:
                continue
            sub = span[i:j]
            if not sub[-1].text[:1].isupper() or (j < n and span[j].lower_ == "of"
                                                  and sub[-1].lower_ in DISTRICT_WORDS):
                continue  # "Western District" of "the Western District of New York" is in New York
            key = name_key(sub.text)
            if key in NOT_PLACE_WORDS or len(key) < 2:
                continue
            dem = _demonym_entry(sub.text, gaz) if j - i <= 2 else None
            if dem is not None:
                found.add(sub, [], dem)
                any_found = True
                break
            cands = gaz.lookup(sub.text)
            if not cands:
                continue
            top = cands[0]
            rest_generic = all(t.lower_ in GENERIC_PLACE_WORDS for t in (*span[:i], *span[j:]))
            of_state = i > 1 and span[i - 1].lower_ == "of" and span[i - 2].lower_ in DISTRICT_WORDS
            if (key in place_texts or (top.primary and top.entry.kind == "country")
                    or (of_state and top.primary and top.entry.kind == "admin1")
                    or (any_place and rest_generic and _good(top, min_pop=1000, text=sub.text))
                    or (i == 0 and (rest_generic or not any_place)
                        and _good(top, min_pop=100_000, text=sub.text))):
                found.add(sub, cands)
                any_found = True
                break
        else:
            i += 1
            continue
        i = j
    return any_found


def _free_names(doc: Doc, ents: list[Span], gaz: gazetteer.Gazetteer, place_texts: set[str],
                found: _Found) -> None:
    """Capitalised proper nouns outside any entity that name a well-known place."""
    n = len(doc)
    free = [not t for t in found.taken]
    for e in ents:
        for k in range(e.start, e.end):
            free[k] = False
    arr = doc.to_array([POS, IS_TITLE, IS_UPPER]).tolist()  # one pass in C, no Token objects
    cand = [free[k] and a[0] == PROPN and (a[1] or a[2]) for k, a in enumerate(arr)]
    i = 0
    while i < n:
        if not cand[i]:
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and cand[j]:
            j += 1
        done = False
        for end in range(j, i, -1):
            sub = doc[i:end]
            key = name_key(sub.text)
            if key in NOT_PLACE_WORDS or len(key) < 3:
                continue
            cands = gaz.lookup(sub.text)
            if cands and (key in place_texts
                          or _good(cands[0], min_pop=MIN_POPULATION_FREE, text=sub.text)):
                found.add(sub, cands)
                i, done = end, True
                break
        if not done:
            i += 1
