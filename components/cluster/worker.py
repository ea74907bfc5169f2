"""What runs on a Dask worker: the pipelines loaded once per worker process (:class:`LoadPipelines`,
a worker plugin, so the model is never pickled with a task) and one partition's extraction,
written as a part folder beside the store (:func:`extract_part`)."""
from __future__ import annotations

import logging
import signal
import threading
from typing import Any, Sequence

from distributed import WorkerPlugin

from ..records import Article

#: The name the plugin is registered under (registering it again replaces it, never doubles it).
PLUGIN_NAME = "dateline-pipelines"


def dask_setup(worker) -> None:
    """As a worker process of the command's own LocalCluster starts (its ``preload``, never a worker
    started elsewhere with ``dask worker``): leave Ctrl-C to the command, which answers it and
    stops the cluster. A terminal sends Ctrl-C to every process of the command, and each worker
    printed tracebacks of its own (``worker``: the Dask worker, unused). And say nothing of a
    heartbeat the scheduler no longer answers (:func:`not_a_lost_heartbeat`)."""
    log = logging.getLogger("distributed.worker")
    if not_a_lost_heartbeat not in log.filters:
        log.addFilter(not_a_lost_heartbeat)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def not_a_lost_heartbeat(record: logging.LogRecord) -> bool:
    """False for the error (with its traceback) a Dask worker logs when the scheduler does not
    answer its heartbeat; a logging filter for ``distributed.worker``, whose other records it lets
    through. Only the command's own workers get it (:func:`dask_setup`): their scheduler runs in
    the command, so it is gone only as the command ends, stopped by Ctrl-C with a worker still
    closing (seen under load: a traceback after the command's "interrupted" line)."""
    return not record.getMessage().startswith("Failed to communicate with scheduler during heartbeat")


def not_a_cancel_on_close(record: logging.LogRecord) -> bool:
    """False for the warning a Dask worker logs for each task still running when it is closed
    (as after Ctrl-C: "Async instruction for <Task cancelled …> ended with CancelledError",
    which Dask's own comment says happens only in ``Worker.close()``); a logging filter for
    ``distributed.worker.state_machine``, whose other records it lets through."""
    return not record.getMessage().endswith("ended with CancelledError")


class LoadPipelines(WorkerPlugin):
    """Loads the pipelines as each worker starts (or joins later), so the first task does not pay
    for it and a worker that cannot load them fails at once, saying why; and keeps the worker
    from printing a warning per running task when it is stopped (:func:`not_a_cancel_on_close`).

    model / models: as the ``--model`` and ``--models`` options (None: the worker's settings)."""

    def __init__(self, model: str | None, models: str | None) -> None:
        self.model, self.models = model, models

    def setup(self, worker) -> None:
        """Load the pipelines in this worker's process (``worker``: the Dask worker, unused)."""
        from ..nlp import load_pipelines  # spaCy imported on the worker only

        cancels = logging.getLogger("distributed.worker.state_machine")
        if not_a_cancel_on_close not in cancels.filters:
            cancels.addFilter(not_a_cancel_on_close)
        load_pipelines(self.model, self.models)  # each model cached by load_model, once per process


def extract_part(articles: Sequence[Article], folder: str, *, model: str | None, models: str | None,
                 batch_size: int, digest: str) -> dict[str, Any]:
    """Extract ``articles`` with the worker's pipelines and write their rows to the part folder
    ``folder`` (:func:`components.store.parts.write_part`); returns the part's marker: ``digest``
    (of the article ids, :func:`components.store.parts.ids_digest`), ``articles``, the pipeline
    ``versions`` used and ``not_analysed`` (language → articles no pipeline analysed)."""
    from ..extraction import count_not_analysed, extract_articles
    from ..nlp import load_pipelines
    from ..store.parts import write_part

    nlp = load_pipelines(model, models)
    extractions = list(extract_articles(articles, nlp=nlp, batch_size=batch_size))
    not_analysed = count_not_analysed(nlp, extractions)
    meta = {"digest": digest, "articles": len(extractions), "not_analysed": not_analysed,
            "versions": sorted({ex.pipeline_version for ex in extractions})}
    write_part(folder, extractions, meta)
    return meta
