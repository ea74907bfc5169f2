"""One article in, one :class:`~components.records.Extraction` out: the single path that both
the store and the ``extract`` command use, so what is measured is what the dashboard shows.

The rules run inside the spaCy pipeline (the rule steps of :mod:`components.nlp.pipeline`, in
worker processes too); this module gives each article's Doc its dateline and reads the records
back from the Doc extensions the rule steps set.

Each article's language is detected once (:func:`components.nlp.language.detect_language`)
before the pipe; only the articles in the pipeline's language (``nlp.meta["lang"]``), or whose
language is undetermined, are parsed. The others come out with no entities, places or quotes
(:func:`not_analysed`): stored, dated, searchable and shown, never analysed by a model of another
language."""
from __future__ import annotations

from functools import partial
from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import actors, nlp as nlp_mod
from .actors.component import entities
from .nlp.language import UNDETERMINED, detect_language
from .places.component import places
from .quotes.component import quotes
from .records import Article, Extraction


def doc_values(article: Article) -> dict[str, list[str]]:
    """The extension values ``article``'s Doc starts with (:data:`components.nlp.batches.DocValues`):
    its dateline places as ``doc._.dateline``, which the places step reads; none without a
    dateline."""
    return {"dateline": list(article.dateline)} if article.dateline else {}


def extract_doc(doc: Doc, article: Article, pipeline_version: str) -> Extraction:
    """The extraction of ``article`` from ``doc``, its text run through the whole pipeline (the
    model's pipes and the rule steps, with :func:`doc_values` set): the records read back from
    ``doc._.actors``, ``doc._.places`` and ``doc._.quotes``.

    Raises ValueError when the rule steps have not run on ``doc``."""
    found = places(doc)
    return Extraction(
        article=article,
        pipeline_version=pipeline_version,
        entities=entities(doc),
        places=[p for p in found if p.start is not None],
        dateline_places=[p for p in found if p.start is None],
        quotes=quotes(doc),
    )


def with_language(article: Article) -> Article:
    """``article`` with its language detected, unless it already has one (read from the store)."""
    return article if article.language else replace(article, language=detect_language(article.text))


def analysed_by(nlp: Language, article: Article) -> bool:
    """Whether ``nlp`` analyses ``article`` (its language detected): when the article is in the
    pipeline's language (``nlp.meta["lang"]``) or its language is undetermined."""
    return article.language in (nlp.meta.get("lang"), UNDETERMINED)


def not_analysed(article: Article, pipeline_version: str) -> Extraction:
    """The extraction of an article the pipeline does not analyse (another language): nothing
    found, keyed by ``pipeline_version`` like any other, so that it is not stale."""
    return Extraction(article=article, pipeline_version=pipeline_version, entities=[], places=[], quotes=[])


def extract_articles(articles: Iterable[Article], *, nlp: Language | None = None,
                     batch_size: int = 64, workers: int = 1) -> Iterator[Extraction]:
    """Run ``articles`` through one ``nlp.pipe`` pass and yield their extractions in order.

    nlp: a loaded spaCy pipeline (default: the configured model, loaded once per process); the
        rule steps it lacks are added to it (:func:`components.nlp.add_rule_pipes`).
    batch_size / workers: passed to ``nlp.pipe`` (``workers`` > 1: that many worker processes,
        each running the whole extraction).

    An article of any length is extracted: one longer than spaCy takes in one go is parsed in
    pieces and joined back (:func:`components.nlp.pipe_with_context`), offsets into its whole text.
    Each article comes out with its language (:func:`with_language`); one that ``nlp`` does not
    analyse (:func:`analysed_by`) is not parsed and comes out empty (:func:`not_analysed`)."""
    nlp = nlp_mod.add_rule_pipes(nlp or nlp_mod.load_model())
    version = nlp_mod.pipeline_version(nlp)
    pairs = ((article.text, article) for article in map(with_language, articles))
    for doc, article in nlp_mod.pipe_with_context(nlp, pairs, batch_size=batch_size, workers=workers,
                                                  doc_values=doc_values, parse=partial(analysed_by, nlp)):
        yield extract_doc(doc, article, version) if doc is not None else not_analysed(article, version)

def merge_actors_across(extractions: list[Extraction]) -> list[Extraction]:
    """Apply corpus-level actor merging (:func:`components.actors.merge_corpus`) to a list of
    extractions in place and return it: "Assad" in one article and "Bashar al-Assad" in
    another become one actor when nothing else competes for the name; names merge only within
    one type and one language (the articles' ``language``); a name typed person in some
    articles and organisation in others takes the type of most of its mentions
    (:func:`components.actors.corpus_types`), as the store's ``actors`` table does."""
    counts: dict[tuple[str, str | None, str | None], int] = {}
    for ex in extractions:
        for e in ex.entities:
            if e.actor:
                key = (e.actor, e.actor_type, ex.article.language)
                counts[key] = counts.get(key, 0) + 1
    mapping = actors.merge_corpus((n, t, c, lang) for (n, t, lang), c in counts.items())
    types = actors.corpus_types((n, t, c) for (n, t, _), c in counts.items())
    if mapping or types:
        for ex in extractions:
            ex.entities = [replace(e, actor=mapping.get(e.actor, e.actor), actor_type=types.get(e.actor, e.actor_type))
                           for e in ex.entities]
            for q in ex.quotes:
                q.speaker = mapping.get(q.speaker, q.speaker)
    return extractions
