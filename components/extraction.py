"""One article in, one :class:`~components.records.Extraction` out: the single path that both
the store and the ``extract`` command use, so what is measured is what the dashboard shows.

The rules run inside the spaCy pipeline (the rule steps of :mod:`components.nlp.pipeline`, in
worker processes too); this module gives each article's Doc its dateline and reads the records
back from the Doc extensions the rule steps set.

Each article's language is detected once (:func:`components.nlp.language.detect_language`)
before the pipe (in the worker process that parses it, with ``workers`` > 1), and the article goes to that language's pipeline (:class:`components.nlp.Pipelines`:
English, the default, also takes the articles whose language is undetermined; French by default).
An article in a language no pipeline analyses comes out with no entities, places or quotes
(:func:`not_analysed`): stored, dated, searchable and shown, never analysed by a model of another
language."""
from __future__ import annotations

from collections import deque
from dataclasses import replace
from itertools import chain, islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import actors, nlp as nlp_mod
from .actors.component import entities
from .nlp.language import UNDETERMINED, detect_language
from .nlp.pipeline import Pipelines, as_pipelines
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


#: Articles read ahead and routed to their languages' pipelines at a time (each pipeline parses
#: its share of them in one ``nlp.pipe``; extractions still come out in input order).
WINDOW = 1024


def analysed_by(pipelines: Pipelines, article: Article) -> bool:
    """Whether ``article`` (its language detected) is analysed by one of ``pipelines``
    (:meth:`~components.nlp.Pipelines.for_language`)."""
    return pipelines.for_language(article.language) is not None


def count_not_analysed(pipelines: Pipelines, extractions: Iterable[Extraction],
                       counts: dict[str, int] | None = None) -> dict[str, int]:
    """Language code → how many of ``extractions`` no pipeline of ``pipelines`` analysed, added
    to ``counts`` (changed in place) when given; returns the counts."""
    counts = {} if counts is None else counts
    for ex in extractions:
        if not analysed_by(pipelines, ex.article):
            lang = ex.article.language or UNDETERMINED
            counts[lang] = counts.get(lang, 0) + 1
    return counts


def not_analysed(article: Article, pipeline_version: str) -> Extraction:
    """The extraction of an article no pipeline analyses (another language): nothing found,
    keyed by ``pipeline_version`` like any other, so that it is not stale."""
    return Extraction(article=article, pipeline_version=pipeline_version, entities=[], places=[], quotes=[])


def extract_articles(articles: Iterable[Article], *, nlp: Language | Pipelines | None = None,
                     batch_size: int = 64, workers: int = 1) -> Iterator[Extraction]:
    """Run each of ``articles`` through its language's pipeline and yield their extractions in order.

    nlp: the pipelines (default: the configured ones, :func:`components.nlp.load_pipelines`, each
        loaded once per process), or one loaded spaCy pipeline, which then analyses only its own
        language and undetermined articles; the rule steps a pipeline lacks are added to it.
    batch_size: articles per ``nlp.pipe`` batch (and per task of a worker process).
    workers: > 1: that many worker processes (:class:`components.nlp.Workers`), each running
        the whole analysis of an article (its language detected, its language's pipeline), started
        once for the whole run (or taken from an open :func:`components.nlp.worker_pool` block, as
        ``ingest`` opens one), for input of more than one batch; none for input of one batch only.

    In this process, articles are taken :data:`WINDOW` at a time; within a window each pipeline
    parses its language's articles in one ``nlp.pipe`` pass. An article of any length is
    extracted: one longer than spaCy takes in one go is parsed in pieces and joined back
    (:func:`components.nlp.pipe_with_context`), offsets into its whole text. Each article comes
    out with its language (:func:`with_language`); one that no pipeline analyses is not parsed
    and comes out empty (:func:`not_analysed`), keyed by the default pipeline's version."""
    pipelines = as_pipelines(nlp)
    stream = iter(articles)
    first = list(islice(stream, batch_size + 1))
    if len(first) <= batch_size:   # one batch: not worth starting processes
        workers = 1
    with nlp_mod.worker_pool(pipelines, workers) as pool:
        if pool is not None and len(first) > batch_size and pool.serves(pipelines):
            yield from _extract_in_workers(chain(first, stream), pipelines, pool, batch_size=batch_size)
            return
        stream = map(with_language, chain(first, stream))
        while window := list(islice(stream, WINDOW)):
            yield from _extract_window(window, pipelines, batch_size=batch_size)


