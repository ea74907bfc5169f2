"""Worker processes for ``--workers N``: N spawned processes, started once for a whole run, each
holding the pipelines (written once to a temporary file each, and each unpickled when a task first
needs it) and running the whole per-article analysis over batches of articles: language detection
(:func:`~components.nlp.language.detect_language`, for an article that has no language yet), the
choice of that language's pipeline and the pipeline itself. Only the language and the rule steps'
results come back (plain data: ``doc._.actors``, ``doc._.places``, ``doc._.quotes``), never the Docs.

spaCy's own ``nlp.pipe(n_process=N)`` starts its processes anew at every call (the model and the
gazetteer loaded again each time: every window of articles, every batch an ingest commits) and
sends every Doc back whole (its tokens, parse and vectors) for the parent to rebuild; the parent
then had as much work as a worker. :class:`Workers` keeps the processes for as long as its
``with`` block lasts (:func:`worker_pool`: the whole ``extract`` or ``ingest``), and the parent
only sends texts, builds the records from what comes back and writes them.

What kept two workers from doubling one process's speed (``extract --workers 2``, BBC texts,
measured 2026-12-01) and what is done about it:

- the parent detected each article's language (1.1 s of CPU per 1,000 articles, half of what it
  did per article; the records and their JSON 0.7 s, the results' unpickling 0.1 s), and the
  workers waited 2–3 s at every window of 1,024 articles (and ``ingest`` at every commit) while
  it did: languages are now detected in the workers, and the articles stream to them without a
  break, in tasks of at most :data:`TASK_ARTICLES`, two per worker queued ahead;
- one worker idled up to a task's length at the end of a run: tasks are now small;
- the pipelines (50 MB pickled) went to each process as its arguments, which a spawned process
  reads only after importing spaCy, so the second started seconds after the first; they now go
  through files, written while the processes start;
- each process took a second to exit (freeing the pipelines object by object): it now exits at
  once.

Processes are *spawned*, not forked (a fork of a process that runs threads can leave the child
holding a lock nobody will release), with the parent's ``__main__`` hidden from them (in the
dashboard it is the app's page, which would run again in every worker)."""
from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.util import minibatch

from .batches import Item, _main_hidden_from_workers, analyse_batch
from .pipeline import Pipelines

#: Articles per task at most: about a second of parsing for news articles, so that the workers
#: finish a run together (the last task of one is all the other waits for) while a task still
#: costs little to send. spaCy is as fast per article in batches of 16 as of 64 (CPU seconds,
#: 300 BBC articles: 14.9 and 14.9).
TASK_ARTICLES = 16

# In a worker process: the files of the pipelines it was started with, by key (a language code),
# each unpickled when a task first needs it (a run of English articles never loads the French
# pipeline), and the default pipeline's key.
_FILES: dict[str, str] = {}
_PIPELINES: dict[str, Language] = {}
_DEFAULT: list[str] = []


def _start(files: Mapping[str, str], default: str) -> None:
    _FILES.update(files)
    _DEFAULT[:] = [default]
    atexit.register(_exit_now)
    # Ctrl-C in a terminal reaches every process of the command: the parent alone answers it
    # (and stops the workers, :meth:`Workers.close`), no worker prints its own traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ctrl_c_held_back() -> AbstractContextManager[None]:
    """:func:`components.ctrl_c.held_back`, imported only here: every module loaded with the
    extraction is hashed into its version (:mod:`components.nlp.version`), and where Ctrl-C goes
    decides nothing of what it holds."""
    from ..ctrl_c import held_back

    return held_back()


def _exit_now() -> None:
    """In a worker, once its last result is sent: end the process without freeing the pipelines
    object by object (a second of tearing down that the parent would wait for)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _pipeline(key: str) -> Language:
    if key not in _PIPELINES:
        _PIPELINES[key] = pickle.loads(Path(_FILES[key]).read_bytes())
    return _PIPELINES[key]


def _run(batch: list[Item], batch_size: int) -> list[tuple[str, dict[str, Any] | None]]:
    """In a worker: :func:`~components.nlp.batches.analyse_batch` with this process's pipelines."""
    return analyse_batch(batch, batch_size=batch_size, default=_DEFAULT[0], served=_FILES, pipeline=_pipeline)


def _ready() -> bool:
    return True


