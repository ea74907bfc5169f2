"""Quotes attributed from the words around them, for languages whose rules are word tables
(French), where a small model's dependency parse is too rough for :mod:`.direct`'s rules (the
inverted subject of "« … », a déclaré le ministre" comes out as an object).

Quotation marks are paired as for English (:mod:`.marks`, guillemets with their inner spaces
included). Each quoted piece gets its cue from the words of its language (:class:`CueWords`):

- a tag right after it, within :data:`MAX_TAG_WORDS` words of its sentence: a cue verb
  ("« … », a déclaré le ministre", "« … », a-t-il ajouté", "« … », explique Marie Dupont") whose
  speaker is the subject pronoun joined to it ("-t-il", "dit-elle") or else the first name, or
  noun, after it (a person before an organisation or a place);
- else a preposition that attributes ("« … », selon le ministre"), after or before it;
- else a cue verb earlier in its sentence ("Le ministre a déclaré : « … »"), whose speaker is the
  verb's subject in the parse when there is one, else the first person named before it in the
  sentence, else a subject pronoun, an organisation or place, or a noun of office.

A pronoun ("il") is resolved to the person last named, as for English
(:class:`~.attribution.SpeakerResolver`); a noun of office ("le ministre") to the person last
named with that noun next to their name. Pieces that continue a quote over paragraphs,
or that follow a tagged piece across its tag ("« A », a-t-il dit, « B »"), join it. A quote
without a cue is listed only when it is a long, closed statement; a quoted phrase that starts in
lower case inside a sentence is ``partial``. Dialogue dashes are not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc, Token

from ..lexicon import french
from ..lexicon.lemmas import lemma
from ..records import Entity, Quote
from .attribution import SpeakerResolver, TokenIndex, entity_at, in_pieces
from .marks import Piece, pair_marks

# Words (not punctuation) from a quote's end to the cue verb that tags it ("», a-t-il ajouté":
# a, -t, -il, ajouté).
MAX_TAG_WORDS = 5
# A quote needs this many letters or digits to be listed on its own without a cue.
MIN_UNATTRIBUTED_CHARS = 40
# Characters between a tagged piece's cue and the next piece for both to be one quote.
MAX_SPLIT_GAP = 60
# Characters around a person's name where a noun of office is taken as theirs.
TITLE_REACH = 40
_SENTENCE_END = re.compile(r"[.!?\u2026]+(?=\s)|\n")
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class CueWords:
    """A language's words of attribution: ``verbs`` (lemmas of cue verbs), ``prepositions`` that
    attribute ("selon"), ``person_pronouns`` and ``group_pronouns`` (subject pronouns, lower
    case) and ``title_nouns`` (nouns of office that stand for a person)."""

    verbs: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    group_pronouns: frozenset[str] = frozenset()
    title_nouns: frozenset[str] = frozenset()


#: Language code (``doc.lang_``) → its words; a language listed here has its quotes attributed
#: by this module.
CUE_WORDS: dict[str, CueWords] = {
    "fr": CueWords(french.CUE_VERBS, french.ATTRIBUTING_PREPOSITIONS, french.PERSON_PRONOUNS,
                   french.GROUP_PRONOUNS, french.TITLE_NOUNS),
}


@dataclass
class _Group:
    """Pieces of one quote, with their cue and speaker tokens."""

    pieces: list[Piece]
    cue: Token | None = None
    speaker: Token | None = None
    after: bool = False  # the cue tags the quote from after it


def _pronoun(tok: Token) -> str:
    """``tok`` as a subject pronoun would be compared: lower case, without the hyphens and the
    euphonic t of an inverted subject ("-t-il", "-elle" → "il", "elle")."""
    word = tok.lower_.lstrip("-")
    return word[2:] if word.startswith("t-") else word


def _is_cue(tok: Token, words: CueWords) -> bool:
    """A cue verb of ``words``: by its lemma, or by its form read as a verb of the first group
    ("raconte", "déclaré" → raconter, déclarer), which a small model may tag as an adjective;
    never a noun, determiner, preposition or pronoun ("la demande", "une note")."""
    if tok.pos_ in ("NOUN", "PROPN", "DET", "ADP", "PRON", "PUNCT"):
        return False
    low = tok.lower_
    forms = {(lemma(tok) or low).lower(), low, low + "r" if low.endswith("e") else "",
             low[:-1] + "er" if low.endswith("é") else ""}
    return bool(forms & words.verbs)


def _clause(text: str, start: int, end: int) -> int:
    """Where the sentence that goes on at ``start`` ends, at most ``end``."""
    m = _SENTENCE_END.search(text, start, end)
    return m.start() if m else end


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Where the sentence holding offset ``pos`` starts, at least ``floor``."""
    last = floor
    for m in _SENTENCE_END.finditer(text, floor, pos):
        last = m.end()
    return last


