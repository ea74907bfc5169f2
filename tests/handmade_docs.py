"""spaCy Docs built by hand for rule tests: a blank tokenizer (English unless told) plus the
entities and word tags a tagger would set, so each rule is pinned without loading the model; and
blank pipelines whose entity ruler stands for a model's NER, to route articles without one."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=None)
def _blank(lang: str) -> Language:
    return spacy.blank(lang)


def make_doc(text: str, ents: Iterable[tuple[str, str]] = (), *, lang: str = "en",
             tags: Mapping[str, tuple[str, str]] | None = None,
             parse: Iterable[tuple[int, str]] | None = None) -> Doc:
    """``text`` tokenised by a blank ``lang`` pipeline, with each ``(phrase, label)`` of ``ents``
    set as an entity at the phrase's next occurrence (ents listed in text order), each token
    whose text is a key of ``tags`` given that ``(part of speech, lemma)``, and, with ``parse``,
    each token its ``(head index, dependency label)`` in token order (a root heads itself)."""
    doc = _blank(lang)(text)
    for tok in doc:
        if tags and tok.text in tags:
            tok.pos_, tok.lemma_ = tags[tok.text]
    for tok, (head, dep) in zip(doc, parse or ()):
        tok.head, tok.dep_ = doc[head], dep
    spans, pos = [], 0
    for phrase, label in ents:
        start = text.index(phrase, pos)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, f"{phrase!r} does not fall on token boundaries"
        spans.append(span)
        pos = start + len(phrase)
    doc.ents = spans
    return doc


def blank_pipeline(lang: str, names: Iterable[tuple[str, str]]) -> Language:
    """A blank ``lang`` pipeline with sentences and an entity ruler that labels each
    ``(name, label)`` of ``names``, plus Dateline's rule steps."""
    from components.nlp import add_rule_pipes

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": label, "pattern": name} for name, label in names])
    return add_rule_pipes(nlp)
