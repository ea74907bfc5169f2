"""The Dask engine: ``python -m components ingest PATH… --engine dask`` (and ``reextract --engine
dask``) parses on a Dask cluster
(a ``LocalCluster`` of worker processes on this machine, or a running ``dask scheduler`` with
``dask worker`` processes on other machines) and stores the same rows as the local engine
(:func:`components.corpus.ingest`).

:mod:`.worker` is what runs on a worker (the pipelines loaded once per worker by a plugin, one
partition extracted into a part folder); :mod:`.engine` is the client side (inputs read as a
stream, partitions sent out, parts loaded into the store in order); :func:`dask_client` starts or
joins the cluster."""
from __future__ import annotations

import asyncio
import logging
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Iterator

from ..settings import SettingError
from .engine import ingest_dask, reextract_dask, run_folder

if TYPE_CHECKING:  # (distributed is an optional group, imported where a cluster starts)
    import distributed

__all__ = ["ClusterUnreachable", "dask_client", "ingest_dask", "reextract_dask", "run_folder", "DASHBOARD_ADDRESS"]


class ClusterUnreachable(SettingError):
    """No Dask scheduler answers at the address given (``--scheduler``); the message says what to do."""


#: Where a LocalCluster's dashboard listens when asked for (``--dashboard``): this machine only.
DASHBOARD_ADDRESS = "127.0.0.1:8787"


#: Run by each worker process of the command's own LocalCluster as it starts (Dask's worker
#: ``preload``): :func:`components.cluster.worker.dask_setup`.
LOCAL_PRELOAD = "components.cluster.worker"
#: Seconds each worker of the command's own LocalCluster is given to stop when the command is
#: interrupted (Ctrl-C, or an error) before its process is killed: the task it runs is not wanted
#: (its part is written whole or not at all). Dask's own, 5 s, held the command that long.
STOP_NOW_S = 0.5


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = 1, dashboard: bool = False,
                processes: bool = True, connect_timeout: float = 10.0) -> Iterator["distributed.Client"]:
    """A ``distributed.Client`` for the block, closed afterwards.

    scheduler: the address of a running scheduler (``tcp://host:8786``); None starts a
        ``LocalCluster`` of ``workers`` workers (one thread each; processes unless ``processes``
        is False, as in tests), listening on 127.0.0.1 only, and stops it afterwards.
        Raises :class:`ClusterUnreachable` when no scheduler answers within ``connect_timeout`` seconds.
    dashboard: serve Dask's dashboard at :data:`DASHBOARD_ADDRESS` (LocalCluster only; a
        running scheduler serves its own). Off by default."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=connect_timeout)
        except (OSError, TimeoutError) as err:
            raise ClusterUnreachable(
                f"no Dask scheduler answers at {scheduler} ({err}): start one with `dask scheduler` "
                "(and workers with `dask worker ADDRESS`), or check the address") from err
        with client:
            yield client
        return
    # Without processes the comms are in-process (no host to give), but each worker's HTTP server
    # would then listen on every interface: it gets a free port of 127.0.0.1 instead.
    where = {"host": "127.0.0.1"} if processes else {"worker_dashboard_address": "127.0.0.1:0"}
    # A worker busy closing spaCy and DuckDB for more than 4 s is killed, with a warning per worker
    # that says nothing to a user: keep the nanny's warnings for errors.
    logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
    # Without a dashboard the scheduler still serves a few HTTP routes (health, metrics): on a free
    # port of 127.0.0.1, never on 8787 (where another cluster's dashboard may be) nor on every interface.
    http = {"dashboard_address": DASHBOARD_ADDRESS} if dashboard else \
        {"dashboard_address": None, "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"}}
    # (its worker processes, the command's own, leave Ctrl-C to the command: LOCAL_PRELOAD)
    # (entered first, left last: loggers quieted by a stop stay quiet until the cluster is closed)
    with ExitStack() as quiet, LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=processes, **where, **http,
            preload=[LOCAL_PRELOAD] if processes else []) as cluster, Client(cluster) as client:
        try:
            yield client
        except BaseException:  # (Ctrl-C or an error: the tasks running are not waited for)
            quiet.enter_context(_quieted("distributed.scheduler", "asyncio"))
            _stop_workers_now(cluster)
            raise


@contextmanager
def _quieted(*names: str) -> Iterator[None]:
    """Within the block, the loggers ``names`` print nothing below CRITICAL: the scheduler's
    messages still on their way to workers stopped at once fail, each logged by Dask and its unread
    error by asyncio, none of which says anything to the user of a command that is ending."""
    before = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def _stop_workers_now(cluster: "distributed.LocalCluster") -> None:
    """Close every worker of ``cluster`` (Nanny or Worker objects on its event loop), each given
    :data:`STOP_NOW_S` seconds to stop before its process is killed; the cluster itself is closed
    afterwards as usual, finding them gone. A failure here leaves that close to Dask."""
    async def close_all() -> None:
        await asyncio.gather(*(worker.close(timeout=STOP_NOW_S, reason="interrupted")
                               for worker in list(cluster.workers.values())), return_exceptions=True)

    try:
        cluster.sync(close_all)
    except Exception:  # noqa: BLE001 - Dask's own close still runs
        pass
