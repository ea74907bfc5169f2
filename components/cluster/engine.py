"""The Dask engine's client side: inputs read as a stream on this machine, cut into partitions of
articles, each extracted on a worker and written as a part folder beside the store, then loaded
into the store in order, one transaction per partition.

Why articles are read here and not on the workers: a folder of a million files and a single JSONL
of a million lines must partition alike, and deciding what to parse needs the store (already
stored? duplicate of an article read earlier in the run?), which only this process opens. Reading
is cheap beside parsing (well under a millisecond per article against ~50 ms), and at most
``in_flight`` partitions are read ahead of the one being loaded, so memory stays flat however
large the input is. Workers need only the model and the part folders' path (on a shared disk).

:func:`reextract_dask` does the same with the stored articles another pipeline version analysed
(``reextract --engine dask``).

A crash loses nothing: a partition's part folder is complete or absent, and each one is loaded in
one transaction and then removed. The next run of the same inputs (the run folder is named after
them, the pipeline versions and the partition size) skips what is stored, loads the parts that
were written but not loaded, and sends the rest to the workers.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import uuid
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..corpus import ChunkPlan, ChunkReader, FileProgress, IngestProgress, IngestReport, input_names, read_inputs
from ..nlp import Pipelines, load_pipelines
from ..store import Store, StoreError
from ..store.parts import ids_digest, part_meta, schema_fingerprint
from .worker import PLUGIN_NAME, LoadPipelines, extract_part


def run_folder(store: Store, inputs: Sequence[str], nlp: Pipelines, partition_size: int) -> Path:
    """The folder of a run's part folders: ``<store>.parts/<digest>``, the digest of the inputs
    (absolute paths), the pipeline versions, the partition size and the part files' schema, so the
    same ingest run again finds the parts its crashed predecessor wrote."""
    key = "\0".join([*(os.path.abspath(i) for i in inputs), nlp.version_for(None),
                     repr(sorted(nlp.versions.items())), str(partition_size), schema_fingerprint()])
    return Path(f"{store.path}.parts") / hashlib.sha256(key.encode()).hexdigest()[:16]


def _prepare(client, model: str | None, models: str | None, in_flight: int | None) -> int:
    """Give the cluster's workers the pipelines (:class:`LoadPipelines`, once per worker) and
    return how many partitions may be read and not yet stored: ``in_flight``, by default twice
    the workers' threads, plus one."""
    client.register_plugin(LoadPipelines(model, models), name=PLUGIN_NAME)
    return in_flight or 2 * max(1, sum(client.nthreads().values())) + 1


def _remove_if_empty(*folders: Path) -> None:
    """Remove each of ``folders`` that is empty (a run's folder, then the store's parts folder)."""
    for folder in folders:
        with suppress(OSError):
            folder.rmdir()


def _check_versions(meta: dict, expected: set[str]) -> None:
    """Raise StoreError when a part's ``meta`` names a pipeline version outside ``expected``
    (the versions this machine's pipelines give: a worker runs another Dateline or models)."""
    if not set(meta.get("versions", ())) <= expected:
        raise StoreError(f"a worker extracted with pipeline version(s) {meta.get('versions')}, this "
                         f"machine expects {sorted(expected)}: install the same Dateline and models "
                         "on every worker (and restart them)")


@dataclass
class _Partition:
    """A partition between reading and storing: its plan, its part folder (None when nothing
    in it needs extracting) and the task writing the folder (None when it is written already)."""

    plan: ChunkPlan
    folder: Path | None
    future: Any = None
    done: bool = False


class _Run:
    """The partitions of one Dask ingest, submitted as read and stored in reading order."""

    def __init__(self, store: Store, client, reader: ChunkReader, folder: Path, task: dict[str, Any],
                 progress: IngestProgress | None) -> None:
        from distributed import as_completed

        self.store, self.client, self.reader, self.folder = store, client, reader, folder
        self.task, self.progress = task, progress
        self.partitions: dict[int, _Partition] = {}
        self.next = 0
        self.in_flight = 0
        self.completed = as_completed()

    def add(self, k: int, plan: ChunkPlan) -> None:
        """Take partition ``k``: send its articles to a worker unless nothing needs extracting or
        a complete part of exactly these articles is on disk (written by an earlier run)."""
        folder = self.folder / f"part-{k:05d}"
        if not plan.todo:
            shutil.rmtree(folder, ignore_errors=True)  # stored by a run that stopped before removing it
            self.partitions[k] = _Partition(plan, None, done=True)
            return
        digest = ids_digest([a.id for a in plan.todo])
        meta = part_meta(folder)
        if meta is not None and meta.get("digest") == digest:
            self.partitions[k] = _Partition(plan, folder, done=True)
            return
        future = self.client.submit(extract_part, plan.todo, str(folder), digest=digest, **self.task,
                                    key=f"dateline-{self.reader.report.run_id}-part-{k:05d}", pure=False)
        self.partitions[k] = _Partition(plan, folder, future)
        self.completed.add(future)
        self.in_flight += 1

    def wait_one(self) -> None:
        """Wait for the next partition a worker finishes (in any order); raise its error if it failed."""
        future = next(self.completed)
        self.in_flight -= 1
        try:
            future.result()  # a worker's exception comes out here
        except OSError as err:
            raise StoreError(f"a worker could not write its part folder in {self.folder} ({err}): workers write "
                             "beside the store, so give --db a path on a disk every worker sees under the same "
                             "path, writable by them") from err
        for part in self.partitions.values():
            if part.future is future:
                part.done = True

    def store_ready(self) -> None:
        """Store every finished partition that follows the last one stored, in reading order (so
        that the store ends up as the local engine leaves it, origins in the same order)."""
        while (part := self.partitions.get(self.next)) is not None and part.done:
            del self.partitions[self.next]
            self.next += 1
            self._store(part)

    def _store(self, part: _Partition) -> None:
        plan, report = part.plan, self.reader.report
        if part.folder is None:
            self.store.write([], problems=plan.problems, run_id=report.run_id, articles=plan.kept)
        else:
            meta = part_meta(part.folder) or {}
            _check_versions(meta, {self.reader.version, *self.reader.by_language.values()})
            self.store.load_part(part.folder, articles=plan.kept, problems=plan.problems, run_id=report.run_id)
            shutil.rmtree(part.folder, ignore_errors=True)
            for lang, n in meta.get("not_analysed", {}).items():
                report.not_analysed[lang] = report.not_analysed.get(lang, 0) + n
        plan.count(report)
        if self.progress:
            self.progress(plan.read, plan.bytes_read)

    def close(self) -> None:
        """Remove the run folder, and the store's parts folder, if nothing is left in them."""
        _remove_if_empty(self.folder, self.folder.parent)