def _named_after(tokens: Sequence[Token], entities: Sequence[Entity], words: CueWords) -> Token | None:
    """The speaker among ``tokens`` (what follows a cue, or the words of a sentence before its
    cue): a person named; else the first noun or pronoun when it is a noun of office or a
    pronoun ("la ministre", "l'un d'eux"); else an organisation or place named; else that noun."""
    for t in tokens:
        ent = entity_at(entities, t.idx, t.idx + len(t))
        if ent is not None and ent.label == "PERSON":
            return t
    first = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON")
                  or _pronoun(t) in words.person_pronouns | words.group_pronouns), None)
    if first is not None and (first.lower_ in words.title_nouns or first.pos_ == "PRON"
                              or _pronoun(first) in words.person_pronouns | words.group_pronouns):
        return first
    for t in tokens:
        ent = entity_at(entities, t.idx, t.idx + len(t))
        if ent is not None and ent.label in _SPEAKER_LABELS:
            return t
    return first


def _tag_after(ix: TokenIndex, piece: Piece, end: int, pieces: Sequence[Piece], entities: Sequence[Entity],
               words: CueWords) -> tuple[Token, Token | None] | None:
    """``(cue, speaker)`` of a tag right after ``piece``, up to ``end`` (the end of its sentence
    or the next piece). None when the quote ends its sentence with a full stop (a tag would
    follow it without one), or with "!" or "?" and the next word is capitalised."""
    ending = _content(ix.doc.text, [piece])[-1:]
    toks = [t for t in ix.tokens(piece.end, end) if not in_pieces(t, pieces)]
    words_after = [t for t in toks if not t.is_punct]
    if ending in (".", "\u2026") or (ending in "!?" and ending and words_after
                                     and words_after[0].text[:1].isupper()):
        return None
    seen = 0
    for n, t in enumerate(toks):
        if t.lower_ in words.prepositions:
            return t, _named_after(toks[n + 1:], entities, words)
        if _is_cue(t, words):
            joined = [u for u in toks[max(0, n - 3):n + 3] if u.text.startswith("-")
                      and _pronoun(u) in words.person_pronouns | words.group_pronouns]
            return t, joined[0] if joined else _named_after(toks[n + 1:], entities, words)
        seen += not t.is_punct
        if seen >= MAX_TAG_WORDS:
            break
    return None


def _subject_before(cue: Token, toks: Sequence[Token], entities: Sequence[Entity], words: CueWords) -> Token | None:
    """The speaker of a cue verb that comes before its quote: its subject in the parse (a
    subject that is no name stands for the person, or else organisation, named in its phrase:
    "le ministre, Paul Moreau,", "le syndicat CGT"; a noun of office only for a person), else the
    speaker among ``toks``, the words of the sentence before the cue (:func:`_named_after`)."""
    for c in cue.children:
        if c.dep_.startswith("nsubj") and c in toks:
            if entity_at(entities, c.idx, c.idx + len(c)) is not None:
                return c
            labels = ("PERSON",) if c.lower_ in words.title_nouns else ("PERSON", "ORG")
            named = [t for t in c.subtree if t in toks and (ent := entity_at(entities, t.idx, t.idx + len(t)))
                     is not None and ent.label in labels]
            return named[0] if named else c
    return _named_after(toks, entities, words) if toks else None


def _tag_before(ix: TokenIndex, piece: Piece, start: int, pieces: Sequence[Piece], entities: Sequence[Entity],
                words: CueWords) -> tuple[Token, Token | None] | None:
    """``(cue, speaker)`` of a cue verb or attributing preposition earlier in the sentence of
    ``piece`` (from ``start``), the last one before it."""
    toks = [t for t in ix.tokens(start, piece.start) if not in_pieces(t, pieces)]
    for n in range(len(toks) - 1, -1, -1):
        t = toks[n]
        if t.lower_ in words.prepositions:
            return t, _named_after(toks[n + 1:], entities, words)
        if _is_cue(t, words):
            return t, _subject_before(t, toks[:n], entities, words)
    return None


def _mention(tok: Token, text: str) -> tuple[int, int]:
    """Character span of the speaker mention at ``tok``: its words from a determiner before it."""
    start = tok.idx
    if tok.i > 0 and tok.doc[tok.i - 1].pos_ == "DET" and not tok.text.startswith("-"):
        start = tok.doc[tok.i - 1].idx
    return start, tok.idx + len(tok)


def _holder(title: str, pos: int, entities: Sequence[Entity], text: str) -> str | None:
    """The person last named before offset ``pos`` with the noun of office ``title`` next to
    their name (within :data:`TITLE_REACH` characters before or after it: "le ministre Paul
    Moreau", "Paul Moreau, le ministre de l'Intérieur"), or None."""
    near = re.compile(rf"(?<!\w){re.escape(title)}(?!\w)")
    for e in reversed([e for e in entities if e.end <= pos and e.actor and e.actor_type == "person"]):
        if near.search(text[max(0, e.start - TITLE_REACH):min(pos, e.end + TITLE_REACH)].lower()):
            return e.actor
    return None


