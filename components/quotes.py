"""Quotes: direct quotes with speaker, cue and kind.

Quotation marks are paired over the raw text (:mod:`components.quote_marks`), so unbalanced
marks never break anything. Each quoted piece then gets a cue — a reporting verb (or "according
to") in the same sentence, after the piece first, else before it — and the cue's subject from the
dependency parse is the speaker mention. Pieces sharing one cue form one quote
(``"A," he said, "B."``); a piece that follows an attributed one in the same paragraph, or that
continues a quote from the paragraph before, joins that quote. A pronoun or a title ("he", "the
spokesman") is resolved to the named person last introduced as a speaker or subject.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Token

from .quote_cues import (ABBREVIATIONS, OTHER_PRONOUNS, PERSON_PRONOUNS, SPEECH_VERBS,
                         STRONG_VERBS, TITLE_NOUNS)
from .quote_marks import Piece, pair_marks
from .records import Entity, Quote

# A quote needs this many letters or digits to be listed on its own without a cue.
MIN_UNATTRIBUTED_CHARS = 40
# Tokens a cue may lie past a quote that ended its sentence ("…?" Trump asked.).
MAX_TAG_TOKENS = 12
_SENT_END = re.compile(r"[.!?\u2026]+[)\]]?(?=\s+[\"\u201c\u2018'A-Z0-9\[(])")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NP_LEFT_DEPS = ("compound", "det", "amod", "poss", "nmod", "nummod", "flat", "case")


@dataclass
class _Group:
    """Pieces of one quote being assembled, with its cue and speaker tokens."""

    pieces: list[Piece]
    cue: Token | None = None
    speaker: Token | None = None
    para: int = 0
    inherited: "_Group | None" = None
    extra: list[Piece] = field(default_factory=list)


class _Index:
    """Character ↔ token lookups over one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens that start inside ``[start, end)``."""
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return [self.doc[k] for k in range(i, j)]

    def token_at(self, char: int) -> Token | None:
        """The token covering character ``char``, or None."""
        i = bisect_left(self.starts, char + 1) - 1
        if 0 <= i < len(self.doc) and self.doc[i].idx <= char < self.doc[i].idx + len(self.doc[i]):
            return self.doc[i]
        return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _sentence_starts(text: str, start: int, end: int, pieces: Sequence[Piece]
                     ) -> tuple[list[int], set[int]]:
    """Offsets where a sentence starts inside paragraph ``[start, end)``, outside ``pieces``:
    after ``.``/``?``/``!`` followed by a capital or an opening mark (abbreviations skipped), and
    after a piece that ends its sentence. Returns the sorted offsets and the "soft" ones: after
    a piece ending in ``.``/``?``/``!`` and before a capital, where a short tag may still belong
    to the quote (``"Why?" Trump asked.``)."""
    out = {start}
    soft: set[int] = set()
    for m in _SENT_END.finditer(text, start, end):
        pos = m.start()
        if any(p.start <= pos < p.end for p in pieces):
            continue
        word = re.search(r"([\w.]+)$", text[max(start, pos - 12):pos])
        if text[m.start()] == "." and word:
            w = word.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        out.add(nxt)
    for p in pieces:
        inner = text[p.start:p.end].rstrip("\"'\u201d\u2019 ")
        if inner[-1:] not in ".!?\u2026" or not p.closed:
            continue
        nxt = p.end
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt == p.end or nxt >= end:
            continue
        if any(q.start == nxt for q in pieces):
            out.add(nxt)
        elif text[nxt].isupper():
            out.add(nxt)
            soft.add(nxt)
    return sorted(out), soft


def _in_pieces(tok: Token, pieces: Sequence[Piece]) -> bool:
    return any(p.start <= tok.idx < p.end for p in pieces)


def _is_cue(tok: Token) -> bool:
    """A reporting verb or the "according" of "according to"."""
    low = tok.lower_
    if low == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == "to"
    if tok.lemma_.lower() not in SPEECH_VERBS:
        return False
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def _reports_other_clause(verb: Token, lo: int, hi: int, pieces: Sequence[Piece]) -> bool:
    """Whether ``verb`` has its own clausal complement in ``[lo, hi)`` outside the quotes (indirect
    speech such as "he said the plan failed"), so it does not tag the quote."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and lo <= c.idx < hi and not _in_pieces(c, pieces):
            return True
    return False