def ingest_dask(paths: Sequence[str], *, store: Store, client, model: str | None = None,
                models: str | None = None, partition_size: int = 256, batch_size: int = 64,
                in_flight: int | None = None, progress: IngestProgress | None = None,
                on_file: FileProgress | None = None) -> IngestReport:
    """Ingest ``paths`` (files, folders, zips) into ``store`` on a Dask cluster: the same store,
    row for row, as :func:`components.corpus.ingest` makes of them (run ids and times aside).

    client: a ``distributed.Client`` (see :func:`components.cluster.dask_client`); its workers must
        reach the folder ``<store>.parts`` under the same path (a shared disk) and have Dateline and
        the models installed.
    model / models: the pipelines, as the ``--model`` / ``--models`` options (None: the settings);
        loaded here too, for the pipeline versions that decide what is stale.
    partition_size: articles per partition (one task, one part folder, one store transaction).
    batch_size: passed to ``nlp.pipe`` on the workers.
    in_flight: partitions read and not yet stored, at most (default: twice the workers' threads, plus one).
    progress: called as each partition is stored (:data:`~components.corpus.IngestProgress`); on_file: as for
        :func:`components.corpus.ingest`.
    Returns an :class:`~components.corpus.IngestReport`. Raises what a task raised on a worker."""
    nlp = load_pipelines(model, models)
    inputs = input_names(paths)
    reader = ChunkReader.start(store, nlp, inputs)
    limit = _prepare(client, model, models, in_flight)
    run = _Run(store, client, reader, run_folder(store, inputs, nlp, partition_size),
               {"model": model, "models": models, "batch_size": batch_size}, progress)
    for k, (chunk, copies) in enumerate(reader.chunks(read_inputs(paths, on_file=on_file, on_bytes=reader.add_bytes), partition_size)):
        run.add(k, reader.plan(store, chunk, copies))
        run.store_ready()
        while len(run.partitions) >= limit:  # read ahead no further: flat memory
            run.wait_one()
            run.store_ready()
    while run.in_flight:
        run.wait_one()
        run.store_ready()
    run.store_ready()
    reader.finish(store)
    run.close()
    return reader.report


def reextract_dask(*, store: Store, client, model: str | None = None, models: str | None = None,
                   partition_size: int = 256, batch_size: int = 64, in_flight: int | None = None,
                   progress: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None) -> int:
    """Re-extract on a Dask cluster every stored article whose results come from another pipeline
    version, as :func:`components.corpus.reextract` does in this process (the same rows), then
    rebuild the corpus-level actors; returns how many were re-extracted.

    client, model, models, partition_size, batch_size, in_flight: as for :func:`ingest_dask`
        (the stale articles, read from the store a chunk at a time, are the partitions' input).
    progress: called with each stored partition's number of articles; total: called once, before,
        with the number of articles to re-extract.
    Partitions are stored in order, each in one transaction; a crash loses only the partitions
    parsed and not yet stored (the next run starts with a new run folder and finds what is still
    stale)."""
    nlp = load_pipelines(model, models)
    limit = _prepare(client, model, models, in_flight)
    folder = Path(f"{store.path}.parts") / "reextract"
    shutil.rmtree(folder, ignore_errors=True)  # (a crashed run's parts: their articles are still stale)
    expected = {nlp.version_for(None), *nlp.versions.values()}
    task = {"model": model, "models": models, "batch_size": batch_size}
    stale = iter(store.stale_articles(nlp.version_for(None), by_language=nlp.versions, counted=total))
    waiting: deque[tuple[Path, Any, int]] = deque()  # (part folder, task, articles), in the stale articles' order
    done, run = 0, uuid.uuid4().hex[:8]

    def store_oldest() -> None:
        nonlocal done
        part, future, n = waiting.popleft()
        future.result()  # (a worker's exception comes out here)
        _check_versions(part_meta(part) or {}, expected)
        store.load_part(part)
        shutil.rmtree(part, ignore_errors=True)
        done += n
        if progress:
            progress(n)

    for k in itertools.count():
        chunk = list(itertools.islice(stale, partition_size))
        if not chunk:
            break
        part = folder / f"part-{k:05d}"
        future = client.submit(extract_part, chunk, str(part), digest=ids_digest([a.id for a in chunk]), **task,
                               key=f"dateline-reextract-{run}-{k:05d}", pure=False)
        waiting.append((part, future, len(chunk)))
        while len(waiting) >= limit:  # read ahead no further: flat memory
            store_oldest()
    while waiting:
        store_oldest()
    _remove_if_empty(folder, folder.parent)
    if store.actors_stale():
        store.rebuild_actors()
    return done