def _resolve(tok: Token | None, entities: Sequence[Entity], resolver: SpeakerResolver, words: CueWords
             ) -> tuple[str | None, int | None, int | None]:
    """``(speaker name, mention start, mention end)`` for the speaker token ``tok``: an entity's
    actor, a pronoun or noun of office resolved to the person last named, else as written."""
    if tok is None:
        return None, None, None
    ent = entity_at(entities, tok.idx, tok.idx + len(tok))
    if ent is not None:
        return ent.actor, ent.start, ent.end
    s, e = _mention(tok, resolver.text)
    if _pronoun(tok) in words.person_pronouns:
        return resolver.person(tok.idx) or tok.text.lstrip("-"), tok.idx, e
    if tok.lower_ in words.title_nouns:
        return _holder(tok.lower_, tok.idx, entities, resolver.text) or resolver.text[s:e], s, e
    return resolver.text[s:e].lstrip("-"), s, e


def _content(text: str, pieces: Sequence[Piece]) -> str:
    """The quoted words of ``pieces`` without their marks and the spaces inside them."""
    inner = (text[p.start:p.end].strip() for p in pieces)
    parts = (re.sub(r"(''|[\"\u201c\u201d\u00bb\u2019])$", "",
                    re.sub(r"^(''|``|[\"\u201c\u201d\u201e\u00ab\u2018])", "", part)).strip() for part in inner)
    return " ".join(x for x in parts if x)


def _joins(text: str, group: _Group, piece: Piece) -> bool:
    """Whether ``piece`` goes on the quote of ``group``: it continues it over a paragraph, or it
    follows its pieces across nothing but punctuation, or across the tag that attributes them
    ("« A », a-t-il dit, « B »")."""
    last = group.pieces[-1]
    if last.continues:
        return True
    between = text[last.end:piece.start]
    if "\n" in between:
        return False
    if not between.strip(" \u00a0\u202f,;:"):
        return True
    return (group.after and group.cue is not None and piece.start - group.cue.idx <= MAX_SPLIT_GAP
            and not _SENTENCE_END.search(between))


def find_quotes(doc: Doc, entities: Sequence[Entity], words: CueWords) -> list[Quote]:
    """Direct quotes in ``doc`` (a parsed Doc, lemmas and parts of speech used, the parse when
    present), attributed by ``words`` (see the module docstring); ``entities`` (from
    :func:`components.actors.find_actors`) resolve speakers to actors. Returns
    :class:`~components.records.Quote` records in text order."""
    text = doc.text
    pieces = pair_marks(text)
    ix = TokenIndex(doc)
    groups: list[_Group] = []
    for piece in pieces:
        if groups and _joins(text, groups[-1], piece):
            groups[-1].pieces.append(piece)
            continue
        start = _sentence_start(text, piece.start, groups[-1].pieces[-1].end if groups else 0)
        later = next((p.start for p in pieces if p.start >= piece.end), len(text))
        tag = _tag_after(ix, piece, _clause(text, piece.end, later), pieces, entities, words)
        group = _Group([piece], *(tag or (None, None)), after=tag is not None)
        if tag is None:
            group.cue, group.speaker = _tag_before(ix, piece, start, pieces, entities, words) or (None, None)
        groups.append(group)
    resolver = SpeakerResolver(text, entities, ix, pieces)
    return [q for q in (_to_quote(text, g, entities, resolver, words) for g in groups) if q is not None]


def _to_quote(text: str, g: _Group, entities: Sequence[Entity], resolver: SpeakerResolver,
              words: CueWords) -> Quote | None:
    """The :class:`Quote` of ``g``, or None for what is not worth listing (a short, unclosed or
    single-quoted phrase nobody is said to speak)."""
    content = _content(text, g.pieces)
    first = next((c for c in content if c.isalnum()), "")
    before = text[_sentence_start(text, g.pieces[0].start, 0):g.pieces[0].start].rstrip()
    partial = first.islower() and bool(before) and not before.endswith(":")
    if g.speaker is None and (partial or g.pieces[0].single or not g.pieces[-1].closed
                              or sum(c.isalnum() for c in content) < MIN_UNATTRIBUTED_CHARS):
        return None
    name, s, e = _resolve(g.speaker, entities, resolver, words)
    ent = entity_at(entities, s, e) if s is not None else None
    if name and ent is not None and (ent.label == "PERSON" or ent.actor_type == "person"):
        resolver.note_speaker(s, name)
    return Quote(start=g.pieces[0].start, end=g.pieces[-1].end, content=content,
                 kind="partial" if partial else "full", speaker=name, speaker_start=s, speaker_end=e,
                 cue=g.cue.text if g.cue is not None else None, spans=[(p.start, p.end) for p in g.pieces])
