"""Corpus operations: files → articles → extractions → store, batch by batch.

:func:`ingest` is what ``python -m components ingest`` and the dashboard's Data page call;
:func:`reextract` brings a store up to the current pipeline version. Both parse only what needs
parsing (articles not stored yet, or stored from another pipeline version), write each batch in
one transaction (a crash loses at most the chunks in flight, never what was stored), and report
every file that could not be read.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, Sequence

from spacy.language import Language

from .extraction import count_not_analysed, extract_articles
from .ingest import read_paths, read_uploads, upload_origin
from .nlp.pipeline import Pipelines, as_pipelines
from .nlp.workers import worker_pool
from .query.counts import other_languages_note
from .records import Article, Extraction, Problem
from .store import Store

Progress = Callable[[int], None]
"""Called with the number of articles just handled (added, re-extracted or skipped)."""

IngestProgress = Callable[[int, int], None]
"""Called as a batch of an ingest is stored, with the number of articles read in it and how far
the run has read through its inputs, in bytes (all of them: :func:`components.ingest.count_bytes`
of its paths; uploads are not counted)."""

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


@dataclass
class ChunkPlan:
    """What one chunk of freshly read articles needs, decided against the store before any
    parsing: todo: the articles to extract (not stored, or stored from another pipeline
    version); new_ids: those of ``todo`` not stored at all; kept: articles whose new origin
    alone is recorded (stored and up to date, and copies of articles read earlier in the run);
    problems: the problems read since the previous chunk (written with this one); read: the
    chunk's articles; bytes_read: how far the run had read through its inputs (bytes) when the
    chunk was cut."""

    todo: list[Article]
    new_ids: set[str]
    kept: list[Article]
    problems: list[Problem]
    read: int
    bytes_read: int = 0

    def count(self, report: IngestReport) -> None:
        """Add this chunk's articles to ``report``'s counts (added, re-extracted, unchanged, words)."""
        report.added += sum(a.id in self.new_ids for a in self.todo)
        report.reextracted += sum(a.id not in self.new_ids for a in self.todo)
        report.unchanged += self.read - len(self.todo)
        report.words += sum(a.n_words for a in self.todo)


class ChunkReader:
    """The articles of an ingest's inputs, read as a stream and cut into chunks of fresh articles
    (first readings in this run), each planned against the store (:meth:`plan`): the part both
    engines share (this module's :func:`ingest`, and :mod:`components.cluster`).

    Problems and duplicates are counted in ``report`` as they are read; a duplicate's origin is
    recorded with the chunk read after it (its first reading is in that chunk or an earlier one).
    :attr:`bytes_read`: the inputs' bytes read so far, counted by :meth:`add_bytes` (the
    ``on_bytes`` of :func:`read_inputs`)."""

    def __init__(self, report: IngestReport, *, version: str, by_language: dict[str, str]) -> None:
        self.report = report
        self.version, self.by_language = version, by_language
        self._seen: set[str] = set()
        self._written_problems = 0
        self.bytes_read = 0

    def add_bytes(self, n: int) -> None:
        """Count ``n`` more bytes of the inputs read."""
        self.bytes_read += n

    @classmethod
    def start(cls, store: Store, nlp: Pipelines, inputs: Sequence[str]) -> "ChunkReader":
        """A reader for a new ingest run of ``inputs`` (names, :func:`input_names`) into ``store``
        with the pipelines ``nlp``: the run started, its report carrying ``nlp``'s notes."""
        report = IngestReport(run_id=store.start_run(inputs), notes=nlp.notes())
        return cls(report, version=nlp.version_for(None), by_language=nlp.versions)

    def chunks(self, items: Iterable[Article | Problem], size: int) -> Iterator[tuple[list[Article], list[Article]]]:
        """``(fresh articles, copies read meanwhile)`` of at most ``size`` fresh articles each, in
        reading order; a last ``([], copies)`` when copies were read after the last fresh article."""
        fresh: list[Article] = []
        copies: list[Article] = []
        for item in items:
            if isinstance(item, Problem):
                self.report.problems.append(item)
            elif item.id in self._seen:
                self.report.duplicates += 1
                copies.append(item)
            else:
                self._seen.add(item.id)
                fresh.append(item)
                if len(fresh) == size:
                    yield fresh, copies
                    fresh, copies = [], []
        if fresh or copies:
            yield fresh, copies

    def plan(self, store: Store, chunk: list[Article], copies: list[Article]) -> ChunkPlan:
        """The :class:`ChunkPlan` of ``chunk`` (and the ``copies`` read with it) in ``store``."""
        stale = store.needs_extraction([a.id for a in chunk], self.version, by_language=self.by_language)
        todo = [a for a in chunk if a.id in stale]
        problems = self.report.problems[self._written_problems:]
        self._written_problems = len(self.report.problems)
        return ChunkPlan(todo=todo, new_ids=store.missing_articles([a.id for a in todo]),
                         kept=[a for a in chunk if a.id not in stale] + copies, problems=problems,
                         read=len(chunk), bytes_read=self.bytes_read)

    def finish(self, store: Store) -> None:
        """End the run: log the problems read after the last chunk, rebuild the corpus-level actors
        if any extraction was written (by this run or an earlier one that stopped before its
        rebuild: :meth:`Store.actors_stale`), log the run's counts."""
        report = self.report
        if self._written_problems < len(report.problems):
            store.write([], problems=report.problems[self._written_problems:], run_id=report.run_id)
            self._written_problems = len(report.problems)
        if store.actors_stale():
            store.rebuild_actors()
        store.finish_run(report.run_id, added=report.added, reextracted=report.reextracted,
                         unchanged=report.unchanged, duplicates=report.duplicates,
                         problems=len(report.problems))