class Results:
    """An article's results from a worker, read like the Doc they came from: ``results._.actors``
    (what :func:`components.actors.component.entities` and the other readers read)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._ = SimpleNamespace(**values)


class Workers:
    """``n`` worker processes holding ``pipelines`` (each analysing its language's articles, the
    default's also the undetermined ones); close them with :meth:`close` (or use
    :func:`worker_pool`)."""

    def __init__(self, pipelines: Pipelines, n: int) -> None:
        self.n = n
        self.pipelines = pipelines
        self._files = tempfile.TemporaryDirectory(prefix="dateline-pipelines-")
        files = {key: str(Path(self._files.name) / f"{key}.pickle") for key in pipelines.by_language}
        self._pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start, initargs=(files, pipelines.default_language))
        try:
            with _main_hidden_from_workers(), _ctrl_c_held_back():  # each task starts a process (not waited for)
                for _ in range(n):
                    self._pool.submit(_ready)
            # Written while the processes start (importing spaCy takes them seconds); read by a task.
            for key, nlp in pipelines.by_language.items():
                Path(files[key]).write_bytes(pickle.dumps(nlp))
        except BaseException:  # (Ctrl-C while they start: stopped here, as no block will close them)
            self.close(now=True)
            raise

    def serves(self, pipelines: Pipelines) -> bool:
        """Whether the workers hold ``pipelines`` (the same pipeline objects for the same languages)."""
        held = self.pipelines.by_language
        return held.keys() == pipelines.by_language.keys() and all(
            held[key] is nlp for key, nlp in pipelines.by_language.items())

    def map(self, items: Iterable[Item], *, batch_size: int) -> Iterator[tuple[str, Results | None]]:
        """For each of ``items``, in order: its language (as given, or detected) and the
        :class:`Results` of its language's pipeline, or None when no pipeline analyses it.
        ``batch_size`` articles per task (at most :data:`TASK_ARTICLES`), at most two tasks per
        worker queued ahead."""
        pending: deque[Future] = deque()
        for batch in minibatch(items, min(batch_size, TASK_ARTICLES)):
            with _main_hidden_from_workers(), _ctrl_c_held_back():  # should a worker be (re)started by this task
                pending.append(self._pool.submit(_run, list(batch), batch_size))
            if len(pending) > 2 * self.n:
                yield from _read(pending.popleft().result())
        while pending:
            yield from _read(pending.popleft().result())

    def close(self, *, now: bool = False) -> None:
        """Stop the workers (tasks not started are dropped) and remove the pipelines' files.
        ``now``: without waiting for the tasks running (their results are not wanted: the work
        was interrupted); a second Ctrl-C while waiting stops them at once too."""
        try:
            if not now:
                self._pool.shutdown(cancel_futures=True)
        except KeyboardInterrupt:
            now = True
            raise
        finally:
            if now:
                # (the pool's own processes, taken before shutdown() forgets them: Python 3.11 has no
                # public way to stop them mid-task, and they ignore Ctrl-C)
                processes = list((getattr(self._pool, "_processes", None) or {}).values())
                manager = getattr(self._pool, "_executor_manager_thread", None)
                results = getattr(self._pool, "_result_queue", None)
                self._pool.shutdown(wait=False, cancel_futures=True)
                for process in processes:
                    process.terminate()
                for process in processes:
                    process.join(5)
                if results is not None:  # (a worker killed while sending a result leaves the pool's thread
                    results._writer.close()  # reading the rest for ever: with the last writer closed, it reads the end)
                if manager is not None:  # (the pool's thread, which ends as it sees them gone: else Python,
                    manager.join(5)  # ending, wakes it as it closes its pipe, a race: 'Bad file descriptor')
            self._files.cleanup()


def _read(found: list[tuple[str, dict[str, Any] | None]]) -> Iterator[tuple[str, Results | None]]:
    return ((language, None if results is None else Results(results)) for language, results in found)


_CURRENT: list[Workers] = []


@contextmanager
def worker_pool(pipelines: Pipelines, n: int) -> Iterator[Workers | None]:
    """Within the block, :func:`current_workers` gives ``n`` workers holding ``pipelines`` (None,
    and no process, when ``n`` < 2 or a pool is already open: the outer block's is used); they
    stop when the block ends."""
    if n < 2 or _CURRENT:
        yield current_workers()
        return
    workers = Workers(pipelines, n)
    _CURRENT.append(workers)
    interrupted = False
    try:
        yield workers
    except BaseException:  # (an error or Ctrl-C: the tasks running are not waited for)
        interrupted = True
        raise
    finally:
        _CURRENT.remove(workers)
        workers.close(now=interrupted)


def current_workers() -> Workers | None:
    """The workers of the innermost open :func:`worker_pool` block, or None."""
    return _CURRENT[-1] if _CURRENT else None