def _find_cue(ix: _Index, piece: Piece, lead: int, trail: int, soft: int | None,
              pieces: Sequence[Piece]) -> Token | None:
    """The cue of ``piece``: the first reporting verb after it up to ``trail`` (or up to the end
    of the next sentence ``soft`` when the piece ended its own sentence, if the verb comes within
    :data:`MAX_TAG_TOKENS`), else the last one before it from ``lead``."""
    after = [t for t in ix.tokens(piece.end, soft if soft is not None else trail)
             if not _in_pieces(t, pieces)]
    limit = MAX_TAG_TOKENS if soft is not None else len(after)
    for n, t in enumerate(after):
        if n >= limit:
            break
        if t.is_punct and t.text in ".!?;" and soft is None:
            break
        if _is_cue(t) and not _reports_other_clause(t, piece.end, trail if soft is None else soft,
                                                    pieces):
            return t
    before = [t for t in ix.tokens(lead, piece.start) if not _in_pieces(t, pieces)]
    for t in reversed(before):
        if _is_cue(t):
            if t.lemma_.lower() not in STRONG_VERBS and t.lower_ != "according":
                # weak verbs ("called it …") only when the quote is their complement or object
                if not any(c.dep_ in ("ccomp", "dobj", "oprd", "xcomp", "attr") and
                           piece.start <= c.idx < piece.end for c in t.subtree):
                    continue
            return t
    return None


def _subject(cue: Token, pieces: Sequence[Piece]) -> Token | None:
    """The speaker token of a cue: its subject, the agent of a passive, the object of
    "according to", or the subject of the clause a participle hangs from ("…, telling Reuters").
    Tokens inside quoted ``pieces`` are never the speaker."""
    if cue.lower_ == "according":
        to = cue.nbor(1)
        for c in to.children:
            if c.dep_ == "pobj" and not _in_pieces(c, pieces):
                return c
        nxt = to.nbor(1) if to.i + 1 < len(cue.doc) else None
        return nxt if nxt is not None and not _in_pieces(nxt, pieces) else None
    verb = cue
    for _ in range(4):
        for c in verb.children:
            if _in_pieces(c, pieces):
                continue
            if c.dep_ in _SUBJECT_DEPS:
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "prep") \
                and verb.head is not verb and not _in_pieces(verb.head, pieces):
            verb = verb.head
            continue
        break
    return None


def _fallback_subject(cue: Token, lo: int, hi: int, pieces: Sequence[Piece]) -> Token | None:
    """A speaker next to ``cue`` when the parse gives none, within ``[lo, hi)``: a name or
    pronoun right after it when the cue directly follows a quote (``", said Baqaeil``), else
    the nearest subject, name or pronoun before it."""
    doc = cue.doc

    def speakerish(t: Token) -> bool:
        return t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")

    def head_of(t: Token) -> Token:
        if t.ent_iob_ != "O":
            for e in doc.ents:
                if e.start <= t.i < e.end:
                    return e.root
        return t.head if t.dep_ == "compound" and t.head.i > t.i else t

    k = cue.i - 1
    while k >= 0 and (doc[k].is_punct or doc[k].is_space) and not _in_pieces(doc[k], pieces):
        k -= 1
    inverted = k < 0 or _in_pieces(doc[k], pieces) or doc[k].idx < lo
    if inverted:
        for k in range(cue.i + 1, min(len(doc), cue.i + 4)):
            t = doc[k]
            if t.idx >= hi or _in_pieces(t, pieces):
                break
            if speakerish(t) or t.pos_ == "NOUN":
                return head_of(t)
    best = None
    for k in range(cue.i - 1, -1, -1):
        t = doc[k]
        if t.idx < lo or _in_pieces(t, pieces):
            break
        if t.dep_ in _SUBJECT_DEPS:
            return head_of(t)
        if best is None and speakerish(t) and t.dep_ not in ("poss",):
            best = head_of(t)
    return best


