"""Quotation marks paired over raw text, robust to unbalanced marks.

Works on characters only (no spaCy), paragraph by paragraph (a paragraph is a run of text between
newlines). A mark's role (opening / closing) is read from its context first and from its glyph
second, so that a straight ``"``, a doubled apostrophe ``''`` (New York Times style) or a
mistyped curly mark (``“Wins“ that``) are all paired sensibly. A quote still open at the end of a
paragraph continues when the next paragraph opens with a quotation mark (the convention for a
quote running over several paragraphs); otherwise it ends with its paragraph. Single curly marks
(‘ ’) are paired only outside double quotes and only when they cannot be apostrophes; straight
single quotes only in the headline pattern ``Name: 'Sentence.'``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Double quotation marks: the glyph's own role (None = either).
DOUBLE_MARKS = {'"': None, "\u201c": "open", "\u201d": "close", "\u201e": "open", "\u201f": "open",
                "\u00ab": "open", "\u00bb": "close", "''": None, "``": "open"}
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
# Characters that may stand right before an opening mark / right after a closing mark.
_BEFORE_OPEN = set(" \t\u00a0\u202f([{\u2014\u2013-/:;,")
_AFTER_CLOSE = set(" \t\u00a0\u202f)]}.,;:!?\u2014\u2013-/\u2026'\u2019\u201d\"")
# The spaces French typography sets inside guillemets ("« Non »", often no-break or narrow
# no-break): a « before one opens, a » after one closes.
_GUILLEMET_SPACES = set(" \u00a0\u202f\u2009")
# Straight single quotes are apostrophes far more often than quotation marks: they are paired only
# in the headline pattern ``Name: 'Sentence.'`` (after a colon or at a paragraph start, closing
# after ``.``/``?``/``!``).
_STRAIGHT_SINGLE_RE = re.compile(r"(?:(?<=: )|(?<=^))'(?=[A-Z])[^\n]*?[.?!]'(?=\s|;|$)", re.M)
_SINGLE_RE = re.compile("[\u2018\u2019]")
_MARK_RE = re.compile("''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019]")
# Longest stretch a single-quoted phrase may run (single marks are rarely long quotes).
MAX_SINGLE_CHARS = 120


@dataclass(frozen=True)
class Piece:
    """One quoted stretch of text.

    start/end: character offsets of the stretch including its marks (end exclusive; when the
        closing mark is missing, ``end`` is the end of the paragraph or the place where the next
        quote opens).
    closed: whether a closing mark was found.
    continues: the quote goes on in the next piece (next paragraph re-opened the quote).
    single: quoted with single marks (‘ ’).
    """

    start: int
    end: int
    closed: bool = True
    continues: bool = False
    single: bool = False


def _role(text: str, i: int, mark: str) -> str | None:
    """``"open"``, ``"close"`` or None (cannot tell) for the mark ``mark`` at offset ``i``."""
    before = text[i - 1] if i > 0 else "\n"
    j = i + len(mark)
    after = text[j] if j < len(text) else "\n"
    if mark == "\u00ab" and after in _GUILLEMET_SPACES:
        return "open"
    if mark == "\u00bb" and before in _GUILLEMET_SPACES:
        return "close"
    open_ctx = (before in _BEFORE_OPEN or before == "\n") and not after.isspace()
    close_ctx = (not before.isspace()) and (after in _AFTER_CLOSE or after == "\n")
    if open_ctx and not close_ctx:
        return "open"
    if close_ctx and not open_ctx:
        return "close"
    return DOUBLE_MARKS.get(mark) if mark in DOUBLE_MARKS else None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line of ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_apostrophe(text: str, i: int) -> bool:
    """Whether the ’ or ‘ at ``i`` is an apostrophe (don’t, ’90s, Clintons’ foundation, rock ’n’)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    if text[i] == SINGLE_CLOSE and before.lower() == "s" and not after.isalnum():
        return True  # plural possessive: the Clintons’ foundation
    if text[i] in (SINGLE_OPEN, SINGLE_CLOSE) and not before.isalnum() and after.isdigit():
        return True  # the ’90s
    return False


def _is_markup(text: str, start: int, end: int) -> bool:
    """Whether the mark at ``[start, end)`` delimits a markup attribute (``id="…"``, ``"…">``)."""
    return (start > 0 and text[start - 1] == "=") or (end < len(text) and text[end] in "=>")


def _double_pieces(text: str, start: int, end: int) -> list[Piece]:
    """Pair the double marks inside one paragraph ``text[start:end]``."""
    pieces: list[Piece] = []
    open_at: int | None = None
    for m in _MARK_RE.finditer(text, start, end):
        mark = m.group()
        if mark in (SINGLE_OPEN, SINGLE_CLOSE):
            continue
        if _is_markup(text, m.start(), m.end()):
            continue
        role = _role(text, m.start(), mark)
        if open_at is None:
            if role != "close":
                open_at = m.start()
            continue
        if role == "open":  # a new quote opens before the last one closed: end the last one here
            cut = m.start()
            while cut > open_at and text[cut - 1].isspace():
                cut -= 1
            pieces.append(Piece(open_at, cut, closed=False))
            open_at = m.start()
        else:
            pieces.append(Piece(open_at, m.end()))
            open_at = None
    if open_at is not None:
        pieces.append(Piece(open_at, end, closed=False))
    return pieces


def _single_pieces(text: str, start: int, end: int, inside: list[Piece]) -> list[Piece]:
    """Pair ‘ ’ inside one paragraph, outside every double-quoted piece in ``inside``."""
    out: list[Piece] = []
    open_at: int | None = None
    for m in _SINGLE_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if any(p.start <= i < p.end for p in inside):
            continue
        if _is_apostrophe(text, i):
            continue
        role = _role(text, i, ch) or ("open" if ch == SINGLE_OPEN else "close")
        if role == "open" and ch == SINGLE_OPEN:
            open_at = i
        elif role == "close" and ch == SINGLE_CLOSE and open_at is not None:
            if i + 1 - open_at <= MAX_SINGLE_CHARS and not any(open_at < p.start < i for p in inside):
                out.append(Piece(open_at, i + 1, single=True))
            open_at = None
    for m in _STRAIGHT_SINGLE_RE.finditer(text, start, end):
        if not any(p.start <= m.start() < p.end for p in inside + out):
            out.append(Piece(m.start(), m.end(), single=True))
    return out


def pair_marks(text: str) -> list[Piece]:
    """All quoted pieces of ``text`` in order of position.

    text: any string; unbalanced, mistyped or missing marks never raise.
    Returns :class:`Piece` records; a piece whose quote goes on in the next paragraph has
    ``continues=True`` (the next piece is its continuation)."""
    paras = _paragraphs(text)
    per_para = []
    for s, e in paras:
        double = _double_pieces(text, s, e)
        single = _single_pieces(text, s, e, double)
        per_para.append(sorted(double + single, key=lambda p: p.start))
    out: list[Piece] = []
    for k, pieces in enumerate(per_para):
        for n, p in enumerate(pieces):
            last = n == len(pieces) - 1
            if (last and not p.closed and not p.single and k + 1 < len(paras)
                    and per_para[k + 1] and per_para[k + 1][0].start == paras[k + 1][0]
                    and not per_para[k + 1][0].single):
                end = p.end
                while end > p.start and text[end - 1].isspace():
                    end -= 1
                p = Piece(p.start, end, closed=False, continues=True)
            out.append(p)
    return out