def _extract_in_workers(articles: Iterable[Article], pipelines: Pipelines, pool: nlp_mod.Workers, *,
                        batch_size: int) -> Iterator[Extraction]:
    """The extractions of ``articles`` in order, each analysed by ``pool`` (its language detected
    there when it has none); this process only builds the records from what comes back."""
    sent: deque[Article] = deque()

    def items() -> Iterator[nlp_mod.batches.Item]:
        for article in articles:
            sent.append(article)
            yield article.text, doc_values(article), article.language

    for language, results in pool.map(items(), batch_size=batch_size):
        article = sent.popleft()
        if article.language != language:
            article = replace(article, language=language)
        version = pipelines.version_for(language)
        yield not_analysed(article, version) if results is None else extract_doc(results, article, version)


def _extract_window(window: list[Article], pipelines: Pipelines, *, batch_size: int) -> Iterator[Extraction]:
    """The extractions of ``window`` (articles with their language) in order, in this process:
    each language's articles through its pipeline, in order of their first article, each yielded
    as soon as every article before it is done."""
    done: list[Extraction | None] = [None] * len(window)
    by_pipeline: dict[int, tuple[Language, list[int]]] = {}  # id(pipeline) → it and its articles
    for i, article in enumerate(window):
        nlp = pipelines.for_language(article.language)
        if nlp is None:
            done[i] = not_analysed(article, pipelines.version_for(article.language))
        else:
            by_pipeline.setdefault(id(nlp), (nlp, []))[1].append(i)
    ready = 0
    for nlp, indices in by_pipeline.values():
        version = nlp_mod.pipeline_version(nlp)
        found = nlp_mod.pipe_with_context(nlp, ((window[i].text, i) for i in indices), batch_size=batch_size,
                                          doc_values=lambda i: doc_values(window[i]))
        for doc, i in found:
            done[i] = extract_doc(doc, window[i], version)
            while ready < len(window) and done[ready] is not None:
                yield done[ready]
                ready += 1
    yield from done[ready:]


def merge_actors_across(extractions: list[Extraction]) -> list[Extraction]:
    """Apply corpus-level actor merging (:func:`components.actors.merge_corpus`) to a list of
    extractions in place and return it: "Assad" in one article and "Bashar al-Assad" in
    another become one actor when nothing else competes for the name (an acronym or a party's
    name joins a name on the evidence of the articles); names merge only within
    one type and one language (the articles' ``language``); a name typed person in some
    articles and organisation in others takes the type of most of its mentions
    (:func:`components.actors.corpus_types`), as the store's ``actors`` table does."""
    counts: dict[tuple[str, str | None, str | None], int] = {}
    roles: dict[tuple[str, str | None, str | None], int] = {}  # of those mentions, the ones with a role
    acronyms: dict[tuple[str, str], set[int]] = {}  # (as written, resolved to) → articles
    named = [{e.actor for e in ex.entities if e.actor} for ex in extractions]  # per article
    for i, ex in enumerate(extractions):
        for e in ex.entities:
            if e.actor:
                key = (e.actor, e.actor_type, ex.article.language)
                counts[key] = counts.get(key, 0) + 1
                roles[key] = roles.get(key, 0) + bool(e.role)
                if e.text != e.actor and e.text.isupper():
                    acronyms.setdefault((e.text, e.actor), set()).add(i)
    mapping = actors.merge_corpus([(n, t, c, lang) for (n, t, lang), c in counts.items()],
                                  [(text, actor, len(seen)) for (text, actor), seen in acronyms.items()],
                                  actors.party_evidence(named))
    types = actors.corpus_types((n, t, c, roles[n, t, lang]) for (n, t, lang), c in counts.items())
    if mapping or types:
        for ex in extractions:
            ex.entities = [replace(e, actor=mapping.get(e.actor, e.actor), actor_type=types.get(e.actor, e.actor_type))
                           for e in ex.entities]
            for q in ex.quotes:
                q.speaker = mapping.get(q.speaker, q.speaker)
    return extractions
