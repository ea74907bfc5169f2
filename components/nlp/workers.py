"""Worker processes for ``--workers N``: N spawned processes, started once for a whole run, each
holding the pipelines (sent once, when it starts, and each unpickled when a task first needs it) and running the whole extraction over batches
of articles; only the rule steps' results come back (plain data: ``doc._.actors``,
``doc._.places``, ``doc._.quotes``), never the Docs.

spaCy's own ``nlp.pipe(n_process=N)`` starts its processes anew at every call (the model and the
gazetteer loaded again each time: every window of articles, every batch an ingest commits) and
sends every Doc back whole (its tokens, parse and vectors) for the parent to rebuild; the parent
then had as much work as a worker. :class:`Workers` keeps the processes for as long as its
``with`` block lasts (:func:`worker_pool`: the whole ``extract`` or ``ingest``), and the parent
only routes articles and writes results.

Processes are *spawned*, not forked (a fork of a process that runs threads can leave the child
holding a lock nobody will release), with the parent's ``__main__`` hidden from them (in the
dashboard it is the app's page, which would run again in every worker)."""
from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.util import minibatch

from .batches import _main_hidden_from_workers, pipe_with_context

#: The Doc extensions the rule steps set, sent back from a worker for each article.
RESULTS = ("actors", "places", "quotes")

Item = tuple[str, Mapping[str, Any]]
"""An article for a worker: its text, and the extension values its Doc starts with
(:data:`components.nlp.batches.DocValues`)."""

# In a worker process: the pipelines it was started with, by key (a language code), pickled
# until a task needs one (a run of English articles never unpickles the French pipeline).
_PICKLED: dict[str, bytes] = {}
_PIPELINES: dict[str, Language] = {}


def _start(pickled: Mapping[str, bytes]) -> None:
    _PICKLED.update(pickled)


def _pipeline(key: str) -> Language:
    if key not in _PIPELINES:
        _PIPELINES[key] = pickle.loads(_PICKLED.pop(key))
    return _PIPELINES[key]


def _run(key: str, batch: list[Item], batch_size: int) -> list[dict[str, Any]]:
    """In a worker: the results (:data:`RESULTS`) of pipeline ``key`` over ``batch``, in order."""
    docs = pipe_with_context(_pipeline(key), ((text, values) for text, values in batch),
                             batch_size=batch_size, doc_values=lambda values: values)
    return [{name: doc._.get(name) for name in RESULTS} for doc, _ in docs]


def _ready() -> bool:
    return True


class Results:
    """An article's results from a worker, read like the Doc they came from: ``results._.actors``
    (what :func:`components.actors.component.entities` and the other readers read)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._ = SimpleNamespace(**values)


class Workers:
    """``n`` worker processes holding ``pipelines`` (key → a loaded pipeline with its rule
    steps); close them with :meth:`close` (or use :func:`worker_pool`)."""

    def __init__(self, pipelines: Mapping[str, Language], n: int) -> None:
        self.n = n
        self.pipelines = dict(pipelines)
        self._pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start,
                                         initargs=({k: pickle.dumps(v) for k, v in self.pipelines.items()},))
        with _main_hidden_from_workers():  # the processes start on the first tasks
            for started in [self._pool.submit(_ready) for _ in range(n)]:
                started.result()

    def holds(self, nlp: Language) -> str | None:
        """The key of ``nlp`` among the pipelines the workers hold (the same object), or None."""
        return next((key for key, held in self.pipelines.items() if held is nlp), None)

    def map(self, key: str, items: Iterable[Item], *, batch_size: int) -> Iterator[Results]:
        """The :class:`Results` of pipeline ``key`` over ``items``, in order: ``batch_size``
        articles per task, at most two tasks per worker queued ahead."""
        pending: deque[Future] = deque()
        for batch in minibatch(items, batch_size):
            with _main_hidden_from_workers():  # should a worker be (re)started by this task
                pending.append(self._pool.submit(_run, key, list(batch), batch_size))
            if len(pending) > 2 * self.n:
                yield from map(Results, pending.popleft().result())
        while pending:
            yield from map(Results, pending.popleft().result())

    def close(self) -> None:
        """Stop the workers (tasks not started are dropped)."""
        self._pool.shutdown(cancel_futures=True)


_CURRENT: list[Workers] = []


@contextmanager
def worker_pool(pipelines: Mapping[str, Language], n: int) -> Iterator[Workers | None]:
    """Within the block, :func:`current_workers` gives ``n`` workers holding ``pipelines`` (None,
    and no process, when ``n`` < 2 or a pool is already open: the outer block's is used); they
    stop when the block ends."""
    if n < 2 or _CURRENT:
        yield current_workers()
        return
    workers = Workers(pipelines, n)
    _CURRENT.append(workers)
    try:
        yield workers
    finally:
        _CURRENT.remove(workers)
        workers.close()


def current_workers() -> Workers | None:
    """The workers of the innermost open :func:`worker_pool` block, or None."""
    return _CURRENT[-1] if _CURRENT else None
