"""Actors: every PERSON / ORG / GPE / NORP mention gets a canonical actor and a type.

Types: ``person`` (PERSON), ``organization`` (ORG), ``state`` (a country by name or demonym,
and any other GPE: a city or region acting in the news is, by metonymy, its government, so it
keeps its own name and is typed ``state``), ``group`` (NORP that is not a country's demonym:
"Islamist", "Democrats", "Kurds").

Within an article (:func:`find_actors`): titles and possessives are split off the mention
("President Bashar Al Assad's" → "Bashar Al Assad", role "President"); a role next to a person
("Kremlin spokesman Dmitry Peskov", "Peskov, the Kremlin spokesman,") goes into ``role``; a
short form ("Assad", "Al Assad", "Mr Peskov") maps to the longest name in the article that
contains it; a lone surname spaCy labelled ORG/GPE/NORP is the person it names; an ORG
acronym maps to the spelled-out name it abbreviates; country names, aliases and demonyms
map to the country's everyday name ("Russian Federation", "Russian" → "Russia"). The ORG
"Kremlin" stays an organisation: metonyms are not mapped to states.

Across a corpus (:func:`merge_corpus`): spelling variants fold together ("Bashar al-Assad",
"Bashar Al Assad"), and a short person name maps to the one full name that ends with it,
unless two people share it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc

from . import actor_titles as titles
from .actor_names import clean_name, country_name, fold, fold_tokens, is_city, is_news_agency
from .records import Entity

TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
# Labels whose spans name something: edge "the", possessives and whitespace are trimmed off.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})
# Labels spaCy sometimes gives a person's name ("Peskov" as ORG, "Rosati" as WORK_OF_ART): a
# mention that is a person's full name or surname in the article becomes that person.
PERSON_MISLABELS = NAME_LABELS - {"PERSON"}
# Words skipped when building an acronym from an organisation's name.
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in"})
# Words right before a city name that show it is used as a place ("in Aleppo", "city Aleppo").
LOCATIVE_BEFORE = frozenset("""
in at from near to of into outside across around city capital town province region
""".split())
# Lower-case words that may begin a person's name ("al-Assad", "van Gogh", "de Gaulle").
NAME_PARTICLES = frozenset("""
al el de da das dos del della di du van von der den ter ten bin ibn abu la le
""".split())
# Parts of speech a person's name does not begin with (a capitalised "Certainly"). Not VERB:
# the tagger calls some first names verbs.
NOT_NAME_POS = frozenset({"ADV", "ADP", "DET", "PRON", "INTJ", "AUX", "CCONJ", "SCONJ", "PART"})
# Name words that do not tell people apart across a corpus ("John Roberts Jr").
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
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


def _not_name_start(tok) -> bool:
    """True if ``tok`` cannot begin a person's name ("a Mitt Romney", "Certainly Donald
    Trump", "@handle Name")."""
    if tok.text[:1] in "@#":
        return True
    if tok.text[:1].islower():
        return tok.lower_ not in NAME_PARTICLES
    return tok.pos_ in NOT_NAME_POS


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Token range of a named mention without edge whitespace, punctuation, a leading
    "the" and a trailing possessive (and, for a person, trailing numbers: "Vialli 55" in a
    results table); never empty."""
    while end - start > 1 and (doc[start].is_space or doc[start].lower_ == "the"
                               or (doc[start].is_punct and doc[start].text != "-")
                               or (label == "PERSON" and _not_name_start(doc[start]))):
        start += 1
    while end - start > 1 and (doc[end - 1].is_space or doc[end - 1].text in _POSSESSIVE
                               or (doc[end - 1].is_punct and doc[end - 1].text not in ".-")
                               or (label == "PERSON" and doc[end - 1].is_digit)):
        end -= 1
    return start, end


def _mention(doc: Doc, start: int, end: int, label: str) -> _Mention:
    """Trim the entity ``doc[start:end]``, split a person's leading title off and find the
    role next to it."""
    start, end = _trim(doc, start, end, label)
    role = None
    if label == "PERSON":
        name_start = titles.leading_title_end(doc, start, end)
        before = titles.role_before(doc, start)
        if name_start > start:
            role_start = before[0] if before else start
            role = doc[role_start:name_start].text
            start = name_start
        elif before:
            role = doc[before[0]:before[1]].text
        else:
            after = titles.role_after(doc, start, end)
            role = doc[after[0]:after[1]].text if after else None
    return _Mention(start, end, label, clean_name(doc[start:end].text), role)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True if the words of ``short`` occur in ``long`` in order ("Al Assad" in "Bashar Al
    Assad", "George Bush" in "George W Bush")."""
    it = iter(long)
    return all(w in it for w in short)


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Is the name ``short`` a shorter form of ``long``: its words in order, ending with the
    same surname ("Al Assad", "Assad" of "Bashar Al Assad"; "George Bush" of "George W Bush")?"""
    return len(long) > len(short) and long[-1] == short[-1] and _is_subsequence(short, long)


def _full_names(key: tuple[str, ...], keys: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The longest names among ``keys`` that ``key`` is a shorter form of; a lone first name
    ("Hillary") matches full names starting with it only when no surname matches."""
    cands = [k for k in keys if _contains(k, key)]
    if not cands and len(key) == 1:
        cands = [k for k in keys if len(k) > 1 and k[0] == key[0]]
    return [k for k in cands if not any(_contains(o, k) for o in cands)]