def read_inputs(paths: Sequence[str], uploads: Sequence[tuple[str, bytes]] = (),
                on_file: FileProgress | None = None,
                on_bytes: Callable[[int], None] | None = None) -> Iterator[Article | Problem]:
    """The articles and problems of ``paths`` then ``uploads``, streamed (see :func:`ingest`);
    ``on_bytes``: as for :func:`components.ingest.read_paths` (``paths`` only)."""
    return chain(read_paths(paths, on_file=on_file, on_bytes=on_bytes), read_uploads(uploads, on_file=on_file))


def input_names(paths: Sequence[str], uploads: Sequence[tuple[str, bytes]] = ()) -> list[str]:
    """The inputs of a run as logged in ``ingest_runs.inputs``: paths as given, then ``upload:<name>``."""
    return [str(p) for p in paths] + [upload_origin(name) for name, _ in uploads]


def ingest(paths: Sequence[str], *, store: Store, uploads: Sequence[tuple[str, bytes]] = (),
           nlp: Language | Pipelines | None = None, batch_size: int = 64, workers: int = 1, commit_every: int = 256,
           progress: IngestProgress | None = None, on_file: FileProgress | None = None) -> IngestReport:
    """Read ``paths`` (files, folders, zips) and ``uploads``, extract what is new or stale, write
    it to ``store``; rebuild the corpus-level actors if any extraction was written — by this run
    or by an earlier one that stopped before its rebuild (see :meth:`Store.actors_stale`).

    uploads: files held in memory as ``(name, content)`` pairs (the app's uploads), read by
        :func:`components.ingest.read_uploads` after ``paths`` and stored as ``upload:<name>``.
    nlp: as for :func:`components.extraction.extract_articles` (default: the configured pipelines).
    batch_size / workers: passed to ``nlp.pipe``; commit_every: articles per store transaction.
    progress: called after each batch is stored (see :data:`IngestProgress`).
    on_file: called as each input file has been read (see :data:`FileProgress`; for uploads,
        :func:`components.ingest.count_uploads` counts the calls).
    Returns an :class:`IngestReport`. The Dask engine (:func:`components.cluster.ingest_dask`)
    does the same on a cluster."""
    nlp = as_pipelines(nlp)
    reader = ChunkReader.start(store, nlp, input_names(paths, uploads))
    report = reader.report
    chunks = reader.chunks(read_inputs(paths, uploads, on_file, reader.add_bytes), commit_every)
    with worker_pool(nlp, workers):  # started once for the whole ingest
        for plan, extractions in _extracted(reader, store, chunks, nlp, batch_size=batch_size, workers=workers):
            count_not_analysed(nlp, extractions, report.not_analysed)
            # Articles already up to date, and copies of this run's articles, still get their new
            # origin (file name) recorded; a copy comes after its first reading (in this or an earlier batch).
            store.write(extractions, problems=plan.problems, run_id=report.run_id, articles=plan.kept)
            plan.count(report)
            if progress:
                progress(plan.read, plan.bytes_read)
    reader.finish(store)
    return report


