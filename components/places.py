"""Places: toponyms resolved with an offline gazetteer, disambiguated by the article's context.

Recognition (:func:`find_mentions`) takes spaCy's GPE / LOC / FAC entities, demonyms ("Syrian"
→ Syria, "European" → Europe), place names spaCy labelled otherwise ("Aleppo" as NORP, "Ohio" as
ORG, "Gainesville" as PERSON when the article also uses it as a place or it follows "in"),
place names at the start of an organisation's name ("Watertown Police Department") and
capitalised proper nouns the tagger left outside any entity that the gazetteer knows well
(countries, states, large cities, or names the article uses as places elsewhere).

Resolution (:func:`resolve`) scores every gazetteer candidate of a mention by its population and
feature class, then adds the article's context: the dateline, the countries and states named or
implied by the other places, an explicit "City, State" / "City, Country" pair, and closeness to
the other places resolved — so "Paris" is in Texas when the article is datelined there or names
Texas, and in France otherwise.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Span

from . import gazetteer
from .demonyms import country_of_demonym
from .gazetteer import Candidate, Entry
from .records import Place

# Labels whose entities are toponyms as they stand.
PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels that may hide a place name spaCy mislabelled.
OTHER_LABELS = ("ORG", "PERSON", "NORP", "LANGUAGE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
# Demonyms of continents and regions (countries' come from components.demonyms).
REGION_DEMONYMS = {
    "european": "Europe", "europeans": "Europe", "african": "Africa", "africans": "Africa",
    "asian": "Asia", "asians": "Asia", "latin american": "Latin America",
    "latin americans": "Latin America", "central american": "Central America",
    "central americans": "Central America", "south american": "South America",
    "north american": "North America", "middle eastern": "Middle East",
    "caribbean": "Caribbean", "scandinavian": "Scandinavia", "balkan": "Balkans",
}
# Words before a name that make it a place ("in Jackson") when spaCy took it for a person.
LOCATIVE_WORDS = frozenset({"in", "near", "outside", "across", "throughout", "around", "to",
                            "from", "via", "toward", "towards", "between", "inside"})
# Last words of street and facility names, kept as toponyms even when the gazetteer lacks them.
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane",
                          "ln", "boulevard", "blvd", "highway", "hwy", "parkway", "pkwy", "circle",
                          "court", "way", "trail", "pike", "interstate", "bridge", "square",
                          "county", "parish", "river", "lake", "creek", "mountain", "mountains",
                          "island", "islands", "valley", "bay"})
# Capitalised words that are place names somewhere but mostly something else in news text.
COMMON_WORDS = frozenset({
    "mobile", "reading", "university", "college", "hospital", "police", "sheriff", "court",
    "center", "centre", "city", "county", "state", "union", "independence", "liberty", "victoria",
    "sale", "bath", "best", "hope", "friendship", "opportunity", "unity", "commerce", "enterprise",
    "president", "house", "senate", "congress", "mass", "church", "god", "christ", "jesus",
    "march", "may", "june", "july", "august", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "april", "september", "october",
    "november", "december", "north", "south", "east", "west", "central", "royal", "national",
    "federal", "republic", "party", "news", "times", "post", "tribune", "herald", "journal",
})
# Capitalised non-entity names must be at least this populous to be taken as places.
MIN_POPULATION_FREE = 50_000
# Kind priors (added to log10 of the population).
KIND_PRIOR = {"country": 3.0, "admin1": 1.8, "other": 2.5, "city": 0.0, "admin2": -0.5}
ALTERNATE_PENALTY = 2.0
COUNTRY_BONUS = 1.5
ADMIN1_BONUS = 3.0
DATELINE_COUNTRY_BONUS = 2.0
DATELINE_ADMIN1_BONUS = 3.0
PAIR_BONUS = 8.0
NEAR_KM = 150.0
NEAR_BONUS = 1.5


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
    e = m.choice
    if e is None:
        return Place(m.start, m.end, m.text)
    return Place(m.start, m.end, m.text, name=e.name, country_code=e.country_code,
                 lat=round(e.lat, 5), lon=round(e.lon, 5), geonameid=e.geonameid, feature=e.feature)


# ---------------------------------------------------------------- recognition


def _trim(span: Span) -> Span:
    """``span`` without a leading determiner and a trailing possessive or punctuation."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].lower_ in ("'s", "\u2019s", "'") or doc[e - 1].is_punct):
        e -= 1
    return doc[s:e]