def _resolve_people(people: list[_Mention]) -> None:
    """Give every person mention its canonical name: the longest name of the article that
    it is a shorter form of (see :func:`_full_names`); when several different people qualify
    ("Clinton" with "Bill Clinton" and "Hillary Clinton"), the one mentioned last before it
    (else first after it)."""
    display: dict[tuple[str, ...], str] = {}
    seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, m in enumerate(people):
        key = fold_tokens(m.name)
        display.setdefault(key, m.name)
        seen[key].append(i)
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
            people[i].actor, people[i].actor_type = display[target], "person"


def _acronym(name: str) -> str:
    """Initials of the capitalised words of ``name`` ("North Atlantic Treaty Organization" →
    "NATO"); "" for a one-word name."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) > 1 else ""


def _resolve_others(mentions: list[_Mention], surnames: dict[tuple[str, ...], str]) -> None:
    """Canonical name and type of ORG / GPE / NORP mentions (see the module docstring), and of
    mentions with other labels that name a person of the article.

    surnames: folded full names and last words of the article's person names → the person's
    canonical name."""
    acronyms = {_acronym(m.name): m.name for m in mentions if m.label == "ORG" and _acronym(m.name)}
    for m in mentions:
        country = country_name(m.name, demonym=m.label == "NORP") if m.label in TYPES else None
        if country:
            m.actor, m.actor_type = country, "state"
        elif fold_tokens(m.name) in surnames:
            m.actor, m.actor_type, m.label = surnames[fold_tokens(m.name)], "person", "PERSON"
        elif m.label not in TYPES:
            continue
        elif m.label == "ORG":
            m.actor, m.actor_type = acronyms.get(m.name, m.name) if m.name.isupper() else m.name, "organization"
        elif m.name:
            m.actor, m.actor_type = m.name, TYPES[m.label]


def _relabel(doc: Doc, mentions: list[_Mention]) -> None:
    """Fix labels the small model commonly gets wrong, in place: a PERSON that is a country
    ("Mali") or a news agency ("Reuters"), and a PERSON or NORP that is a large city used as a
    place ("the city Aleppo", or labelled GPE elsewhere in the article). A name that is part of
    a longer person name in the article ("Jordan" with "Michael Jordan") is left alone."""
    person_keys = [fold_tokens(m.name) for m in mentions if m.label == "PERSON"]
    places = {fold(m.name) for m in mentions if m.label == "GPE"}
    for m in mentions:
        if m.label not in ("PERSON", "NORP"):
            continue
        key = fold_tokens(m.name)
        if any(len(k) > len(key) and _is_subsequence(key, k) for k in person_keys):
            continue
        if m.label == "PERSON" and is_news_agency(m.name):
            m.label = "ORG"
        elif m.label == "PERSON" and country_name(m.name):
            m.label = "GPE"
        elif m.end - m.start == 1 and is_city(m.name) and not country_name(m.name, demonym=True) and (
                fold(m.name) in places or (m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE_BEFORE)):
            m.label = "GPE"


def find_actors(doc: Doc) -> list[Entity]:
    """Every entity in ``doc`` as an :class:`~components.records.Entity`, in text order.

    doc: a parsed article (entities set; sentences and tags used when present).
    Returns one Entity per ``doc.ents`` span. Named spans are trimmed (edge whitespace, "the",
    a possessive, a person's leading title); PERSON / ORG / GPE / NORP mentions carry
    ``actor`` and ``actor_type`` (others None) and persons the ``role`` found next to them."""
    out: list[Entity] = []
    mentions: list[tuple[int, _Mention]] = []
    for e in doc.ents:
        if e.label_ in NAME_LABELS:
            m = _mention(doc, e.start, e.end, e.label_)
            span = doc[m.start:m.end]
            out.append(Entity(span.start_char, span.end_char, span.text, e.label_, role=m.role))
            if m.name:
                mentions.append((len(out) - 1, m))
        else:
            out.append(Entity(e.start_char, e.end_char, e.text, e.label_))
    _relabel(doc, [m for _, m in mentions])
    people = [m for _, m in mentions if m.label == "PERSON"]
    _resolve_people(people)
    surnames: dict[tuple[str, ...], str] = {}
    for m in people:
        full = fold_tokens(m.actor or "")
        surnames.setdefault(full[-1:], m.actor)
        surnames.setdefault(full, m.actor)
    _resolve_others([m for _, m in mentions if m.label != "PERSON"], surnames)
    for idx, m in mentions:
        out[idx].actor, out[idx].actor_type = m.actor, m.actor_type
        out[idx].label = m.label
    return out


def _corpus_key(name: str, kind: str | None) -> tuple[str, ...]:
    """Key under which spellings of one actor fold together across a corpus: folded words
    (:func:`~components.actor_names.fold_tokens`); for a person without initials and
    "Jr"/"Sr"/"II"; for a group without a plural "s"."""
    words = fold_tokens(name)
    if kind == "person":
        kept = tuple(w for w in words if len(w) > 1 and w not in GENERATIONAL)
        return kept or words
    if kind == "group" and words and words[-1].endswith("s") and len(words[-1]) > 3:
        return (*words[:-1], words[-1][:-1])
    return words


def _spelling_rank(name: str, n: int) -> tuple:
    """Sort key for the spelling that represents a set of variants: mixed case before ALL
    CAPS before all lower case, then the most mentioned."""
    case = 1 if name.isupper() else 2 if name.islower() else 0
    return case, -n, name


def _union_people(keys: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Cluster person keys (``{key: mentions}``): a name joins the one longer name with the
    same first and last word that contains it ("Hillary Clinton", "Hillary Rodham Clinton");
    then a surname ("Assad", "al Assad") joins the one cluster with a name ending in it.
    Returns ``{key: key of the cluster's most mentioned name}`` for keys that move."""
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            k = parent[k]
        return k

    def join(a, b):
        ra, rb = root(a), root(b)
        if ra != rb:
            big, small = (ra, rb) if keys[ra] >= keys[rb] else (rb, ra)
            parent[small] = big

    multi = [k for k in keys if len(k) > 1]
    for k in multi:
        longer = [o for o in multi if len(o) > len(k) and o[0] == k[0] and _contains(o, k)]
        top = [o for o in longer if not any(_contains(x, o) for x in longer)]
        if len(top) == 1:
            join(k, top[0])
    for k in keys:
        if len(k) > 1 and k[0] not in NAME_PARTICLES or len("".join(k)) < 2:
            continue
        clusters = {root(o) for o in multi if len(o) > len(k) and o[-len(k):] == k}
        if len(clusters) == 1:
            join(k, clusters.pop())
    return {k: root(k) for k in keys if root(k) != k}


def merge_corpus(actors: Iterable[tuple[str, str | None, int]]) -> dict[str, str]:
    """Map article-level actor names to corpus-level canonical names.

    actors: ``(name, actor_type, n_mentions)`` for every distinct article-level actor.
    Returns ``{name: canonical}`` for the names that change (others stay as they are).
    Only names of one type merge. Spellings that fold alike (case, hyphens, diacritics,
    a person's initials, a group's plural) become one, spelled as most mentioned; a person's
    name joins the one longer name with the same first and last word ("Hillary Clinton" →
    "Hillary Rodham Clinton" cluster) and a lone surname ("Assad") the one person whose name
    ends with it. A surname two people share ("Smith" with "Adam Smith" and "John Smith")
    is left alone. A cluster is named by its most mentioned spelling."""
    variants: dict[tuple[str | None, tuple[str, ...]], list[tuple[str, int]]] = defaultdict(list)
    for name, kind, n in actors:
        if name:
            variants[(kind, _corpus_key(name, kind))].append((name, n))
    spelling = {k: min(v, key=lambda x: _spelling_rank(*x))[0] for k, v in variants.items()}
    mentions = {k: sum(n for _, n in v) for k, v in variants.items()}
    people = {key: mentions[(kind, key)] for kind, key in variants if kind == "person"}
    moved = _union_people(people)
    mapping: dict[str, str] = {}
    for (kind, key), names in variants.items():
        target = spelling[(kind, moved.get(key, key))] if kind == "person" else spelling[(kind, key)]
        for name, _ in names:
            if name != target:
                mapping[name] = target
    return mapping
