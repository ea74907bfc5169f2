"""spaCy Docs built by hand for rule tests: a blank English tokenizer plus the entities a
tagger would set, so each rule is pinned without loading the model."""
from __future__ import annotations

from typing import Iterable

import spacy
from spacy.tokens import Doc

_NLP = spacy.blank("en")


def make_doc(text: str, ents: Iterable[tuple[str, str]] = ()) -> Doc:
    """``text`` tokenised, with each ``(phrase, label)`` of ``ents`` set as an entity at the
    phrase's next occurrence (ents listed in text order)."""
    doc = _NLP(text)
    spans, pos = [], 0
    for phrase, label in ents:
        start = text.index(phrase, pos)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, f"{phrase!r} does not fall on token boundaries"
        spans.append(span)
        pos = start + len(phrase)
    doc.ents = spans
    return doc