def _good(c: Candidate, *, min_pop: int = 0) -> bool:
    """A primary-name candidate that is a country, state, region or a city of ``min_pop``."""
    k = c.entry.kind
    return c.primary and (k in ("country", "admin1", "other") or
                          (k in ("city", "admin2") and c.entry.population >= min_pop))


def _demonym_entry(text: str, gaz: gazetteer.Gazetteer) -> Entry | None:
    key = gazetteer.name_key(text)
    if key in REGION_DEMONYMS:
        hits = gaz.lookup(REGION_DEMONYMS[key])
        return hits[0].entry if hits else None
    code = country_of_demonym(text)
    return gaz.country(code) if code else None


def find_mentions(doc: Doc, *, gaz: gazetteer.Gazetteer | None = None) -> list[Mention]:
    """The toponyms of ``doc`` as unresolved :class:`Mention` s, in text order (see the module
    docstring for what counts)."""
    gaz = gaz or gazetteer.load()
    out: list[Mention] = []
    taken = [False] * len(doc)
    place_texts = {gazetteer.name_key(_trim(e).text) for e in doc.ents if e.label_ in PLACE_LABELS}
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}

    def add(span: Span, cands: list[Candidate], fixed: Entry | None = None) -> None:
        if len(span) == 0 or any(taken[span.start:span.end]):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        out.append(Mention(span.start_char, span.end_char, span.text, cands, fixed))

    for ent in doc.ents:
        span = _trim(ent)
        if len(span) == 0:
            continue
        text = span.text
        label = ent.label_
        if label in PLACE_LABELS:
            for part in _split_slash(span):
                cands = gaz.lookup(part.text)
                if not cands and not _keep_unknown(part, label, person_words):
                    continue
                add(part, cands, _demonym_entry(part.text, gaz) if not cands else None)
            continue
        if label not in OTHER_LABELS:
            continue
        dem = _demonym_entry(text, gaz) if label in ("NORP", "LANGUAGE") else None
        if dem is not None:
            add(span, [], dem)
            continue
        cands = gaz.lookup(text)
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        if cands and _whole_is_place(span, label, cands, place_texts, prev):
            add(span, cands)
            continue
        if label in ("ORG", "EVENT", "FAC", "PRODUCT", "LAW", "NORP") or _ends_with_street(span):
            _embedded(span, gaz, place_texts, add)
    _free_names(doc, gaz, place_texts, taken, add)
    out.sort(key=lambda m: m.start)
    _pairs(doc, out)
    return out


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


def _keep_unknown(span: Span, label: str, person_words: set[str]) -> bool:
    """Whether a GPE/LOC/FAC entity the gazetteer does not know is still kept as a toponym:
    not when it starts lower-case ("anesthesia"), not when it is a word of a person's name in
    the same article ("Saakashvili"), and a FAC only when it looks like a street or site."""
    if not span.text[:1].isupper():
        return False
    if all(t.lower_ in person_words for t in span):
        return False
    if label == "FAC":
        return _ends_with_street(span)
    return True


def _ends_with_street(span: Span) -> bool:
    return span[-1].lower_.rstrip(".") in STREET_WORDS and len(span) > 1


