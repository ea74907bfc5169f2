"""Quote attribution: the cue of a quoted piece and its speaker, from the dependency parse.

Used by :mod:`components.quotes`. A cue is a reporting verb (:mod:`components.lexicon.reporting`) or
"according to" in the piece's sentence; the speaker is the cue's subject (climbing from a
participle or preposition to the clause it hangs from), the agent of a passive or the object of
"according to", with fall-backs for parses that miss it. :class:`SpeakerResolver` turns a
pronoun, a relative pronoun or a title into the named person it refers to.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from ..lexicon.lemmas import lemma
from ..lexicon.reporting import (GROUP_PRONOUNS, INDEFINITE_DETERMINERS, PERSON_PRONOUNS, RELATIVE_PRONOUNS,
                                 SPEECH_VERBS, STRONG_VERBS)
from ..lexicon.titles import SPEAKER_TITLES
from .marks import Piece
from ..records import Entity

# Tokens a cue may lie past a quote that ended its sentence ("…?" Trump asked.).
MAX_TAG_TOKENS = 12
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_FUNCTION_POS = ("DET", "CCONJ", "SCONJ", "ADP", "PART", "INTJ", "PUNCT")
_NP_LEFT_DEPS = ("compound", "det", "amod", "poss", "nmod", "nummod", "flat", "case")


class TokenIndex:
    """Character ↔ token lookups over one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens that start inside ``[start, end)``."""
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return [self.doc[k] for k in range(i, j)]


def in_pieces(tok: Token, pieces: Sequence[Piece]) -> bool:
    """Whether ``tok`` starts inside one of the quoted ``pieces``."""
    return any(p.start <= tok.idx < p.end for p in pieces)


def _is_cue(tok: Token) -> bool:
    """A reporting verb or the "according" of "according to"."""
    low = tok.lower_
    if low == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == "to"
    if lemma(tok).lower() not in SPEECH_VERBS:
        return False
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def _reports_other_clause(verb: Token, lo: int, hi: int, pieces: Sequence[Piece]) -> bool:
    """Whether ``verb`` has its own clausal complement in ``[lo, hi)`` outside the quotes (indirect
    speech such as "he said the plan failed"), so it does not tag the quote."""
    for c in verb.children:
        if c.dep_ == "ccomp" and lo <= c.idx < hi and not in_pieces(c, pieces):
            return True
    return False


def find_cue(ix: TokenIndex, piece: Piece, lead: int, trail: int, soft: int | None,
              pieces: Sequence[Piece]) -> Token | None:
    """The cue of ``piece``: the first reporting verb after it up to ``trail`` (or up to the end
    of the next sentence ``soft`` when the piece ended its own sentence, if the verb comes within
    :data:`MAX_TAG_TOKENS`), else the last one before it from ``lead``. A strong verb right
    before the piece (``shouted, "Cruz," Beck joked``) wins over one after it."""
    before = [t for t in ix.tokens(lead, piece.start) if not in_pieces(t, pieces)]
    k = len(before) - 1
    while k >= 0 and before[k].is_punct:
        k -= 1
    if 0 <= k < len(before) - 1 and lemma(before[k]).lower() in STRONG_VERBS and _is_cue(before[k]):
        return before[k]
    after = [t for t in ix.tokens(piece.end, soft if soft is not None else trail)
             if not in_pieces(t, pieces)]
    limit = MAX_TAG_TOKENS if soft is not None else len(after)
    for n, t in enumerate(after):
        if n >= limit:
            break
        if t.is_punct and t.text in ".!?;" and soft is None:
            break
        if _is_cue(t) and not _reports_other_clause(t, piece.end, trail if soft is None else soft,
                                                    pieces):
            return t
    for t in reversed(before):
        if _is_cue(t):
            if lemma(t).lower() not in STRONG_VERBS and t.lower_ != "according":
                # weak verbs ("called it …") only when the quote is their complement or object
                if not any(c.dep_ in ("ccomp", "dobj", "oprd", "xcomp", "attr") and
                           piece.start <= c.idx < piece.end for c in t.subtree):
                    continue
            return t
    return None


def subject_of(cue: Token, pieces: Sequence[Piece]) -> Token | None:
    """The speaker token of a cue: its subject, the agent of a passive, the object of
    "according to", or the subject of the clause a participle hangs from ("…, telling Reuters").
    Tokens inside quoted ``pieces`` are never the speaker."""
    if cue.lower_ == "according":
        to = cue.nbor(1)
        for c in to.children:
            if c.dep_ == "pobj" and not in_pieces(c, pieces):
                return c
        nxt = to.nbor(1) if to.i + 1 < len(cue.doc) else None
        return nxt if nxt is not None and not in_pieces(nxt, pieces) else None
    verb = cue
    for _ in range(4):
        for c in verb.children:
            if in_pieces(c, pieces):
                continue
            if c.dep_ in _SUBJECT_DEPS:
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "prep") \
                and verb.head.i != verb.i and not in_pieces(verb.head, pieces):
            verb = verb.head
            continue
        break
    return None


def nearby_subject(cue: Token, lo: int, hi: int, pieces: Sequence[Piece]) -> Token | None:
    """A speaker next to ``cue`` when the parse gives none, within ``[lo, hi)``: a name or
    pronoun right after it when the cue directly follows a quote (``", said Baqaeil``), else
    the nearest subject, name or pronoun before it."""
    doc = cue.doc

    def speakerish(t: Token) -> bool:
        if t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        # a capitalised word the tagger got wrong ("said Skelly" as an adverb, "Will wrote")
        return t.is_title and t.is_alpha and t.pos_ not in _FUNCTION_POS

    def head_of(t: Token) -> Token:
        ent = entity_span(t)
        if ent is not None:
            return ent.root
        return t.head if t.dep_ == "compound" and t.head.i > t.i else t

    k = cue.i - 1
    while k >= 0 and (doc[k].is_punct or doc[k].is_space) and not in_pieces(doc[k], pieces):
        k -= 1
    inverted = k < 0 or in_pieces(doc[k], pieces) or doc[k].idx < lo
    if inverted:
        for k in range(cue.i + 1, min(len(doc), cue.i + 4)):
            t = doc[k]
            if t.idx >= hi or in_pieces(t, pieces):
                break
            if speakerish(t) or t.pos_ == "NOUN":
                return head_of(t)
    best = None
    for k in range(cue.i - 1, -1, -1):
        t = doc[k]
        if t.idx < lo or in_pieces(t, pieces):
            break
        if t.dep_ in _SUBJECT_DEPS:
            return head_of(t)
        if best is None and speakerish(t) and t.dep_ not in ("poss",):
            best = head_of(t)
    return best


def introducer(ix: TokenIndex, lo: int, colon: int, pieces: Sequence[Piece]) -> Token | None:
    """The speaker of a quote introduced by a clause ending in a colon ("Rubio fired back:",
    "Here's Clinton in 1992:", "Donald Trump:"): the subject of that clause, else its first name."""
    toks = [t for t in ix.tokens(lo, colon) if not in_pieces(t, pieces)]
    if not toks:
        return None
    root = toks[-1]
    for _ in range(8):
        if root.head.i == root.i or not (lo <= root.head.idx < colon):
            break
        root = root.head
    for c in root.children:
        if c.dep_ in _SUBJECT_DEPS and lo <= c.idx < colon and c.lower_ not in ("it", "this", "that"):
            return c
    for t in toks:
        if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN":
            ent = entity_span(t)
            return ent.root if ent is not None else t
    return None


def entity_span(tok: Token) -> Span | None:
    """The named-entity span ``tok`` belongs to, or None (read from IOB tags, not ``doc.ents``,
    which rebuilds every span on each access)."""
    if tok.ent_iob_ == "O" or not tok.ent_type_:
        return None
    doc = tok.doc
    s, e = tok.i, tok.i + 1
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return doc[s:e]


def mention_span(tok: Token) -> tuple[int, int]:
    """Character span of the speaker mention headed by ``tok``: its named entity if it has one,
    else the head with its determiners, compounds and modifiers on the left."""
    ent = entity_span(tok)
    if ent is not None:
        return ent.start_char, ent.end_char
    left = tok
    for c in tok.lefts:
        if c.dep_ in _NP_LEFT_DEPS:
            left = c.left_edge if c.left_edge.i < left.i else c
            break
    return left.idx, tok.idx + len(tok)


def entity_at(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The first actor mention in ``entities`` overlapping characters ``[start, end)``, or None."""
    for e in entities:
        if e.start < end and start < e.end and e.actor:
            return e
    return None


class SpeakerResolver:
    """Resolves pronouns and titles to the person last named (as a speaker or subject)."""

    def __init__(self, text: str, entities: Sequence[Entity], ix: TokenIndex, pieces: Sequence[Piece]):
        self.persons = []  # (start, end, name, is_subject, text_before)
        self.text = text
        starts = [p.start for p in pieces]
        for e in entities:
            if e.label != "PERSON" and e.actor_type != "person":
                continue
            k = bisect_left(starts, e.start + 1) - 1
            if k >= 0 and pieces[k].start <= e.start < pieces[k].end:
                continue  # a person named inside a quote is not who "he said" refers to
            toks = ix.tokens(e.start, e.end)
            root = next((t for t in toks if not (e.start <= t.head.idx < e.end) or t.head.i == t.i), None)
            subj = root is not None and root.dep_ in _SUBJECT_DEPS
            self.persons.append((e.start, e.end, e.actor or e.text, subj,
                                 (e.role or "") + " " + text[max(0, e.start - 40):e.start].lower()))
        self.speakers: list[tuple[int, str]] = []  # (offset, resolved name) of earlier quotes

    def note_speaker(self, pos: int, name: str) -> None:
        """Record that a person (named, or described: "a Juventus official") spoke at ``pos``,
        so a later "he said" can refer to them."""
        self.speakers.append((pos, name))

    def person(self, pos: int, *, title: str | None = None) -> str | None:
        """Name of the person a pronoun at offset ``pos`` refers to: the later of the last person
        named as a subject and the last named speaker of a quote. With ``title`` (a role noun,
        "spokesman"), the last person introduced with that role, or None."""
        before = [p for p in self.persons if p[1] <= pos]
        if title:
            for p in reversed(before):
                if title in p[4]:
                    return p[2]
            return None
        best_pos, best = -1, None
        for p in reversed(before):
            if p[3]:
                best_pos, best = p[0], p[2]
                break
        for s_pos, name in reversed(self.speakers):
            if s_pos <= pos:
                if s_pos > best_pos:
                    best_pos, best = s_pos, name
                break
        if best is None and before:
            best = before[-1][2]
        return best


def resolve_speaker(tok: Token | None, entities: Sequence[Entity], resolver: SpeakerResolver
                    ) -> tuple[str | None, int | None, int | None]:
    """``(resolved name, mention start, mention end)`` for the speaker token ``tok`` (None gives
    ``(None, None, None)``): an entity's canonical actor, a pronoun or title resolved by
    ``resolver``, else the mention as written."""
    if tok is None:
        return None, None, None
    s, e = mention_span(tok)
    low = tok.lower_
    if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        ante = tok.head.head
        ent = entity_at(entities, ante.idx, ante.idx + len(ante))
        return (ent.actor if ent else ante.text), tok.idx, tok.idx + len(tok)
    ent = entity_at(entities, tok.idx, tok.idx + len(tok))
    if ent is not None:
        return ent.actor, s, e
    if low in PERSON_PRONOUNS:
        return resolver.person(tok.idx) or tok.text, tok.idx, tok.idx + len(tok)
    for c in tok.children:
        if c.dep_ == "appos":
            app = entity_at(entities, c.idx, c.idx + len(c))
            if app is not None:
                return app.actor, s, e
    if lemma(tok).lower() in SPEAKER_TITLES and tok.tag_ == "NN" and not any(
            c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in tok.children):
        # "the spokesman", "Kremlin spokesman" — not "a spokesman" (someone new) or "officials"
        name = resolver.person(tok.idx, title=lemma(tok).lower())
        if name:
            return name, s, e
    return resolver.text[s:e], s, e


def is_person(tok: Token | None, entities: Sequence[Entity]) -> bool:
    """Whether a speaker token stands for one person: a PERSON mention, "he"/"she", or a
    singular role noun ("the spokesman", "a Juventus official")."""
    if tok is None:
        return False
    if tok.lower_ in PERSON_PRONOUNS or (lemma(tok).lower() in SPEAKER_TITLES and tok.tag_ == "NN"):
        return True
    ent = entity_at(entities, tok.idx, tok.idx + len(tok))
    return ent is not None and (ent.label == "PERSON" or ent.actor_type == "person")


def is_agent(tok: Token | None, entities: Sequence[Entity]) -> bool:
    """Whether a speaker token can be someone who speaks: a named actor, a personal pronoun or a
    role noun ("the spokesman"), as opposed to "a shirt" or "a box labeled …"."""
    if tok is None:
        return False
    low = tok.lower_
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
        return True
    if lemma(tok).lower() in SPEAKER_TITLES:
        return True
    ent = entity_at(entities, tok.idx, tok.idx + len(tok))
    return ent is not None and ent.label in ("PERSON", "ORG", "GPE", "NORP")