def _introducer(ix: _Index, lo: int, colon: int, pieces: Sequence[Piece]) -> Token | None:
    """The speaker of a quote introduced by a clause ending in a colon ("Rubio fired back:",
    "Here's Clinton in 1992:", "Donald Trump:"): the subject of that clause, else its first name."""
    toks = [t for t in ix.tokens(lo, colon) if not _in_pieces(t, pieces)]
    if not toks:
        return None
    root = toks[-1]
    for _ in range(8):
        if root.head is root or not (lo <= root.head.idx < colon):
            break
        root = root.head
    for c in root.children:
        if c.dep_ in _SUBJECT_DEPS and lo <= c.idx < colon and c.lower_ not in ("it", "this", "that"):
            return c
    for t in toks:
        if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN":
            if t.ent_iob_ != "O":
                for e in t.doc.ents:
                    if e.start <= t.i < e.end:
                        return e.root
            return t
    return None


def _mention_span(tok: Token) -> tuple[int, int]:
    """Character span of the speaker mention headed by ``tok``: its named entity if it has one,
    else the head with its determiners, compounds and modifiers on the left."""
    if tok.ent_type_ and tok.ent_iob_ != "O":
        for e in tok.doc.ents:
            if e.start <= tok.i < e.end:
                return e.start_char, e.end_char
    left = tok
    for c in tok.lefts:
        if c.dep_ in _NP_LEFT_DEPS:
            left = c.left_edge if c.left_edge.i < left.i else c
            break
    return left.idx, tok.idx + len(tok)