def _whole_is_place(span: Span, label: str, cands: list[Candidate], place_texts: set[str],
                    prev: str) -> bool:
    """Whether an ORG / PERSON / NORP … entity is as a whole a place name."""
    key = gazetteer.name_key(span.text)
    if key in place_texts:
        return True
    top = cands[0]
    if label == "PERSON":
        if len(span) > 1 and top.primary and top.entry.kind in ("country", "admin1"):
            return True
        return prev in LOCATIVE_WORDS and _good(top, min_pop=1000)
    if not span.text[:1].isupper() or key in COMMON_WORDS:
        return False
    if label in ("ORG", "NORP", "WORK_OF_ART", "PRODUCT", "LANGUAGE"):
        return _good(top, min_pop=5000 if prev in LOCATIVE_WORDS else 20_000)
    return _good(top, min_pop=100_000)


def _embedded(span: Span, gaz: gazetteer.Gazetteer, place_texts: set[str], add) -> None:
    """Place names inside an organisation's (or event's) name: the longest known place name
    starting at its first word ("Ohio Department of Transportation" → Ohio), or a demonym
    or country anywhere in it ("the Syrian Civil War" → Syrian)."""
    n = len(span)
    for i in range(n):
        tok = span[i]
        if not tok.text[:1].isupper():
            continue
        for j in range(min(n, i + 4), i, -1):
            if j == n and i == 0:
                continue
            sub = span[i:j]
            if not sub[-1].text[:1].isupper() and not sub[-1].is_punct:
                continue
            key = gazetteer.name_key(sub.text)
            if key in COMMON_WORDS:
                continue
            dem = _demonym_entry(sub.text, gaz) if j - i <= 2 else None
            if dem is not None:
                add(sub, [], dem)
                return
            cands = gaz.lookup(sub.text)
            if cands and (key in place_texts or (i == 0 and _good(cands[0], min_pop=10_000))
                          or (cands[0].primary and cands[0].entry.kind == "country")):
                add(sub, cands)
                return


def _free_names(doc: Doc, gaz: gazetteer.Gazetteer, place_texts: set[str], taken: list[bool],
                add) -> None:
    """Capitalised proper nouns outside any entity that name a well-known place."""
    i, n = 0, len(doc)
    in_ent = [False] * n
    for e in doc.ents:
        for k in range(e.start, e.end):
            in_ent[k] = True
    while i < n:
        tok = doc[i]
        if in_ent[i] or taken[i] or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and not in_ent[j] and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        done = False
        for end in range(j, i, -1):
            sub = doc[i:end]
            key = gazetteer.name_key(sub.text)
            if key in COMMON_WORDS or len(key) < 3:
                continue
            cands = gaz.lookup(sub.text)
            if cands and (key in place_texts or _good(cands[0], min_pop=MIN_POPULATION_FREE)):
                add(sub, cands)
                i, done = end, True
                break
        if not done:
            i += 1


def _pairs(doc: Doc, mentions: list[Mention]) -> None:
    """"Paris, Texas" / "Paris, Tex." / "Aleppo, Syria": the second name narrows the first."""
    text = doc.text
    for a, b in zip(mentions, mentions[1:]):
        if text[a.end:b.start].strip() not in (",",):
            continue
        keys = {c.entry.admin1 for c in b.candidates if c.primary and c.entry.kind == "admin1"}
        keys |= {c.entry.country_code for c in b.candidates if c.primary and c.entry.kind == "country"}
        if b.fixed is not None and b.fixed.kind == "country":
            keys.add(b.fixed.country_code)
        keys.discard(None)
        if keys and any(c.entry.admin1 in keys or c.entry.country_code in keys for c in a.candidates
                        if c.entry.kind not in ("country", "admin1") or c.entry.admin1 in keys):
            a.hint = keys


# ---------------------------------------------------------------- resolution


def _km(a: Entry, b: Entry) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    x = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(x)))


def _prior(c: Candidate) -> float:
    e = c.entry
    return (math.log10(e.population + 10) + KIND_PRIOR[e.kind]
            - (0.0 if c.primary else ALTERNATE_PENALTY))


@dataclass
class _Context:
    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    points: list[tuple[str, Entry]] = field(default_factory=list)  # (name key, place)
    line_countries: set[str] = field(default_factory=set)
    line_admin1: set[str] = field(default_factory=set)
    line_points: list[Entry] = field(default_factory=list)


