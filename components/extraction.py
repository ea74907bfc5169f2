"""One article in, one :class:`~components.records.Extraction` out: the single path that both
the store and the ``extract`` command use, so what is measured is what the dashboard shows."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import actors, nlp as nlp_mod, places, quotes
from .records import Article, Extraction


def extract_doc(doc: Doc, article: Article, pipeline_version: str) -> Extraction:
    """Run the rule steps (actors, places, quotes) over an already parsed ``doc`` of
    ``article.text``."""
    entities = actors.find_actors(doc)
    found = places.find_places(doc, dateline=article.dateline)
    return Extraction(
        article=article,
        pipeline_version=pipeline_version,
        entities=entities,
        places=[p for p in found if p.start is not None],
        dateline_places=[p for p in found if p.start is None],
        quotes=quotes.find_quotes(doc, entities),
    )


def extract_articles(articles: Iterable[Article], *, nlp: Language | None = None,
                     batch_size: int = 64, workers: int = 1) -> Iterator[Extraction]:
    """Parse ``articles`` with one ``nlp.pipe`` pass and yield their extractions in order.

    An article of any length is extracted: one longer than spaCy takes in one go is parsed in
    pieces and joined back (:func:`components.nlp.pipe_with_context`), offsets into its whole text."""
    nlp = nlp or nlp_mod.load_model()
    version = nlp_mod.pipeline_version(nlp)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp_mod.pipe_with_context(nlp, pairs, batch_size=batch_size, workers=workers):
        yield extract_doc(doc, article, version)


def merge_actors_across(extractions: list[Extraction]) -> list[Extraction]:
    """Apply corpus-level actor merging (:func:`components.actors.merge_corpus`) to a list of
    extractions in place and return it: "Assad" in one article and "Bashar al-Assad" in
    another become one actor when nothing else competes for the name."""
    counts: dict[tuple[str, str | None], int] = {}
    for ex in extractions:
        for e in ex.entities:
            if e.actor:
                counts[(e.actor, e.actor_type)] = counts.get((e.actor, e.actor_type), 0) + 1
    mapping = actors.merge_corpus((n, t, c) for (n, t), c in counts.items())
    if mapping:
        for ex in extractions:
            ex.entities = [replace(e, actor=mapping.get(e.actor, e.actor)) for e in ex.entities]
            for q in ex.quotes:
                q.speaker = mapping.get(q.speaker, q.speaker)
    return extractions
