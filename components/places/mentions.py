"""Places: toponyms resolved with an offline gazetteer, disambiguated by the article's context.

Recognition (:func:`find_mentions`) takes spaCy's GPE / LOC / FAC entities, demonyms ("Syrian"
→ Syria, "European" → Europe), place names spaCy labelled otherwise ("Aleppo" as NORP, "Ohio" as
ORG, "Gainesville" as PERSON when the article also uses it as a place or it follows "in"),
place names inside other names ("Ohio Department of Transportation" → Ohio, "the Syrian Civil
War" → Syrian, "Northeast Georgia" → Georgia) and capitalised proper nouns the tagger left
outside any entity that the gazetteer knows well (countries, states, large cities, or names the
article uses as places elsewhere). A person's surname tagged GPE ("Saakashvili") is dropped.

Resolution (:func:`resolve`) scores every gazetteer candidate of a mention by its population and
feature class, then adds the article's context: the dateline, the countries and states named or
implied by the other places, an explicit "City, State" / "City, Country" pair, and closeness to
the other places resolved — so "Paris" is in Texas when the article is datelined there or names
Texas, and in France otherwise. A name the gazetteer lacks stays unresolved (``name`` None, no
point), except a street ("Royal Street"), which is placed at the article's main locality
(its point and country set, ``name`` and ``geonameid`` None, feature ``other``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from spacy.attrs import IS_TITLE, IS_UPPER, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from . import gazetteer
from ..lexicon.demonyms import country_of_demonym
from .gazetteer import Candidate, Entry
from ..records import Place

# Labels whose entities are toponyms as they stand.
PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels that may hide a place name spaCy mislabelled.
OTHER_LABELS = ("ORG", "PERSON", "NORP", "LANGUAGE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
# Demonyms of continents and regions (countries' come from components.lexicon.demonyms).
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
# Words that may stand around a known name inside a longer place name the gazetteer does not
# know ("Northeast Georgia", "Oaxaca State", "Greater Manchester"); any other word beside it
# means the span is something else ("Amara Okonjo" mis-tagged GPE is a person, not Amara).
GENERIC_PLACE_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "upper", "lower", "greater", "inner", "outer", "metro",
    "downtown", "suburban", "rural", "coastal", "state", "province", "region", "county",
    "district", "city", "town", "village", "municipality", "prefecture", "governorate",
    "territory", "oblast", "department", "area", "valley", "coast", "island", "islands",
    "of", "the", "and", "-", ",", ".",
})
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
    "western", "eastern", "northern", "southern", "bank", "trust", "library", "council",
    "department", "office", "school", "league", "club", "group", "company", "first", "new",
    "olympic", "metro", "titan", "valley", "street", "islands", "hills", "delta", "toyota", "honda",
    # titles before names ("Miss Smith", "Sen. Jones") that abbreviate a state or country
    "miss", "sen", "gen", "gov", "rep", "col", "capt", "sgt", "lt", "mr", "mrs", "ms", "dr",
})
# Capitalised non-entity names must be at least this populous to be taken as places.
MIN_POPULATION_FREE = 50_000
# Context bonuses, added to a candidate's prominence (see components.places.gazetteer.prominence).
COUNTRY_BONUS = 2.0
ADMIN1_BONUS = 3.0  # in the state of other places named
STATE_NAMED_BONUS = 4.0  # in a state the article names outright ("Texas")
DATELINE_COUNTRY_BONUS = 2.0
DATELINE_ADMIN1_BONUS = 3.5
PAIR_BONUS = 8.0
DATELINE_CITY_BONUS = 3.0
NEAR_KM = 150.0
NEAR_BONUS = 1.5
# A candidate near some reading of other names in the article ("Mansfield" and "Arlington" both
# have a Texas reading 15 km apart) gains this much per such name, up to two names; names
# with more readings than MAX_READINGS ("Washington") are too vague to vouch for anything.
GRID_BONUS = 1.0
ALTERNATE_CONTEXT = 0.5
MAX_READINGS = 12
# Streets and sites the gazetteer does not list are placed at the article's main locality.
LOCAL_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane",
                         "ln", "boulevard", "blvd", "highway", "hwy", "parkway", "pkwy", "circle",
                         "court", "way", "pike", "square", "plaza"})


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
    if e is None and m.near is not None:  # a street: located, but not a gazetteer place
        return Place(m.start, m.end, m.text, country_code=m.near.country_code,
                     lat=round(m.near.lat, 5), lon=round(m.near.lon, 5), feature="other")
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


def _good(c: Candidate, *, min_pop: int = 0, text: str = "") -> bool:
    """A primary-name candidate that is a country, state, region or a city of ``min_pop``;
    an acronym (``text`` all capitals, up to 5 letters: "OAS") only as a country or state."""
    k = c.entry.kind
    if text and text.replace(".", "").isupper() and len(text.replace(".", "")) <= 5:
        return c.primary and k in ("country", "admin1", "other")
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
    ents = list(doc.ents)
    place_texts = {gazetteer.name_key(_trim(e).text) for e in ents if e.label_ in PLACE_LABELS}
    person_words = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1}

    def add(span: Span, cands: list[Candidate], fixed: Entry | None = None) -> None:
        if len(span) == 0 or any(taken[span.start:span.end]):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        text = span.text.rstrip("-–— ")
        out.append(Mention(span.start_char, span.start_char + len(text), text, cands, fixed))

    for ent in ents:
        span = _trim(ent)
        if len(span) == 0:
            continue
        text = span.text
        label = ent.label_
        if label in PLACE_LABELS:
            for part in _split_slash(span):
                cands = gaz.lookup(_clean(part.text))
                if cands and _surname(part, cands, surnames):
                    continue
                if cands:
                    add(part, cands)
                    continue
                dem = _demonym_entry(part.text, gaz)
                if dem is not None:
                    add(part, [], dem)
                elif not _inner(part, gaz, place_texts, add, any_place=label != "FAC"):
                    if _keep_unknown(part, label, person_words):
                        add(part, [])
            continue
        if label not in OTHER_LABELS:
            continue
        dem = _demonym_entry(text, gaz) if label in ("NORP", "LANGUAGE") else None
        if dem is not None:
            add(span, [], dem)
            continue
        cands = gaz.lookup(_clean(text))
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        if cands and _whole_is_place(span, label, cands, place_texts, prev):
            add(span, cands)
            continue
        if label in ("ORG", "EVENT", "FAC", "PRODUCT", "LAW", "NORP") or _ends_with_street(span):
            _inner(span, gaz, place_texts, add, any_place=False)
    _free_names(doc, ents, gaz, place_texts, taken, add)
    out.sort(key=lambda m: m.start)
    _pairs(doc, out)
    return out


def _clean(text: str) -> str:
    return text.rstrip("-\u2013\u2014 ")


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


def _surname(span: Span, cands: list[Candidate], surnames: set[str]) -> bool:
    """Whether the one word ``span`` is rather the surname of a person named in full in the same
    article ("Ripley" with "Tom Ripley"): unless it names a country, state or a large city."""
    if len(span) != 1 or span[0].lower_ not in surnames:
        return False
    top = cands[0]
    return not (top.primary and (top.entry.kind in ("country", "admin1", "other")
                                 or top.entry.population >= 100_000))


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


def _is_acronym(text: str) -> bool:
    t = text.replace(".", "")
    return t.isupper() and len(t) <= 5


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
        return prev in LOCATIVE_WORDS and _good(top, min_pop=1000, text=span.text)
    if not span.text[:1].isupper() or key in COMMON_WORDS:
        return False
    if label in ("ORG", "NORP", "WORK_OF_ART", "PRODUCT", "LANGUAGE"):
        return _good(top, min_pop=5000 if prev in LOCATIVE_WORDS else 20_000, text=span.text)
    return _good(top, min_pop=100_000, text=span.text)


def _inner(span: Span, gaz: gazetteer.Gazetteer, place_texts: set[str], add, *,
           any_place: bool) -> bool:
    """Place names inside a longer name, left to right, longest first: a demonym ("the Syrian
    Civil War" → Syrian), a country, a name the article uses as a place, a state or a large
    city at the start ("Ohio Department of Transportation" → Ohio). With ``any_place`` (the
    span is a GPE/LOC the gazetteer does not know: "Northeast Georgia", "Oaxaca State") any
    known name counts. Returns whether one was found."""
    n, found, i = len(span), False, 0
    while i < n:
        if not span[i].text[:1].isupper():
            i += 1
            continue
        for j in range(min(n, i + 4), i, -1):
            if j == n and i == 0:
                continue
            sub = span[i:j]
            if not sub[-1].text[:1].isupper():
                continue
            key = gazetteer.name_key(sub.text)
            if key in COMMON_WORDS or len(key) < 2:
                continue
            dem = _demonym_entry(sub.text, gaz) if j - i <= 2 else None
            if dem is not None:
                add(sub, [], dem)
                found = True
                break
            cands = gaz.lookup(sub.text)
            if not cands:
                continue
            top = cands[0]
            rest_generic = all(t.lower_ in GENERIC_PLACE_WORDS for t in (*span[:i], *span[j:]))
            if (key in place_texts or (top.primary and top.entry.kind == "country")
                    or (any_place and rest_generic and _good(top, min_pop=1000, text=sub.text))
                    or (i == 0 and (rest_generic or not any_place)
                        and _good(top, min_pop=100_000, text=sub.text))):
                add(sub, cands)
                found = True
                break
        else:
            i += 1
            continue
        i = j
    return found


def _free_names(doc: Doc, ents: list[Span], gaz: gazetteer.Gazetteer, place_texts: set[str],
                taken: list[bool], add) -> None:
    """Capitalised proper nouns outside any entity that name a well-known place."""
    n = len(doc)
    free = [not t for t in taken]
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
            key = gazetteer.name_key(sub.text)
            if key in COMMON_WORDS or len(key) < 3:
                continue
            cands = gaz.lookup(sub.text)
            if cands and (key in place_texts
                          or _good(cands[0], min_pop=MIN_POPULATION_FREE, text=sub.text)):
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


def _dateline_prior(c: Candidate) -> float:
    """A dateline names a city ("WASHINGTON", "NEW YORK"), seldom a state: cities gain
    :data:`DATELINE_CITY_BONUS` and their alternate names count in full."""
    if c.entry.kind == "city":
        return gazetteer.prominence(c.entry, True) + DATELINE_CITY_BONUS
    return _prior(c)


def _near(a: Entry, b: Entry) -> bool:
    """Whether ``a`` and ``b`` lie within :data:`NEAR_KM` (a cheap latitude test first)."""
    return abs(a.lat - b.lat) < NEAR_KM / 100.0 and _km(a, b) < NEAR_KM


def _prior(c: Candidate) -> float:
    return gazetteer.prominence(c.entry, c.primary)


@dataclass
class _Context:
    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    named_admin1: set[str] = field(default_factory=set)  # states the article names outright
    points: list[tuple[str, Entry]] = field(default_factory=list)  # (name key, place)
    line_countries: set[str] = field(default_factory=set)
    line_admin1: set[str] = field(default_factory=set)
    line_points: list[Entry] = field(default_factory=list)
    grid: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # 1° cell → name keys


def _cell(e: Entry) -> tuple[int, int]:
    return int(math.floor(e.lat)), int(math.floor(e.lon))


def _grid(keys: list[str], mentions: list[Mention]) -> dict[tuple[int, int], set[str]]:
    grid: dict[tuple[int, int], set[str]] = {}
    for key, m in zip(keys, mentions):
        if len(m.candidates) > MAX_READINGS:
            continue
        for c in m.candidates:
            if c.primary and c.entry.kind in ("city", "admin2"):
                grid.setdefault(_cell(c.entry), set()).add(key)
    return grid


def _context(chosen: list[tuple[str, Entry]], lines: list[Entry]) -> _Context:
    ctx = _Context()
    for idx, e in chosen:
        if e.country_code:
            ctx.countries[e.country_code] = ctx.countries.get(e.country_code, 0) + 1
        if e.admin1:
            ctx.admin1[e.admin1] = ctx.admin1.get(e.admin1, 0) + 1
        if e.kind == "admin1":
            ctx.named_admin1.add(e.admin1)
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
    s = prior = _prior(c)
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
        if e.admin1 in ctx.named_admin1:
            s += STATE_NAMED_BONUS
        elif n > 0:
            s += ADMIN1_BONUS * min(1.0, 0.5 + 0.25 * n)
        if e.admin1 in ctx.line_admin1:
            s += DATELINE_ADMIN1_BONUS
    if e.kind in ("city", "admin2"):
        if ctx.grid:
            la, lo = _cell(e)
            names = set()
            for dla in (-1, 0, 1):
                for dlo in (-1, 0, 1):
                    names |= ctx.grid.get((la + dla, lo + dlo), set())
            names.discard(key)
            s += GRID_BONUS * min(2, len(names))
        if any(j != key and _near(e, p) for j, p in ctx.points):
            s += NEAR_BONUS
        if any(_near(e, p) for p in ctx.line_points):
            s += NEAR_BONUS
    if not c.primary:  # context counts half for a reading reached through an alternate name
        s = prior + ALTERNATE_CONTEXT * (s - prior)
    return s


def resolve(mentions: list[Mention], *, dateline: Sequence[Mention] = ()) -> None:
    """Choose a gazetteer place for every mention (sets ``Mention.choice``; left None when the
    gazetteer has no candidate). Dateline mentions are resolved first, by prior and by each
    other; then the text's mentions, three times: first by prior and the dateline, then twice
    again with the countries, states and points chosen for the other names in the pass before
    (each distinct name counts once, and never as its own context)."""
    lines = list(dateline)
    for m in lines:
        m.choice = m.fixed or (max(m.candidates, key=_dateline_prior).entry if m.candidates else None)
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
    grid = _grid(keys, mentions)
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
        ctx.grid = grid
        for key, m in zip(keys, mentions):
            if m.fixed is None and len(m.candidates) > 1:
                m.choice = max(m.candidates,
                               key=lambda c: _score(c, key, chosen.get(key), ctx, m.hint)).entry
    _locate_streets(mentions, keys, line_entries)


def _locate_streets(mentions: list[Mention], keys: list[str], lines: list[Entry]) -> None:
    """Place each street the gazetteer lacks ("Royal Street") at the article's main locality:
    the dateline's city, else a city of the state most named (directly or through its places),
    the one named most often, the most populous of those."""
    streets = [m for m in mentions if m.choice is None and not m.candidates
               and m.text.split()[-1].lower().rstrip(".") in LOCAL_WORDS and " " in m.text]
    if not streets:
        return
    focus = next((e for e in lines if e.kind in ("city", "admin2")), None)
    if focus is None:
        states: dict[str, int] = {}
        for m in mentions:
            if m.choice is not None and m.choice.admin1:
                states[m.choice.admin1] = states.get(m.choice.admin1, 0) + 1
        counts: dict[Entry, int] = {}
        for m in mentions:
            if m.choice is not None and m.choice.kind == "city":
                counts[m.choice] = counts.get(m.choice, 0) + 1
        if counts:
            focus = max(counts, key=lambda e: (states.get(e.admin1, 0), counts[e], e.population))
    for m in streets:
        m.near = focus