def _context(chosen: list[tuple[str, Entry]], lines: list[Entry]) -> _Context:
    ctx = _Context()
    for idx, e in chosen:
        if e.country_code:
            ctx.countries[e.country_code] = ctx.countries.get(e.country_code, 0) + 1
        if e.admin1:
            ctx.admin1[e.admin1] = ctx.admin1.get(e.admin1, 0) + 1
        if e.kind in ("city", "admin2"):
            ctx.points.append((idx, e))
    for e in lines:
        if e.country_code:
            ctx.line_countries.add(e.country_code)
        if e.admin1:
            ctx.line_admin1.add(e.admin1)
        if e.kind in ("city", "admin2"):
            ctx.line_points.append(e)
    return ctx


def _score(c: Candidate, key: str, own: Entry | None, ctx: _Context, hint: set[str]) -> float:
    e = c.entry
    s = _prior(c)
    if hint and (e.admin1 in hint or e.country_code in hint):
        s += PAIR_BONUS
    own_cc = own.country_code if own is not None else None
    own_a1 = own.admin1 if own is not None else None
    if e.country_code:
        n = ctx.countries.get(e.country_code, 0) - (1 if own_cc == e.country_code else 0)
        if n > 0:
            s += COUNTRY_BONUS * min(1.0, 0.5 + 0.25 * n)
        if e.country_code in ctx.line_countries:
            s += DATELINE_COUNTRY_BONUS
    if e.admin1 and e.kind != "admin1":
        n = ctx.admin1.get(e.admin1, 0) - (1 if own_a1 == e.admin1 else 0)
        if n > 0:
            s += ADMIN1_BONUS * min(1.0, 0.5 + 0.25 * n)
        if e.admin1 in ctx.line_admin1:
            s += DATELINE_ADMIN1_BONUS
    if e.kind in ("city", "admin2"):
        if any(j != key and _km(e, p) < NEAR_KM for j, p in ctx.points):
            s += NEAR_BONUS
        if any(_km(e, p) < NEAR_KM for p in ctx.line_points):
            s += NEAR_BONUS
    return s


def resolve(mentions: list[Mention], *, dateline: Sequence[Mention] = ()) -> None:
    """Choose a gazetteer place for every mention (sets ``Mention.choice``; left None when the
    gazetteer has no candidate). Dateline mentions are resolved first, by prior and by each
    other; then the text's mentions, twice: first by prior and the dateline, then again with
    the countries, states and points that the first pass chose for the other names (each
    distinct name counts once, and never as its own context)."""
    lines = list(dateline)
    for m in lines:
        m.choice = m.fixed or (max(m.candidates, key=_prior).entry if m.candidates else None)
    line_entries = [m.choice for m in lines if m.choice is not None]
    if len(lines) > 1:  # datelines resolve each other ("Paris/Texas")
        ctx = _context([(gazetteer.name_key(m.text), m.choice) for m in lines if m.choice], [])
        for m in lines:
            if m.candidates and not m.fixed:
                key = gazetteer.name_key(m.text)
                m.choice = max(m.candidates, key=lambda c: _score(c, key, m.choice, ctx, set())).entry
        line_entries = [m.choice for m in lines if m.choice is not None]
    empty = _context([], line_entries)
    keys = [gazetteer.name_key(m.text) for m in mentions]
    for m in mentions:
        if m.fixed is not None:
            m.choice = m.fixed
        elif m.candidates:
            m.choice = max(m.candidates, key=lambda c: _score(c, "", None, empty, m.hint)).entry
    for _ in range(2):
        chosen: dict[str, Entry] = {}
        for key, m in zip(keys, mentions):
            if m.choice is not None:
                chosen.setdefault(key, m.choice)
        ctx = _context(list(chosen.items()), line_entries)
        for key, m in zip(keys, mentions):
            if m.fixed is None and len(m.candidates) > 1:
                m.choice = max(m.candidates,
                               key=lambda c: _score(c, key, chosen.get(key), ctx, m.hint)).entry