def _entity_at(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    for e in entities:
        if e.start < end and start < e.end and e.actor:
            return e
    return None


class _Resolver:
    """Resolves pronouns and titles to the person last named (as a speaker or subject)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], ix: _Index):
        self.persons = []  # (start, end, name, is_subject, text_before)
        text = doc.text
        for e in entities:
            if e.label != "PERSON" and e.actor_type != "person":
                continue
            tok = ix.token_at(e.start)
            root = tok
            if tok is not None:
                span = doc.char_span(e.start, e.end, alignment_mode="expand")
                root = span.root if span is not None and len(span) else tok
            subj = root is not None and root.dep_ in _SUBJECT_DEPS
            self.persons.append((e.start, e.end, e.actor or e.text, subj,
                                 (e.role or "") + " " + text[max(0, e.start - 40):e.start].lower()))
        self.speakers: list[tuple[int, str]] = []  # (offset, resolved name) of earlier quotes

    def note_speaker(self, pos: int, name: str) -> None:
        self.speakers.append((pos, name))

    def person(self, pos: int, *, title: str | None = None) -> str | None:
        """Name of the person a pronoun (or a ``title`` noun) at offset ``pos`` refers to."""
        before = [p for p in self.persons if p[1] <= pos]
        if title:
            for p in reversed(before):
                if title in p[4]:
                    return p[2]
        best_pos, best = -1, None
        for p in reversed(before):
            if p[3]:
                best_pos, best = p[0], p[2]
                break
        persons = {p[2] for p in self.persons}
        for s_pos, name in reversed(self.speakers):
            if s_pos <= pos and name in persons:
                if s_pos > best_pos:
                    best_pos, best = s_pos, name
                break
        if best is None and before:
            best = before[-1][2]
        return best


def _speaker(group: _Group, entities: Sequence[Entity], resolver: _Resolver
             ) -> tuple[str | None, int | None, int | None]:
    """``(resolved name, mention start, mention end)`` for a group's speaker token."""
    tok = group.speaker
    if tok is None:
        return None, None, None
    s, e = _mention_span(tok)
    low = tok.lower_
    if low in ("who", "that", "which") and tok.head.dep_ == "relcl":
        ante = tok.head.head
        ent = _entity_at(entities, ante.idx, ante.idx + len(ante))
        return (ent.actor if ent else ante.text), tok.idx, tok.idx + len(tok)
    ent = _entity_at(entities, tok.idx, tok.idx + len(tok))
    if ent is not None:
        return ent.actor, s, e
    if low in PERSON_PRONOUNS:
        return resolver.person(tok.idx) or tok.text, tok.idx, tok.idx + len(tok)
    for c in tok.children:
        if c.dep_ == "appos":
            app = _entity_at(entities, c.idx, c.idx + len(c))
            if app is not None:
                return app.actor, s, e
    if tok.lemma_.lower() in TITLE_NOUNS and tok.pos_ == "NOUN":
        name = resolver.person(tok.idx, title=tok.lemma_.lower())
        if name:
            return name, s, e
    return tok.doc.text[s:e], s, e


def _content(text: str, pieces: Sequence[Piece]) -> str:
    """The quoted words of ``pieces`` without their marks, joined with a space."""
    parts = []
    for p in pieces:
        inner = text[p.start:p.end].strip()
        inner = re.sub(r"^(''|``|[\"\u201c\u201d\u201e\u00ab\u2018])", "", inner)
        inner = re.sub(r"(''|[\"\u201c\u201d\u00bb\u2019])$", "", inner)
        parts.append(inner.strip())
    return " ".join(x for x in parts if x)


def _is_partial(text: str, piece: Piece, lead: int) -> bool:
    """A quoted phrase inside a reported sentence: it starts lower-case, or words of the
    sentence other than a cue clause ending in "," or ":" come right before it."""
    inner = _content(text, [piece])
    first = next((c for c in inner if c.isalnum()), "")
    if first and first.islower():
        return True
    before = text[lead:piece.start].rstrip()
    if not before:
        return False
    return before[-1] not in ",:\u2014\u2013-(" and not before.endswith(("said", "says", "asked", "wrote"))


def _looks_like_title(content: str) -> bool:
    """A short quoted phrase in title case ("Morning Joe", "Hail, Caesar!"): a name, not a quote."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", content)
    if not words or len(words) > 8:
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
    return all(w[0].isupper() for w in words if w.lower() not in small) and words[0][0].isupper()


def _is_agent(tok: Token | None, entities: Sequence[Entity]) -> bool:
    """Whether a speaker token can be someone who speaks: a named actor, a personal pronoun or a
    role noun ("the spokesman"), as opposed to "a shirt" or "a box labeled …"."""
    if tok is None:
        return False
    low = tok.lower_
    if low in PERSON_PRONOUNS or low in ("they", "we", "i"):
        return True
    if tok.lemma_.lower() in TITLE_NOUNS:
        return True
    ent = _entity_at(entities, tok.idx, tok.idx + len(tok))
    return ent is not None and ent.label in ("PERSON", "ORG", "GPE", "NORP")


def _alnum(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


def find_quotes(doc: Doc, entities: Sequence[Entity]) -> list[Quote]:
    """Direct quotes in ``doc``; ``entities`` (from :func:`components.actors.find_actors`)
    resolve speaker mentions to actor names.

    doc: a parsed Doc (tagger, parser and NER); its text is the article body.
    entities: entity mentions with character offsets into ``doc.text``.
    Returns :class:`~components.records.Quote` records in text order. Quotes without a cue are
    listed only when long enough to be statements (not titles or scare quotes)."""
    text = doc.text
    pieces = pair_marks(text)
    if not pieces:
        return []
    ix = _Index(doc)
    resolver = _Resolver(doc, entities, ix)
    paras = _paragraph_spans(text)
    para_starts = [s for s, _ in paras]
    by_para: dict[int, list[Piece]] = {}
    for p in pieces:
        by_para.setdefault(bisect_left(para_starts, p.start + 1) - 1, []).append(p)

    groups: list[_Group] = []
    lead_of: dict[Piece, int] = {}
    for k in sorted(by_para):
        ps, pe = paras[k]
        mine = by_para[k]
        starts, soft_starts = _sentence_starts(text, ps, pe, mine)
        para_groups: list[_Group] = []
        for n, p in enumerate(mine):
            i = bisect_left(starts, p.start + 1) - 1
            lead = max(starts[i], mine[n - 1].end if n else ps)
            j = bisect_left(starts, p.end)
            trail = starts[j] if j < len(starts) else pe  # later pieces are skipped, not limits
            soft = None
            if trail in soft_starts:
                # the quote ended its sentence: a short tag may still follow ("…?" Trump asked.)
                soft = starts[j + 1] if j + 1 < len(starts) else pe
                if n + 1 < len(mine):
                    soft = min(soft, mine[n + 1].start)
            lead_of[p] = lead
            cue = _find_cue(ix, p, lead, trail, soft, mine)
            if cue is not None and para_groups and para_groups[-1].cue is not None \
                    and para_groups[-1].cue.i == cue.i:
                para_groups[-1].pieces.append(p)
                continue
            if cue is None and para_groups and not text[lead:p.start].strip():
                prev = para_groups[-1]
                if prev.cue is not None or not text[prev.pieces[-1].end:p.start].strip():
                    prev.pieces.append(p)  # "A," Cruz said. "B."  /  "A." "B," he said.
                    continue
            if cue is not None and para_groups and para_groups[-1].cue is None \
                    and not text[para_groups[-1].pieces[-1].end:p.start].strip():
                para_groups[-1].pieces.append(p)
                para_groups[-1].cue = cue
                continue
            para_groups.append(_Group([p], cue=cue, para=k))
        for n, g in enumerate(para_groups):
            lo = lead_of[g.pieces[0]]
            if g.cue is not None:
                g.speaker = _subject(g.cue, mine) or _fallback_subject(g.cue, lo, pe, mine)
                if g.speaker is None and n:
                    g.inherited = para_groups[n - 1]  # ", adding, "…"" after an attributed quote
                continue
            opens_para = not text[ps:g.pieces[0].start].strip()
            colon = _colon_before(text, g.pieces[0].start, None if opens_para else lo,
                                  paras[k - 1] if k else None)
            if colon is not None:
                same = colon >= ps
                g.speaker = _introducer(ix, lo if same else _line_start(text, colon), colon,
                                        mine if same else by_para.get(k - 1, []))
        # a quote continued from the paragraph before, or with no cue, at the paragraph start
        first = para_groups[0] if para_groups else None
        if first is not None and first.cue is None and first.speaker is None and groups \
                and first.pieces[0].start == ps and groups[-1].para == k - 1:
            prev = groups[-1]
            if prev.pieces[-1].continues:
                prev.pieces.extend(para_groups.pop(0).pieces)
                prev.para = k
            else:
                first.inherited = prev
        groups.extend(para_groups)

    quotes: list[Quote] = []
    for g in groups:
        src = g
        while src.speaker is None and src.inherited is not None:
            src = src.inherited
        name, s, e = _speaker(src, entities, resolver)
        first = g.pieces[0]
        partial = _is_partial(text, first, lead_of.get(first, first.start)) and len(g.pieces) == 1
        content = _content(text, g.pieces)
        if src.speaker is None:
            if partial or _alnum(content) < MIN_UNATTRIBUTED_CHARS or first.single:
                continue
        elif partial and (first.single or _looks_like_title(content)
                          or not _is_agent(src.speaker, entities)):
            continue
        if name and s is not None and resolver is not None and g is src:
            resolver.note_speaker(s, name)
        quotes.append(Quote(
            start=first.start, end=g.pieces[-1].end, content=content,
            kind="partial" if partial else "full", speaker=name, speaker_start=s, speaker_end=e,
            cue=_cue_text(src.cue) if src.cue is not None else None,
            spans=[(p.start, p.end) for p in g.pieces]))
    return quotes


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _colon_before(text: str, start: int, lead: int | None, prev_para: tuple[int, int] | None
                  ) -> int | None:
    """Offset of a colon that introduces the quote at ``start``: right before it in the same
    sentence (``lead`` set), or ending the previous paragraph when the quote opens its own."""
    before = text[lead:start].rstrip() if lead is not None else ""
    if before.endswith(":"):
        return lead + len(before) - 1
    if lead is None and prev_para is not None:
        prev = text[prev_para[0]:prev_para[1]].rstrip()
        if prev.endswith(":"):
            return prev_para[0] + len(prev) - 1
    return None


def _cue_text(cue: Token) -> str:
    """"according to" for that cue, else the verb as written."""
    if cue.lower_ == "according":
        return cue.text + " " + cue.nbor(1).text
    return cue.text
