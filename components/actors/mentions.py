"""Actors: every PERSON / ORG / GPE / NORP mention gets a canonical actor and a type.

Types: ``person`` (PERSON), ``organization`` (ORG), ``state`` (a country by name or demonym,
and a city or region that *acts* in the sentence — its subject, agent or possessor, "Moscow
said", "Tehran's advisers": by metonymy its government, so it keeps its own name and is typed
``state``; a city that is only where something happens, "officials in Lima", is a place, not an
actor), ``group`` (NORP that is not a country's demonym:
"Islamist", "Democrats", "Kurds"). Other labels (DATE, MONEY, LOC, FAC…) get no actor.

Within an article (:func:`find_actors`): titles and possessives are split off the mention
("President Bashar Al Assad's" → "Bashar Al Assad", role "President"); a role next to a person
("Kremlin spokesman Dmitry Peskov", "Peskov, the Kremlin spokesman,") goes into ``role``; a
short form ("Assad", "Al Assad", "Mr Peskov") maps to the longest name in the article that
contains it; country names, aliases and demonyms map to the country's everyday name
("Russian Federation", "Russian" → "Russia"); an ORG acronym maps to the spelled-out name it
abbreviates, and a kind of body alone ("the Commission") the one organisation of the article
whose name ends with it ("European Commission"); a title alone ("the Sheik") is the one person
of the article who holds it. The ORG "Kremlin" stays an organisation: metonyms are not mapped
to states.

Labels the small model often gets wrong are fixed, which also raises CoNLL NER scores: a
mention that is a person's name or surname in the article becomes PERSON whatever its
label (a plural NORP such as "Democrats" excepted); a PERSON that is a country or a news
agency, and a PERSON or NORP that is a large city used as a place ("in Aleppo"), get GPE /
ORG. Before a mention becomes an actor, the evidence of :mod:`.evidence` is weighed over all
the mentions of its name: organisation evidence retypes a mislabelled person ("oil firm
Yukos"), a given name and an acting mention a mislabelled organisation; products, works,
events, common words and names that only modify a common noun get no actor. Spans are cut
where the model glued words to a name ("a White House", "Associated Press that", "GDC Mr
Allard" → the person "Allard"). A wire dateline that opens the text ("MOSCOW, Dec 2 (Reuters) - ",
which a JSON or CSV record's text keeps) names where and by whom the story was filed: no name in
it is an actor, and a name the model ran into it from the first sentence is cut where the
sentence starts ("CANBERRA - Australian" → the demonym "Australian").

Across a corpus (:func:`components.actors.merge.merge_corpus`): spelling variants fold together ("Bashar al-Assad",
"Bashar Al Assad"), and a short person name maps to the one full name that ends with it,
unless two people share it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc

from . import evidence, short_forms, titles
from .names import acronym, country_name, fold_tokens, is_city, is_news_agency, is_short_form, is_subsequence, spelling_rank
from ..lexicon.normalise import clean_name, fold, word_key
from ..lexicon.titles import HONORIFICS
from ..lexicon.place_words import LOCATIVE_PREPOSITIONS, PLACE_NOUNS
from ..records import Entity

TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
# Labels whose spans name something: edge "the", possessives and whitespace are trimmed off.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})
# Words right before a city name that show it is used as a place ("in Aleppo", "city Aleppo"):
# besides the locative prepositions also "at", "of", "into", which the rule can afford since it
# applies to a large city's name only ("at Jackson" may be a person, "at Aleppo" is not).
LOCATIVE_BEFORE = LOCATIVE_PREPOSITIONS | {"at", "of", "into"} | PLACE_NOUNS
# Lower-case words that may begin a person's name ("al-Assad", "van Gogh", "de Gaulle").
NAME_PARTICLES = frozenset("""
al el de da das dos del della di du van von der den ter ten bin ibn abu la le
""".split())
# Parts of speech a person's name does not begin with (a capitalised "Certainly"). Not VERB:
# the tagger calls some first names verbs.
NOT_NAME_POS = frozenset({"ADV", "ADP", "DET", "PRON", "INTJ", "AUX", "CCONJ", "SCONJ", "PART"})
# An ALL-CAPS place name longer than this is written in title case ("MOSCOW" in a dateline);
# shorter ones may be abbreviations ("NYC").
SHOUTED_MIN_LETTERS = 4
# Spaced separators that never sit inside a person's name ("Ana Ruiz / Reuters").
SEPARATORS = frozenset({"-", "/", "|", "\u2013", "\u2014", "--"})
# Words hyphenated onto a name that are not part of it ("Trump-led", "Iran-backed").
HYPHEN_AFFIXES = frozenset("led backed based era style like run owned funded linked allied aligned".split())
# Words glued after a name by the model that are not part of it ("Associated Press that").
TRAILING_PRONOUNS = frozenset({"that", "which", "who", "whose"})
# A result glued to a team's or a player's name ("3-1", "30-20").
SCORE = re.compile(r"\d+[-\u2013]\d+")
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


@dataclass
class _Mention:
    """A mention being resolved: token range, label, cleaned name, role (or None)."""

    start: int
    end: int
    label: str
    name: str
    role: str | None = None
    actor: str | None = None
    actor_type: str | None = None
    acts: bool = True  # the mention is a subject, agent or possessor (see :func:`_acts`)


# Dependency relations through which a place name acts ("Moscow said", "said by Tehran",
# "Tehran's advisers") rather than locates ("in Lima").
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss", "dative"})


def _acts(doc: Doc, start: int, end: int) -> bool:
    """True if ``doc[start:end]`` acts in its sentence: its head token is a subject, an agent
    ("by Moscow"), a possessor or a dative, directly or as a conjunct of one ("Moscow and
    Tehran said"). Without a dependency parse every mention counts as acting."""
    if not doc.has_annotation("DEP"):
        return True
    tok = doc[start:end].root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "by":
        return True
    if tok.dep_ == "poss" and tok.head.ent_type_ in ("ORG", "FAC"):
        return False  # "Moscow's Sovlink Securities": where the firm is
    return tok.dep_ in ACTING_DEPS


def _not_name_start(tok) -> bool:
    """True if ``tok`` cannot begin a person's name ("a Mitt Romney", "Certainly Donald
    Trump", "@handle Name")."""
    if tok.text[:1] in "@#":
        return True
    if tok.text[:1].islower():
        return tok.lower_ not in NAME_PARTICLES
    return tok.pos_ in NOT_NAME_POS


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of the tokens ``doc[start:end]`` (no trailing whitespace); cheaper
    than building a Span."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def _text(doc: Doc, text: str, start: int, end: int) -> str:
    """Text of the tokens ``doc[start:end]``; ``text`` is ``doc.text`` (which spaCy rebuilds
    on every access, so callers fetch it once)."""
    a, b = _chars(doc, start, end)
    return text[a:b]


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Token range of a named mention without edge whitespace, punctuation, a leading
    "the", a trailing possessive or "-led"; for a person also without what follows a spaced
    dash or slash or an inner possessive, and without trailing numbers ("Vialli 55" in a
    results table). Never empty."""
    if label == "PERSON":  # "John Podesta's Gmail", "Ana Ruiz / Reuters": the person is first
        cut = next((i for i in range(start + 1, end - 1) if doc[i].text in _POSSESSIVE
                    or (doc[i].text in SEPARATORS and doc[i].whitespace_ and doc[i - 1].whitespace_)), None)
        end = cut if cut is not None else end
    if end - start > 2 and doc[end - 1].lower_ in HYPHEN_AFFIXES and doc[end - 2].text == "-":
        end -= 2  # "Trump-led", "Saudi-backed"
    while end - start > 1 and (doc[start].is_space or doc[start].lower_ == "the"
                               or doc[start].text in _POSSESSIVE
                               or (doc[start].is_punct and doc[start].text != "-")
                               or (label == "PERSON" and _not_name_start(doc[start]))):
        start += 1
    while end - start > 1 and (doc[end - 1].is_space or doc[end - 1].text in _POSSESSIVE
                               or (doc[end - 1].is_punct and doc[end - 1].text not in ".-")
                               or (label == "PERSON" and doc[end - 1].is_digit)):
        end -= 1
    return start, end


def _role(doc: Doc, text: str, start: int, end: int,
          sent: tuple[int, int]) -> tuple[int, str | None]:
    """Where the name of the person mention ``doc[start:end]`` starts once a leading title is
    split off, and the role found: the title (with the modifiers before it, "Syrian
    President"), else a title phrase right before the mention, else an apposition after it.
    ``text`` is ``doc.text``; ``sent`` the token range of the mention's sentence."""
    name_start = titles.leading_title_end(doc, start, end)
    if name_start > start:  # the title ends inside the span; its modifiers may start before it
        before = titles.role_before(doc, name_start, floor=sent[0])
        return name_start, _text(doc, text, min(before[0], start) if before else start, name_start)
    found = (titles.role_before(doc, start, floor=sent[0])
             or titles.role_after(doc, start, end, sent_end=sent[1]))
    return start, _text(doc, text, *found) if found else None


def _cut(doc: Doc, start: int, end: int, label: str) -> tuple[int, int, str]:
    """Token range and label of a named mention once what the model glued to it is cut off:
    a leading "a"/"an" ("a White House"), a trailing relative pronoun ("Associated Press
    that"), a result glued to a name ("3-1 Arsenal"), an unclosed parenthesis and what follows
    it ("Global Alliance for Vaccines (Gavi"); a person named with an honorific inside another
    mention ("GDC Mr Allard") becomes that person's mention. Never empty."""
    while end - start > 1 and doc[start].lower_ in ("a", "an"):
        start += 1
    while end - start > 1 and doc[end - 1].lower_ in TRAILING_PRONOUNS:
        end -= 1
    if end - start > 3 and SCORE.fullmatch(doc[start:start + 3].text) and doc[start + 2].whitespace_:
        start += 3  # the tokenizer splits "3-1" into three tokens
    if end - start > 3 and SCORE.fullmatch(doc[end - 3:end].text) and doc[end - 4].whitespace_:
        end -= 3
    opened = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opened is not None and not any(doc[i].text == ")" for i in range(opened, end)):
        end = opened
    if label != "PERSON":
        honorific = next((i for i in range(start + 1, end - 1) if word_key(doc[i].text) in HONORIFICS
                          and doc[i + 1].text[:1].isupper()), None)
        if honorific is not None:
            start, label = honorific, "PERSON"
    return start, end, label


def _mention(doc: Doc, text: str, start: int, end: int, label: str,
             sents: list[tuple[int, int]]) -> _Mention:
    """Trim the entity ``doc[start:end]``, split a person's leading title off and find the
    role next to it. ``text``: ``doc.text``; ``sents``: token ranges of the doc's sentences."""
    start, end, label = _cut(doc, start, end, label)
    start, end = _trim(doc, start, end, label)
    role = None
    if label == "PERSON":
        sent = sents[max(0, bisect_right(sents, (start, len(doc) + 1)) - 1)]
        start, role = _role(doc, text, start, end, sent)
    return _Mention(start, end, label, clean_name(_text(doc, text, start, end)), role,
                    acts=_acts(doc, start, end))


def _full_names(key: tuple[str, ...], keys: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The longest names among ``keys`` that ``key`` is a shorter form of; a lone first name
    ("Hillary") matches full names starting with it only when no surname matches."""
    cands = [k for k in keys if is_short_form(k, key)]
    if not cands and len(key) == 1:
        cands = [k for k in keys if len(k) > 1 and k[0] == key[0]]
    return [k for k in cands if not any(is_short_form(o, k) for o in cands)]


def _resolve_people(people: list[_Mention]) -> None:
    """Give every person mention its canonical name: the longest name of the article that
    it is a shorter form of (see :func:`_full_names`); when several different people qualify
    ("Clinton" with "Bill Clinton" and "Hillary Clinton"), the one mentioned last before it
    (else first after it). A name with no capital letter that is no short form stays
    without an actor (a tagging error: "lesbian", "280bn")."""
    seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, m in enumerate(people):
        seen[fold_tokens(m.name)].append(i)
    spellings = Counter(m.name for m in people)
    display = {key: min((people[i].name for i in idx), key=lambda n: spelling_rank(n, spellings[n]))
               for key, idx in seen.items()}
    for key in display:
        full = _full_names(key, display)
        for i in seen[key]:
            if not full:
                target = key
            elif len(full) == 1:
                target = full[0]
            else:
                before = [(max(j for j in seen[k] if j < i), k) for k in full if seen[k][0] < i]
                target = max(before)[1] if before else min((seen[k][0], k) for k in full)[1]
            if target == key and not any(ch.isupper() for ch in display[key]):
                continue  # "lesbian", "280bn": not a name, so no actor
            people[i].actor, people[i].actor_type = display[target], "person"


def _resolve_others(mentions: list[_Mention], surnames: dict[tuple[str, ...], str | None], language: str) -> None:
    """Canonical name and type of ORG / GPE / NORP mentions (see the module docstring), and of
    mentions with other labels that name a person of the article (not a large city labelled
    GPE: "Washington" stays a place next to "George Washington").

    surnames: folded full names and last words of the article's person names → the person's
    canonical name (None when two people share it: the mention is then a person named as
    written). language: the article's (``doc.lang_``), for country names in it."""
    acronyms = {acronym(m.name): m.name for m in mentions if m.label == "ORG" and acronym(m.name)}
    bodies = short_forms.bodies_in_full(mentions)
    for m in mentions:
        country = country_name(m.name, demonym=m.label == "NORP", language=language) if m.label in TYPES else None
        if country:
            m.actor, m.actor_type = country, "state"
        elif fold_tokens(m.name) in surnames and not (m.label == "GPE" and is_city(m.name)) \
                and not (m.label == "NORP" and m.name.endswith("s")):  # "Democrats" is no surname
            m.actor, m.actor_type, m.label = surnames[fold_tokens(m.name)] or m.name, "person", "PERSON"
        elif m.label not in TYPES:
            continue
        elif m.label == "ORG":
            name = (acronyms.get(m.name.upper()) or bodies.get(m.name.lower(), m.name)) if " " not in m.name else m.name
            m.actor, m.actor_type = name, "organization"
        elif m.label == "GPE" and not m.acts:
            continue  # a city or region as a location, not an actor
        elif m.label == "GPE" and m.name.isupper() and len(m.name) > SHOUTED_MIN_LETTERS:
            m.actor, m.actor_type = m.name.title(), "state"  # a dateline's "MOSCOW" is Moscow
        elif m.name:
            m.actor, m.actor_type = m.name, TYPES[m.label]


def _relabel(doc: Doc, mentions: list[_Mention]) -> None:
    """Fix labels the small model commonly gets wrong, in place: a PERSON that is a country
    ("Mali") or a news agency ("Reuters"), a PERSON or NORP that is a large city used as a place
    ("the city Aleppo", labelled GPE elsewhere in the article, or joined by "and"/"or" to a place
    just before it: "between Beirut and Accra"), and an ORG that is a large city's name right
    after a locative word ("officials in Accra"), or joined to a place or with Accra a GPE
    elsewhere, that does not act there (a club that wins at home stays one). A name that is
    part of a longer person name in the article ("Jordan" with "Michael Jordan") is left alone.
    ``mentions`` come in the article's order (as ``doc.ents``), so a place fixed here counts for
    the next one ("between Accra and Rotterdam")."""
    person_keys = {fold_tokens(m.name) for m in mentions if m.label == "PERSON"}
    places = {fold(m.name) for m in mentions if m.label == "GPE"}
    place_ends = {m.end for m in mentions if m.label == "GPE"}  # token after each place
    for m in mentions:
        if m.label not in ("PERSON", "NORP", "ORG"):
            continue
        prev = doc[m.start - 1].lower_ if m.start > 0 else ""
        joined = prev in ("and", "or") and m.start - 1 in place_ends  # "Beirut and Accra"
        city = m.end - m.start == 1 and is_city(m.name) and not country_name(m.name, demonym=True)
        if m.label == "ORG":
            if m.acts or not (city and (prev in LOCATIVE_BEFORE or joined
                                        or (prev in ("and", "or") and fold(m.name) in places))):
                continue
            label = "GPE"
        elif m.label == "PERSON" and is_news_agency(m.name):
            label = "ORG"
        elif m.label == "PERSON" and country_name(m.name):
            label = "GPE"
        elif city and (fold(m.name) in places or prev in LOCATIVE_BEFORE or joined):
            label = "GPE"
        else:
            continue
        key = fold_tokens(m.name)
        if not any(len(k) > len(key) and is_subsequence(key, k) for k in person_keys):
            m.label = label
            if label == "GPE":
                place_ends.add(m.end)


def _split_pairs(doc: Doc, text: str, mentions: list[_Mention]) -> None:
    """Cut a mention that joins two names with "and" to its first name when the article names
    either on its own elsewhere ("Gazprom and Gazpromneft" with "Gazprom" alone); a name
    that has "and" inside ("Procter and Gamble") is never named in halves. In place."""
    names = {fold(m.name) for m in mentions}
    for m in mentions:
        cut = next((i for i in range(m.start + 1, m.end - 1) if doc[i].lower_ == "and"), None)
        if cut is not None and m.label != "PERSON" and (
                fold(_text(doc, text, m.start, cut)) in names or fold(_text(doc, text, cut + 1, m.end)) in names):
            m.end, m.name = cut, clean_name(_text(doc, text, m.start, cut))


def _after_dateline(doc: Doc, start: int, end: int, label: str, body: int) -> tuple[int, str]:
    """Where the entity ``doc[start:end]`` labelled ``label`` starts and its label once cut at
    ``body`` (:func:`~.evidence.body_start`), when the model ran a dateline into it: the first sentence's
    words only, a country's demonym among them labelled NORP ("CANBERRA - Australian Prime
    Minister": "Australian")."""
    if not start < body < end:
        return start, label
    words = doc[body:end].text
    if country_name(words, demonym=True) and not country_name(words):
        label = "NORP"
    return body, label


def find_actors(doc: Doc) -> list[Entity]:
    """Every entity in ``doc`` as an :class:`~components.records.Entity`, in text order.

    doc: a parsed article (entities set; sentences and tags used when present).
    Returns one Entity per ``doc.ents`` span. Named spans are trimmed (edge whitespace, "the",
    a possessive, a person's leading title, an opening dateline); PERSON / ORG / GPE / NORP
    mentions carry ``actor`` and ``actor_type`` (others None, as do the names within an opening
    dateline) and persons the ``role`` found next to them."""
    out: list[Entity] = []
    mentions: list[tuple[int, _Mention]] = []
    text = doc.text
    sents = ([(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START")
             else [(0, len(doc))])
    body = evidence.body_start(doc, text)
    for e in doc.ents:
        if e.label_ in NAME_LABELS and e.end > body:
            start, label = _after_dateline(doc, e.start, e.end, e.label_, body)
            m = _mention(doc, text, start, e.end, label, sents)
            a, b = _chars(doc, m.start, m.end)
            out.append(Entity(a, b, text[a:b], label, role=m.role))
            if m.name:
                mentions.append((len(out) - 1, m))
        else:
            a, b = e.start_char, e.end_char
            out.append(Entity(a, b, text[a:b], e.label_))
    named = [m for _, m in mentions]
    _split_pairs(doc, text, named)
    _relabel(doc, named)
    evidence.retype(doc, named)
    people = [m for _, m in mentions if m.label == "PERSON"]
    _resolve_people(people)
    _resolve_others([m for _, m in mentions if m.label != "PERSON"], short_forms.surnames(people), doc.lang_)
    evidence.not_actors(doc, named)
    for idx, m in mentions:
        a, b = _chars(doc, m.start, m.end)
        out[idx].start, out[idx].end, out[idx].text = a, b, text[a:b]
        out[idx].actor, out[idx].actor_type = m.actor, m.actor_type
        out[idx].label = m.label
    return out
