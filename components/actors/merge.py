"""Actors across a corpus: spelling variants fold together ("Bashar al-Assad", "Bashar Al
Assad"), and a short person name maps to the one full name that ends with it, unless two people
share it; an acronym goes with the name articles spell it out as, a party's name ("Labour
Party") with its short name when articles name both. The store applies :func:`merge_corpus` to
every actor it holds after each ingest."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from .mentions import NAME_PARTICLES
from .names import acronym, fold_tokens, is_short_form, singular_key, spelling_rank

# Longest surname (in words) that merges across a corpus on its own ("al Assad").
MAX_SURNAME_WORDS = 3


def _corpus_key(name: str, kind: str | None) -> tuple[str, ...]:
    """Key under which spellings of one actor fold together across a corpus: folded words
    (:func:`~components.actors.names.fold_tokens`); for a group made singular ("Tories" is
    "Tory"). An organisation's plural or "Party" does not fold: "Rolling Stone" is not the
    Rolling Stones, nor India's "Congress Party" the US "Congress". ("Jr" stays: "Donald Trump
    Jr" is not "Donald Trump".)"""
    return singular_key(fold_tokens(name)) if kind == "group" else fold_tokens(name)


def _union_people(keys: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Cluster person keys (``{key: mentions}``): a name joins the one longer name with the
    same first and last word that contains it ("Hillary Clinton", "Hillary Rodham Clinton");
    then a surname ("Assad", "al Assad") joins the one cluster with a name ending in it.
    Returns ``{key: key of the cluster's most mentioned full name}`` for keys that move."""
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            k = parent[k]
        return k

    def join(a, b):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb

    by_ends: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    by_suffix: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for k in keys:
        if len(k) > 1:
            by_ends[(k[0], k[-1])].append(k)
            for n in range(1, min(len(k), MAX_SURNAME_WORDS + 1)):
                by_suffix[k[-n:]].append(k)
    for k in keys:
        if len(k) > 1:
            longer = [o for o in by_ends[(k[0], k[-1])] if is_short_form(o, k)]
            top = [o for o in longer if not any(is_short_form(x, o) for x in longer)]
            if len(top) == 1:
                join(k, top[0])
    for k in sorted(keys, key=len, reverse=True):  # "al assad" joins before "assad" looks
        if len(k) > 1 and k[0] not in NAME_PARTICLES or len("".join(k)) < 2:
            continue
        clusters = {root(o) for o in by_suffix.get(k, ())}
        if len(clusters) == 1:
            join(k, clusters.pop())
    best: dict[tuple[str, ...], tuple[str, ...]] = {}
    for k in keys:  # a cluster is named by its most mentioned name of two words or more
        r = root(k)
        if r not in best or (len(k) > 1, keys[k]) > (len(best[r]) > 1, keys[best[r]]):
            best[r] = k
    return {k: best[root(k)] for k in keys if best[root(k)] != k}


def merge_corpus(actors: Iterable[tuple], acronyms: Iterable[tuple[str, str, int]] = (),
                 parties: Iterable[tuple[str, str, int, int]] = ()) -> dict[str, str]:
    """Map article-level actor names to corpus-level canonical names.

    actors: ``(name, actor_type, n_mentions)`` or ``(name, actor_type, n_mentions, language)``
    for every distinct article-level actor (language: the ISO 639-1 code of its articles, None
    when unknown).
    acronyms: what articles that spell an acronym out resolved it to, as
    :func:`acronym_merges` reads them; an acronym that stands for one name goes with that name.
    parties: party names named in the same articles as the name without "Party", as
    :func:`party_merges` reads them; "Labour Party" goes with "Labour" when most of its articles
    name both.
    Returns ``{name: canonical}`` for the names that change (others stay as they are).
    Only names of one type and one language merge, and a name found with several types or
    languages that would merge differently in each stays as it is ("Jordan" the country is
    not moved to "Michael Jordan" because a person "Jordan" is). Spellings that fold alike
    (case, hyphens, diacritics, a group's plural: see :func:`_corpus_key`) become one, spelled as most mentioned
    (mixed case first); a person's name joins the one longer name with the same first and
    last word ("Hillary Clinton" → "Hillary Rodham Clinton" cluster) and a lone surname
    ("Assad") the one person whose name ends with it. A surname two people share ("Smith"
    with "Adam Smith" and "John Smith") is left alone. A cluster of people is named by its
    most mentioned full name."""
    variants: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for name, kind, n, *language in actors:
        if name:
            variants[(kind, language[0] if language else None, _corpus_key(name, kind))].append((name, n))
    spelling = {k: min(v, key=lambda x: spelling_rank(*x))[0] for k, v in variants.items()}
    mentions = {k: sum(n for _, n in v) for k, v in variants.items()}
    people: dict[str | None, dict[tuple[str, ...], int]] = defaultdict(dict)  # language → person keys
    for kind, lang, key in variants:
        if kind == "person":
            people[lang][key] = mentions[(kind, lang, key)]
    moved = {lang: _union_people(keys) for lang, keys in people.items()}
    targets: dict[str, set[str]] = defaultdict(set)
    for (kind, lang, key), names in variants.items():
        if kind == "person":
            key = moved[lang].get(key, key)
        target = spelling[(kind, lang, key)]
        for name, _ in names:
            targets[name].add(target)
    merged = {name: t.pop() for name, t in targets.items() if len(t) == 1 and name not in t}
    by_evidence = {name: to for name, to in (*acronym_merges(acronyms).items(), *party_merges(parties).items())
                   if name in targets and to in targets}  # (an acronym → its name, a party → its short name)
    if by_evidence:
        members: dict[str, list[str]] = defaultdict(list)  # canonical name → the names merged into it, itself too
        for name in targets:
            members[merged.get(name, name)].append(name)
        for name, to in by_evidence.items():
            to = merged.get(to, to)
            for member in members[merged.get(name, name)]:  # (the name and the spellings merged with it)
                if member != to:
                    merged[member] = to
    return merged


#: An acronym found alone stands for a name across the corpus when the articles that spell it out
#: resolved it to that name in at least this share of them, and in two articles at least: "EU"
#: is "European Union" once two articles say so, unless another expansion competes.
ACRONYM_SHARE = 0.75
ACRONYM_MIN_ARTICLES = 2


def acronym_merges(evidence: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """The acronyms that stand for one name across a corpus: ``{acronym: name}``.

    evidence: ``(text, actor, articles)``: a mention's text as written (such as "EU"), the actor
    its article resolved it to (the organisation spelled out in the same article, see
    :mod:`components.actors.mentions`: "European Union"), and in how many articles. Rows whose
    actor's initials (:func:`~components.actors.names.acronym`) are not the text are no evidence.
    An acronym maps to the name that holds at least :data:`ACRONYM_SHARE` of its articles, and
    :data:`ACRONYM_MIN_ARTICLES` of them."""
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for text, actor, articles in evidence:
        if text and actor and text != actor and acronym(actor) == text:
            found[text][actor] = found[text].get(actor, 0) + int(articles)
    out = {}
    for text, names in found.items():
        best, n = max(names.items(), key=lambda kv: (kv[1], kv[0]))
        if n >= ACRONYM_MIN_ARTICLES and n >= ACRONYM_SHARE * sum(names.values()):
            out[text] = best
    return out


#: A party's name ("Labour Party") and the name without "Party" ("Labour") are one actor across a
#: corpus when at least this share of the articles naming the party name both, and two articles
#: at least (India's "Congress Party" is seldom named beside the US "Congress").
PARTY_SHARE = 0.5
PARTY_MIN_ARTICLES = 2
#: A party's name: words, then "party" in any case (what :func:`party_base` takes off).
PARTY_NAME = re.compile(r"(\S.*?)\s+party", re.IGNORECASE)


def party_base(name: str) -> str | None:
    """The name of a party without its last word "Party" ("Labour Party" → "Labour"), None for
    a name that does not end so."""
    found = PARTY_NAME.fullmatch(name or "")
    return found.group(1) if found else None


def party_merges(evidence: Iterable[tuple[str, str, int, int]]) -> dict[str, str]:
    """The party names that are their short name across a corpus: ``{party name: short name}``.

    evidence: ``(party name, short name, articles naming both, articles naming the party
    name)``, the short name being the party name without "Party" (:func:`party_base`, any case;
    other rows are no evidence). A party name maps to its short name when they are named
    together in :data:`PARTY_MIN_ARTICLES` articles and :data:`PARTY_SHARE` of the party name's."""
    out = {}
    for party, short, together, articles in evidence:
        base = party_base(party)
        if (base and short and base.lower() == short.lower() and together >= PARTY_MIN_ARTICLES
                and together >= PARTY_SHARE * articles):
            out[party] = short
    return out


def party_evidence(articles: Iterable[Iterable[str]]) -> list[tuple[str, str, int, int]]:
    """What :func:`party_merges` reads, from the actor names of each article (the store reads
    the same from its ``entities`` table): (party name, name without "Party" as written,
    articles naming both, articles naming the party name)."""
    together: dict[tuple[str, str], int] = defaultdict(int)
    named: dict[str, int] = defaultdict(int)
    for names in articles:
        by_lower: dict[str, list[str]] = defaultdict(list)
        for name in set(names):
            by_lower[name.lower()].append(name)
        for party, base in ((n, party_base(n)) for n in set(names)):
            if base:
                named[party] += 1
                for short in by_lower.get(base.lower(), ()):
                    together[(party, short)] += 1
    return [(party, short, n, named[party]) for (party, short), n in sorted(together.items())]


# Types one name may carry in different articles that the corpus settles by its mentions: a
# model labels the same firm or party a person in one story and an organisation in another.
PERSON_OR_ORG = frozenset({"person", "organization"})


def corpus_types(actors: Iterable[tuple]) -> dict[str, str]:
    """The one type of each actor name that the corpus types both person and organisation:
    the type of most of its mentions; on a tie, the type whose mentions hold more roles (a role
    is a person's: "Elena Brandt, president of the Danube Energy Council" in one story, "Elena
    Brandt of the Danube Energy Council" typed an organisation in another); then organisation,
    as the store's ``actors`` table settles a tie. actors: ``(name, actor_type, n_mentions[,
    n_with_a_role])``. Returns ``{name: type}`` for those names only ("Labour" typed person in two
    short stories and organisation in a long one → organisation); a name typed a state or a group
    somewhere keeps its types (a country "Jordan" is not the player "Jordan")."""
    counts: dict[str, dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for name, kind, n, *rest in actors:
        counts[name][kind][0] += n
        counts[name][kind][1] += rest[0] if rest else 0
    return {name: max(sorted(PERSON_OR_ORG), key=lambda k: by_type[k])
            for name, by_type in counts.items() if set(by_type) == PERSON_OR_ORG}
