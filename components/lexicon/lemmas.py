"""A token's lemma, worked out when a rule asks for it.

The rules compare lemmas of a few tokens (the verb of a quote's cue, the noun after a name…)
against the word lists of this package. Dateline's pipelines do not run the model's lemmatizer
over every token (a sixth of the pipeline's time spent on words no rule reads): their
``dateline_lemmas_v1`` step (:mod:`components.nlp.model_pipes`) registers the model's own
lemmatizer here, keyed by the Doc's vocabulary, and :func:`lemma` runs it on the one token asked
about, which gives the lemma the lemmatizer would have set. Written for Dateline: it holds no
words, only the lemmatizers registered by the pipelines."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token
from spacy.vocab import Vocab

Lemmatize = Callable[[Token], str]

# A pipeline's vocabulary → its lemmatizer (set by the pipeline's dateline_lemmas_v1 step, in
# every process that runs it). Few entries: one per loaded pipeline.
_LEMMATIZERS: dict[Vocab, Lemmatize] = {}


def register(vocab: Vocab, lemmatize: Lemmatize) -> None:
    """Let :func:`lemma` lemmatize the tokens of Docs of ``vocab`` (a pipeline's vocabulary) with
    ``lemmatize`` (a token → its lemma, such as a spaCy lemmatizer's first lemma)."""
    _LEMMATIZERS[vocab] = lemmatize


def lemma(token: Token) -> str:
    """The lemma of ``token``: the one its Doc carries when set (by the model's attribute ruler,
    a lemmatizer or by hand), otherwise the registered lemmatizer's of its vocabulary, otherwise
    ``""`` (as ``token.lemma_`` of a Doc nothing lemmatized)."""
    if token.lemma:
        return token.lemma_
    lemmatize = _LEMMATIZERS.get(token.doc.vocab)
    return lemmatize(token) if lemmatize is not None else token.lemma_
