"""Long texts: cut into pieces for parsing, and the parsed pieces joined back into one ``Doc``.

Texts longer than :data:`LONG_TEXT_CHARS` (or than the pipeline's ``max_length``) are parsed in
pieces cut at paragraph boundaries (:func:`split_text`) and joined back into one ``Doc`` of the
whole text (:func:`join_pieces`), so that a long article is processed like any other and every
character offset stays right."""
from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Texts longer than LONG_TEXT_CHARS (or than the pipeline's ``max_length``) are parsed in pieces
# of at most PIECE_CHARS characters; shorter texts (every ordinary article) are parsed whole, as
# always. The parser's memory grows with the characters in one spaCy batch (about 3 GB per
# million), so a batch holds at most ``batch_size`` x PIECE_CHARS characters of long texts
# (about 2 GB at the default batch size of 64) instead of whole long texts.
LONG_TEXT_CHARS = 100_000
PIECE_CHARS = 10_000

_WHITESPACE = re.compile(r"\s+")
_SENTENCE_END = ".!?"
_CLOSERS = "\"'”’»)]"


def _cut_rank(window: str, run: re.Match) -> int:
    """How good a place the whitespace ``run`` of ``window`` is to cut after (0 = best): a blank
    line, a line break, the end of a sentence, any other space."""
    gap = run.group()
    if gap.count("\n") >= 2 or gap.count("\r") >= 2:
        return 0
    if "\n" in gap or "\r" in gap or "\u2028" in gap or "\u2029" in gap:
        return 1
    i = run.start() - 1
    while i >= 0 and window[i] in _CLOSERS:
        i -= 1
    return 2 if i >= 0 and window[i] in _SENTENCE_END else 3


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters for parsing.

    ``"".join(pieces) == text`` always. Each piece but the last ends at the end of a run of
    whitespace, chosen in the second half of the ``limit`` window (so pieces are not tiny) and
    preferring, in order, a blank line, a line break, the end of a sentence (". "), any space:
    a cut never falls inside a word. Only a stretch of ``limit`` characters with no whitespace at
    all (not a word: binary junk or an encoded blob) is cut where the limit falls.

    Args:
        text: the article body.
        limit: the longest piece, in characters (>= 1).
    Returns:
        The pieces in order; ``[text]`` when the text is no longer than ``limit``.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos:pos + limit]
        best: tuple[int, int] | None = None      # (rank, end) of the best cut in the second half
        last_end = 0                             # end of the last whitespace run anywhere
        for run in _WHITESPACE.finditer(window):
            last_end = run.end()
            if run.end() > limit // 2:
                rank = _cut_rank(window, run)
                if best is None or rank <= best[0]:
                    best = (rank, run.end())
        cut = best[1] if best else (last_end or limit)
        pieces.append(window[:cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces


def join_pieces(nlp: Language, docs: list[Doc], text: str) -> Doc:
    """One ``Doc`` of ``text`` from the docs of its pieces (in order, as :func:`split_text` cut
    it). Token offsets, entities, parse and sentence starts carry over; each piece's first token
    starts a sentence. Should the join ever not give back ``text`` exactly, the text is tokenised
    without entities or parse (offsets stay right, the article is stored with next to nothing
    found) and a warning is logged."""
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc is not None and doc.text == text:
        return doc
    log.warning("a text of %d characters could not be joined back from its %d pieces; it is stored "
                "without entities, places or quotes", len(text), len(docs))
    return nlp.tokenizer(text)
