"""Corpus operations: files → articles → extractions → store, batch by batch.

:func:`ingest` is what ``python -m components ingest`` and the dashboard's Data page call;
:func:`reextract` brings a store up to the current pipeline version. Both parse only what needs
parsing (articles not stored yet, or stored from another pipeline version), write each batch in
one transaction (a crash loses at most the batch in flight, never what was stored), and report
every file that could not be read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, Sequence

from spacy.language import Language

from .extraction import analysed_by, extract_articles
from .ingest import read_paths, read_uploads, upload_origin
from .nlp.language import UNDETERMINED, other_languages_note
from .nlp.pipeline import Pipelines, as_pipelines
from .nlp.workers import worker_pool
from .records import Article, Extraction, Problem
from .store import Store

Progress = Callable[[int], None]
"""Called with the number of articles just handled (added, re-extracted or skipped)."""

FileProgress = Callable[[str], None]
"""Called with each file's (or zip member's) origin once it has been read; as many calls as
:func:`components.ingest.count_files` counts."""


@dataclass
class IngestReport:
    """What an ingest did.

    added: articles new to the store; reextracted: stored articles re-run because their results
    came from another pipeline version; unchanged: already stored and up to date (nothing done);
    duplicates: articles seen twice in this run (same content hash; parsed once, each copy's file
    recorded in the article's ``origins``); problems: files that could not be read, each with its
    reason; not_analysed: articles extracted in this run that are in a language no pipeline
    analyses (stored without actors, places or quotes), by language code; notes: one line per
    configured language whose pipeline is not installed (:meth:`Pipelines.notes`)."""

    run_id: str | None = None
    added: int = 0
    reextracted: int = 0
    unchanged: int = 0
    duplicates: int = 0
    words: int = 0
    problems: list[Problem] = field(default_factory=list)
    not_analysed: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        """Distinct articles read in this run."""
        return self.added + self.reextracted + self.unchanged

    def summary(self) -> str:
        """One line for a terminal or a status box."""
        line = (f"{self.articles} articles read: {self.added} added, {self.reextracted} re-extracted, "
                f"{self.unchanged} already up to date, {self.duplicates} duplicates skipped; "
                f"{len(self.problems)} problem(s) reported (files that could not be read, dates not used)")
        if self.not_analysed:
            line += "; " + other_languages_note(self.not_analysed)
        return "; ".join([line, *self.notes])


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _count_not_analysed(report: IngestReport, nlp: Pipelines, extractions: Iterable[Extraction]) -> None:
    """Add the extractions whose article no pipeline of ``nlp`` analysed to ``report.not_analysed``."""
    for ex in extractions:
        if not analysed_by(nlp, ex.article):
            lang = ex.article.language or UNDETERMINED
            report.not_analysed[lang] = report.not_analysed.get(lang, 0) + 1


def ingest(paths: Sequence[str], *, store: Store, uploads: Sequence[tuple[str, bytes]] = (),
           nlp: Language | Pipelines | None = None, batch_size: int = 64, workers: int = 1, commit_every: int = 256,
           progress: Progress | None = None, on_file: FileProgress | None = None) -> IngestReport:
    """Read ``paths`` (files, folders, zips) and ``uploads``, extract what is new or stale, write
    it to ``store``; rebuild the corpus-level actors if any extraction was written — by this run
    or by an earlier one that stopped before its rebuild (see :meth:`Store.actors_stale`).

    uploads: files held in memory as ``(name, content)`` pairs (the app's uploads), read by
        :func:`components.ingest.read_uploads` after ``paths`` and stored as ``upload:<name>``.
    nlp: as for :func:`components.extraction.extract_articles` (default: the configured pipelines).
    batch_size / workers: passed to ``nlp.pipe``; commit_every: articles per store transaction.
    progress: called after each batch with the number of articles handled.
    on_file: called as each input file has been read (see :data:`FileProgress`; for uploads,
        :func:`components.ingest.count_uploads` counts the calls).
    Returns an :class:`IngestReport`."""
    nlp = as_pipelines(nlp)
    version, by_language = nlp.version_for(None), nlp.versions
    inputs = [str(p) for p in paths] + [upload_origin(name) for name, _ in uploads]
    report = IngestReport(run_id=store.start_run(inputs), notes=nlp.notes())
    seen: set[str] = set()
    copies: list[Article] = []  # duplicates read since the last write: only their origins are stored

    def fresh_articles() -> Iterator[Article]:
        for item in chain(read_paths(paths, on_file=on_file), read_uploads(uploads, on_file=on_file)):
            if isinstance(item, Problem):
                report.problems.append(item)
            elif item.id in seen:
                report.duplicates += 1
                copies.append(item)
            else:
                seen.add(item.id)
                yield item
    written_problems = 0
    with worker_pool(nlp.by_language, workers):  # started once for the whole ingest
        for chunk in _batches(fresh_articles(), commit_every):
            stored_before = store.needs_extraction([a.id for a in chunk], version, by_language=by_language)
            todo = [a for a in chunk if a.id in stored_before]
            new_ids = store.missing_articles([a.id for a in todo])
            extractions = list(extract_articles(todo, nlp=nlp, batch_size=batch_size, workers=workers))
            _count_not_analysed(report, nlp, extractions)
            # Articles already up to date, and copies of this run's articles, still get their new
            # origin (file name) recorded; a copy comes after its first reading (in this or an earlier batch).
            store.write(extractions, problems=report.problems[written_problems:], run_id=report.run_id,
                        articles=[a for a in chunk if a.id not in stored_before] + copies)
            written_problems = len(report.problems)
            copies.clear()
            report.added += sum(a.id in new_ids for a in todo)
            report.reextracted += sum(a.id not in new_ids for a in todo)
            report.unchanged += len(chunk) - len(todo)
            report.words += sum(a.n_words for a in todo)
            if progress:
                progress(len(chunk))
    if written_problems < len(report.problems) or copies:
        store.write([], problems=report.problems[written_problems:], run_id=report.run_id, articles=copies)
    if store.actors_stale():
        store.rebuild_actors()
    store.finish_run(report.run_id, added=report.added, reextracted=report.reextracted,
                     unchanged=report.unchanged, duplicates=report.duplicates,
                     problems=len(report.problems))
    return report


def reextract(*, store: Store, nlp: Language | Pipelines | None = None, batch_size: int = 64, workers: int = 1,
              commit_every: int = 256, progress: Progress | None = None) -> int:
    """Re-run extraction for every stored article whose results come from another pipeline
    version (an article's expected version is its language's pipeline's: see
    :meth:`components.nlp.Pipelines.version_for`), and rebuild the corpus-level actors if any
    were re-extracted or the store's actors are stale (:meth:`Store.actors_stale`); returns how
    many were re-extracted. ``nlp``: as for :func:`ingest`."""
    nlp = as_pipelines(nlp)
    done = 0
    with worker_pool(nlp.by_language, workers):  # started once for the whole run
        for chunk in _batches(store.stale_articles(nlp.version_for(None), by_language=nlp.versions),
                              commit_every):
            store.write(list(extract_articles(chunk, nlp=nlp, batch_size=batch_size, workers=workers)))
            done += len(chunk)
            if progress:
                progress(len(chunk))
    if store.actors_stale():
        store.rebuild_actors()
    return done