#: Chunks an ingest plans at most ahead of the one it writes (see :func:`_extracted`).
PLANS_AHEAD = 8


def _extracted(reader: ChunkReader, store: Store, chunks: Iterator[tuple[list[Article], list[Article]]],
               nlp: Pipelines, *, batch_size: int, workers: int) -> Iterator[tuple[ChunkPlan, list[Extraction]]]:
    """Each of ``chunks`` planned (:meth:`ChunkReader.plan`) with the extractions of its articles
    to extract, in reading order. The articles of successive chunks are extracted as one stream,
    so that worker processes go on parsing the next chunk while one is written; at most
    :data:`PLANS_AHEAD` chunks are planned and not yet given out (a long run of chunks with nothing
    to extract ends the stream, which starts again once the planned chunks are out)."""
    plans: deque[ChunkPlan] = deque()
    read_all = False

    def todo() -> Iterator[Article]:
        nonlocal read_all
        for chunk, copies in chunks:
            plans.append(reader.plan(store, chunk, copies))
            yield from plans[-1].todo
            if len(plans) > PLANS_AHEAD:
                return
        read_all = True

    while not read_all:
        done: list[Extraction] = []
        for extraction in chain(extract_articles(todo(), nlp=nlp, batch_size=batch_size, workers=workers), [None]):
            if extraction is not None:
                done.append(extraction)
            # every planned chunk whose extractions are all in (all of them at the stream's end)
            while plans and (extraction is None or len(done) >= len(plans[0].todo)):
                size = len(plans[0].todo)
                yield plans.popleft(), done[:size]
                del done[:size]


def reextract(*, store: Store, nlp: Language | Pipelines | None = None, batch_size: int = 64, workers: int = 1,
              commit_every: int = 256, progress: Progress | None = None,
              total: Callable[[int], None] | None = None) -> int:
    """Re-run extraction for every stored article whose results come from another pipeline
    version (an article's expected version is its language's pipeline's: see
    :meth:`components.nlp.Pipelines.version_for`), and rebuild the corpus-level actors if any
    were re-extracted or the store's actors are stale (:meth:`Store.actors_stale`); returns how
    many were re-extracted. ``nlp``: as for :func:`ingest`; ``progress``: called after each batch
    is stored; ``total``: called once, before, with the number of articles to re-extract."""
    nlp = as_pipelines(nlp)
    done = 0
    with worker_pool(nlp, workers):  # started once for the whole run
        stale = store.stale_articles(nlp.version_for(None), by_language=nlp.versions, counted=total)
        # one stream, so that worker processes go on parsing while a chunk is written
        for chunk in _batches(extract_articles(stale, nlp=nlp, batch_size=batch_size, workers=workers),
                              commit_every):
            store.write(chunk)
            done += len(chunk)
            if progress:
                progress(len(chunk))
    if store.actors_stale():
        store.rebuild_actors()
    return done
