"""Quotes: direct quotes with speaker, cue and kind.

Quotation marks are paired over the raw text (:mod:`components.quotes.marks`), so unbalanced
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
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc, Token

from .attribution import (SpeakerResolver, TokenIndex, find_cue, introducer, is_agent,
                                is_person, nearby_subject, resolve_speaker, subject_of)
from ..lexicon.reporting import ABBREVIATIONS
from .marks import Piece, pair_marks
from ..records import Entity, Quote

# A quote needs this many letters or digits to be listed on its own without a cue.
MIN_UNATTRIBUTED_CHARS = 40
# Characters from a cue to the next piece for ``"A," he said, "B."`` to be one split quote.
MAX_SPLIT_GAP = 60
# Longest quoted phrase in title case taken for a title ("Crippled America: How to Make…").
MAX_TITLE_WORDS = 10
_SENT_END = re.compile(r"[.!?\u2026]+[)\]]?(?=\s+[\"\u201c\u2018'A-Z0-9\[(])")


@dataclass
class _Group:
    """Pieces of one quote being assembled, with its cue and speaker tokens."""

    pieces: list[Piece]
    cue: Token | None = None
    speaker: Token | None = None
    para: int = 0
    inherited: "_Group | None" = None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (a paragraph is a line)."""
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
    """A quoted phrase inside a reported sentence: words of the sentence other than a cue clause
    ending in "," or ":" come right before it, or it starts lower-case without being a whole
    sentence introduced by such a clause (``he said, "that's how…."`` stays full)."""
    inner = _content(text, [piece])
    before = text[lead:piece.start].rstrip()
    introduced = not before or before[-1] in ",:\u2014\u2013-(" or before.endswith(
        ("said", "says", "asked", "wrote"))
    if not introduced:
        return True
    first = next((c for c in inner if c.isalnum()), "")
    if first and first.islower():
        return not (before and inner.rstrip()[-1:] in ".?!,\u2026" and len(inner.split()) >= 4)
    return False


def _looks_like_title(content: str) -> bool:
    """A short quoted phrase in title case ("Morning Joe", "Hail, Caesar!"): a name, not a quote."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", content)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
    return all(w[0].isupper() for w in words if w.lower() not in small) and words[0][0].isupper()


def _alnum(s: str) -> int:
    """Letters and digits in ``s``."""
    return sum(ch.isalnum() for ch in s)


@dataclass
class _Context:
    """What every step over one article needs: its text, token index, pieces by paragraph."""

    text: str
    ix: TokenIndex
    parsed: bool
    paras: list[tuple[int, int]]
    by_para: dict[int, list[Piece]]
    lead_of: dict[Piece, int]


def find_quotes(doc: Doc, entities: Sequence[Entity]) -> list[Quote]:
    """Direct quotes in ``doc``; ``entities`` (from :func:`components.actors.find_actors`)
    resolve speaker mentions to actor names.

    doc: a parsed Doc (tagger, parser and NER); its text is the article body. An unparsed Doc
        gives the quotes without cue or speaker.
    entities: entity mentions with character offsets into ``doc.text``.
    Returns :class:`~components.records.Quote` records in text order. Quotes without a speaker
    are listed only when long enough to be statements (not titles or scare quotes); partial
    quotes only when someone who can speak is their speaker."""
    text = doc.text
    pieces = pair_marks(text)
    if not pieces:
        return []
    paras = _paragraph_spans(text)
    para_starts = [s for s, _ in paras]
    by_para: dict[int, list[Piece]] = {}
    for p in pieces:
        by_para.setdefault(bisect_left(para_starts, p.start + 1) - 1, []).append(p)
    # Without a dependency parse only the quotes themselves are found (spaCy may even crash on
    # tree access in an unparsed Doc), so cues and speakers are looked for only in parsed ones.
    ctx = _Context(text, TokenIndex(doc), doc.has_annotation("DEP"), paras, by_para, {})
    groups: list[_Group] = []
    for k in sorted(by_para):
        para_groups = _group_paragraph(ctx, k)
        _attribute(ctx, k, para_groups)
        first = para_groups[0]
        if first.cue is None and first.speaker is None and groups \
                and first.pieces[0].start == paras[k][0] and groups[-1].para == k - 1:
            prev = groups[-1]
            if prev.pieces[-1].continues:  # the quote goes on from the paragraph before
                prev.pieces.extend(para_groups.pop(0).pieces)
                prev.para = k
            else:  # an unattributed paragraph after a quote: same speaker
                first.inherited = prev
        groups.extend(para_groups)
    resolver = SpeakerResolver(text, entities, ctx.ix, pieces)
    quotes = []
    for g in groups:
        q = _to_quote(ctx, g, entities, resolver)
        if q is not None:
            quotes.append(q)
    return quotes


def _group_paragraph(ctx: _Context, k: int) -> list[_Group]:
    """Find each piece's cue in paragraph ``k`` and gather the pieces into quotes: pieces
    sharing a cue (``"A," he said, "B."``), a piece right after an attributed sentence
    (``"A," Cruz said. "B."``) and back-to-back pieces (``"A." "B," he said.``) go together."""
    text = ctx.text
    ps, pe = ctx.paras[k]
    mine = ctx.by_para[k]
    starts, soft_starts = _sentence_starts(text, ps, pe, mine)
    out: list[_Group] = []
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
        ctx.lead_of[p] = lead
        cue = find_cue(ctx.ix, p, lead, trail, soft, mine) if ctx.parsed else None
        prev = out[-1] if out else None
        adjacent = prev is not None and not text[prev.pieces[-1].end:p.start].strip()
        if prev is not None and prev.cue is not None:
            if cue is not None and prev.cue.i == cue.i \
                    and (cue.idx > p.start or p.start - cue.idx <= MAX_SPLIT_GAP):
                prev.pieces.append(p)  # "A," he said, "B."
                continue
            if cue is None and (prev.pieces[-1].end <= prev.cue.idx < p.start
                                or not text[lead:p.start].strip()):
                prev.pieces.append(p)  # "A," she elaborated, "B."  /  "A," Cruz said. "B."
                continue
        elif prev is not None and adjacent:
            prev.pieces.append(p)  # "A." "B," he said.
            prev.cue = prev.cue or cue
            continue
        out.append(_Group([p], cue=cue, para=k))
    return out


def _attribute(ctx: _Context, k: int, groups: list[_Group]) -> None:
    """Set the speaker token of each group of paragraph ``k``: the subject of its cue, else
    the speaker of the clause a colon ends before it ("Rubio fired back: "…"")."""
    text = ctx.text
    ps, pe = ctx.paras[k]
    mine = ctx.by_para[k]
    for n, g in enumerate(groups):
        lo = ctx.lead_of[g.pieces[0]]
        if g.cue is not None:
            g.speaker = subject_of(g.cue, mine) or nearby_subject(g.cue, lo, pe, mine)
            if g.speaker is None and n:
                g.inherited = groups[n - 1]  # ", adding, "…"" after an attributed quote
            continue
        if not ctx.parsed:
            continue
        opens_para = not text[ps:g.pieces[0].start].strip()
        colon = _colon_before(text, g.pieces[0].start, None if opens_para else lo,
                              ctx.paras[k - 1] if k else None)
        if colon is not None:
            same = colon >= ps
            g.speaker = introducer(ctx.ix, lo if same else _line_start(text, colon), colon,
                                   mine if same else ctx.by_para.get(k - 1, []))


def _to_quote(ctx: _Context, g: _Group, entities: Sequence[Entity], resolver: SpeakerResolver
              ) -> Quote | None:
    """The :class:`Quote` for group ``g`` with its speaker resolved, or None for what is not
    worth listing: titles, scare quotes, short or unclosed quotes nobody is said to speak."""
    text = ctx.text
    src = g
    while src.speaker is None and src.inherited is not None:
        src = src.inherited
    first = g.pieces[0]
    partial = all(_is_partial(text, p, ctx.lead_of.get(p, p.start)) for p in g.pieces)
    content = _content(text, g.pieces)
    if (partial or src.speaker is None) and _looks_like_title(content) or first.single and partial:
        return None
    if src.speaker is None:
        if partial or _alnum(content) < MIN_UNATTRIBUTED_CHARS or first.single \
                or not g.pieces[-1].closed:
            return None
    elif partial and not is_agent(src.speaker, entities):
        return None
    name, s, e = resolve_speaker(src.speaker, entities, resolver)
    if name and s is not None and g is src and is_person(src.speaker, entities):
        resolver.note_speaker(s, name)
    return Quote(start=first.start, end=g.pieces[-1].end, content=content,
                 kind="partial" if partial else "full", speaker=name, speaker_start=s,
                 speaker_end=e, cue=_cue_text(src.cue) if src.cue is not None else None,
                 spans=[(p.start, p.end) for p in g.pieces])


def _line_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding ``pos``."""
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
