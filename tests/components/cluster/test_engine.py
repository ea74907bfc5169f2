"""The Dask engine against the local one: the same store, row for row, on the sample corpus (plus
duplicates and unreadable files); a re-run sends nothing to the workers; a crash after a part was
written and before it was stored is made good by the next run; the store stays readable while
a Dask ingest writes. Unit tests run an in-process cluster (one worker thread); one test starts a
real LocalCluster of two worker processes."""
from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest

from components import corpus
from components.cluster import dask_client, ingest_dask, run_folder
from components.cluster.worker import PLUGIN_NAME, LoadPipelines
from components.ingest import count_bytes
from components.nlp import load_pipelines
from components.store import Store, StoreError
from components.store.schema import ARTICLE_ROW_TABLES, TABLES
from tests.components.store.test_store import run_python
from tests.conftest import ROOT

#: Columns that differ between two runs of the same ingest (times, run ids, and the article
#: numbers, given in the order batches are stored), left out of comparisons.
VOLATILE = {"articles": "first_ingested, first_run_id, extracted_at, seq",
            "ingest_runs": "run_id, started_at, finished_at", "ingest_problems": "run_id, logged_at",
            **{table: "article_seq" for table in (*ARTICLE_ROW_TABLES, "article_places")}}


def rows(store: Store) -> dict[str, str]:
    """Every table's content but its volatile columns (and ``meta``'s times), as sorted text."""
    out = {}
    for table in TABLES:
        columns = f"* EXCLUDE ({VOLATILE[table]})" if table in VOLATILE else "*"
        where = (" WHERE key NOT IN ('created_at', 'actors_built_at', 'counts_seq', 'search_generation')"
                 if table == "meta" else "")  # (search_generation: a random token per write)
        out[table] = store.query(f"SELECT {columns} FROM {table}{where} ORDER BY ALL", limit=100_000).to_csv(index=False)
    return out


def numbered_alike(store: Store) -> bool:
    """Whether every article has its own number and each of its rows carries that number."""
    unique = store.query("SELECT count(DISTINCT seq) = count(*) AND count(seq) = count(*) AS ok FROM articles")
    stray = sum(int(store.query(f"SELECT count(*) AS n FROM {t} x LEFT JOIN articles a ON a.id = x.article_id"
                                " WHERE x.article_seq IS DISTINCT FROM a.seq")["n"].iloc[0]) for t in ARTICLE_ROW_TABLES)
    return bool(unique["ok"].iloc[0]) and stray == 0


def corpus_rows(store: Store | dict[str, str]) -> dict[str, str]:
    """:func:`rows` but the logs (``ingest_runs``, ``ingest_problems``), which every run adds to."""
    found = rows(store) if isinstance(store, Store) else store
    return {t: text for t, text in found.items() if not t.startswith("ingest_")}


@pytest.fixture(scope="module")
def client():
    """A Dask cluster in this process: one worker, one thread (the model loaded once, shared)."""
    with dask_client(workers=1, processes=False) as c:
        yield c


class Counting:
    """A client that counts the tasks sent through it."""

    def __init__(self, client) -> None:
        self.client, self.submitted = client, 0

    def submit(self, *args, **kwargs):
        self.submitted += 1
        return self.client.submit(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.client, name)


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """The sample corpus (data/seed, data/demo), then a folder holding a copy of a demo story (a
    duplicate read partitions later) and an unreadable file, then a path that does not exist."""
    extra = tmp_path / "extra"
    extra.mkdir()
    first = sorted((ROOT / "data" / "demo").glob("*.txt"))[0]
    shutil.copy(first, extra / "copy-of-first.txt")
    (extra / "broken.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00binary")
    return [str(ROOT / "data" / "seed"), str(ROOT / "data" / "demo"), str(extra), str(tmp_path / "missing.txt")]


@pytest.fixture
def local_rows(inputs, tmp_path, pipelines) -> dict[str, str]:
    store = Store(tmp_path / "local.duckdb")
    corpus.ingest(inputs, store=store, nlp=pipelines, commit_every=8)
    return rows(store)


def test_the_dask_engine_stores_what_the_local_engine_stores(client, inputs, local_rows, tmp_path):
    store = Store(tmp_path / "dask.duckdb")
    seen: list[tuple[int, int]] = []
    report = ingest_dask(inputs, store=store, client=client, partition_size=8,
                         progress=lambda n, at: seen.append((n, at)))
    assert rows(store) == local_rows and numbered_alike(store)
    assert (report.added, report.duplicates) == (41, 1)
    # the CLI's bar: through the inputs' bytes as partitions are stored, to the last byte
    assert sum(n for n, _ in seen) == report.articles and len(seen) == 6
    assert [at for _, at in seen] == sorted(at for _, at in seen) and seen[-1][1] == count_bytes(inputs) > 0
    assert sorted(Path(p.origin).name for p in report.problems) == ["broken.txt", "missing.txt"]
    assert not Path(f"{store.path}.parts").exists()  # every part stored, then removed


def test_a_rerun_sends_nothing_to_the_workers(client, inputs, tmp_path):
    store = Store(tmp_path / "dask.duckdb")
    ingest_dask(inputs, store=store, client=client, partition_size=8)
    before = rows(store)
    counting = Counting(client)
    report = ingest_dask(inputs, store=store, client=counting, partition_size=8)
    assert counting.submitted == 0
    assert (report.added, report.reextracted, report.unchanged) == (0, 0, 41)
    assert corpus_rows(store) == corpus_rows(before)


def test_a_part_written_but_not_stored_is_stored_by_the_next_run(client, inputs, local_rows, tmp_path, monkeypatch):
    store = Store(tmp_path / "dask.duckdb")
    real = Store.load_part
    calls = []

    def crash_on_the_last(self, folder, **kw):  # 41 fresh articles by 8: the 6th partition is the last
        calls.append(folder)
        if Path(folder).name == "part-00005":
            raise KeyboardInterrupt("killed while storing")
        return real(self, folder, **kw)

    monkeypatch.setattr(Store, "load_part", crash_on_the_last)
    with pytest.raises(KeyboardInterrupt):
        ingest_dask(inputs, store=store, client=client, partition_size=8)
    folder = run_folder(store, inputs, load_pipelines(), 8)
    assert [p.name for p in folder.iterdir()] == ["part-00005"]
    assert store.summary()["articles"] == 40  # 5 partitions stored, the 6th (1 article) written only
    monkeypatch.setattr(Store, "load_part", real)
    counting = Counting(client)
    report = ingest_dask(inputs, store=store, client=counting, partition_size=8)
    assert counting.submitted == 0 and report.added == 1
    assert corpus_rows(store) == corpus_rows(local_rows)
    assert not folder.exists()



def test_a_dask_reextract_stores_what_the_local_one_stores(client, inputs, pipelines, tmp_path, monkeypatch):
    from components.nlp import version as nlp_version
    from components.cluster import reextract_dask

    local, dask = Store(tmp_path / "local.duckdb"), Store(tmp_path / "dask.duckdb")
    for store in (local, dask):
        corpus.ingest(inputs, store=store, nlp=pipelines, commit_every=8)
    monkeypatch.setattr(nlp_version, "rules_hash", lambda: "0123456789ab")  # as after an upgrade
    totals, steps = [], []
    assert corpus.reextract(store=local, nlp=pipelines) == 41
    assert reextract_dask(store=dask, client=client, partition_size=8, total=totals.append,
                          progress=steps.append) == 41
    assert corpus_rows(dask) == corpus_rows(local) and numbered_alike(dask)
    assert all(v.endswith("+rules-0123456789ab") for v in dask.query("SELECT DISTINCT pipeline_version AS v FROM articles")["v"])
    assert totals == [41] and steps == [8, 8, 8, 8, 8, 1]  # (the CLI's bar: its total known first)
    assert not Path(f"{dask.path}.parts").exists()  # every part stored, then removed
    counting = Counting(client)
    assert reextract_dask(store=dask, client=counting, partition_size=8) == 0 and counting.submitted == 0


def test_the_command_line_reextracts_on_a_cluster(inputs, pipelines, tmp_path, monkeypatch, capsys):
    import components.cluster
    from components.__main__ import main
    from components.nlp import version as nlp_version

    store = Store(tmp_path / "s.duckdb")
    corpus.ingest(inputs[:1], store=store, nlp=pipelines)
    monkeypatch.setattr(nlp_version, "rules_hash", lambda: "0123456789ab")  # as after an upgrade
    real = components.cluster.dask_client
    monkeypatch.setattr(components.cluster, "dask_client",  # (in this process: the rules' hash patched there too)
                        lambda scheduler, **kw: real(scheduler, **{**kw, "processes": False}))
    assert main(["reextract", "--db", str(store.path), "--engine", "dask", "-q"]) == 0
    n = store.summary()["articles"]
    assert f"{n} articles re-extracted" in capsys.readouterr().err
    assert main(["reextract", "--db", str(store.path), "--dashboard"]) == 2
    assert "--scheduler and --dashboard need --engine dask" in capsys.readouterr().err

READER = """
    import sys, time
    from pathlib import Path
    from components.store import Store
    store, stop = Store(sys.argv[1], timeout=30), Path(sys.argv[2])
    while not stop.exists():
        print(store.summary().get("articles", 0), flush=True)
        time.sleep(0.02)
"""


def test_the_store_answers_while_a_dask_ingest_writes(client, tmp_path):
    store = Store(tmp_path / "dask.duckdb")
    stop = tmp_path / "stop"
    reader = run_python(READER, str(store.path), str(stop), wait=False)
    try:
        assert reader.stdout.readline().strip() == "0"  # the reader is up before the ingest starts
        # (one partition in flight: each is stored before the next is parsed, so the store holds a
        # part of the corpus for a second or more whatever order the scheduler runs them in; with
        # all in flight a full CI run once saw only 0 and 40)
        ingest_dask([str(ROOT / "data" / "demo")], store=store, client=client, partition_size=8, in_flight=1)
        time.sleep(0.2)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    seen = [int(n) for n in out.split()]
    assert reader.returncode == 0, err
    assert any(0 < n < 40 for n in seen)  # answers came while the ingest was half-way
    assert all(n % 8 == 0 for n in seen) and seen == sorted(seen)  # whole partitions only


def listening_addresses() -> set[str]:
    """The addresses that this process and its children (the cluster's workers) listen on."""
    import os

    import psutil

    me = psutil.Process(os.getpid())
    return {c.laddr.ip for p in (me, *me.children(recursive=True)) for c in p.net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN}


def test_two_worker_processes_store_what_the_local_engine_stores(inputs, local_rows, tmp_path):
    store = Store(tmp_path / "dask.duckdb")
    with dask_client(workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        assert listening_addresses() == {"127.0.0.1"}  # scheduler, workers, HTTP: this machine only
        ingest_dask(inputs, store=store, client=client, partition_size=8)
    assert rows(store) == local_rows


def test_the_commands_own_worker_processes_leave_ctrl_c_to_the_command():
    """A terminal sends Ctrl-C to every process of the command: the local cluster's worker processes
    ignore it (the command answers it and closes the cluster), where each printed tracebacks."""
    import signal

    with dask_client(workers=1) as client:
        ignoring = client.run(lambda: signal.getsignal(signal.SIGINT) is signal.SIG_IGN)
    assert list(ignoring.values()) == [True]


def test_a_worker_that_cannot_write_its_parts_gets_an_error_that_says_what_to_do(client, tmp_path):
    store = Store(tmp_path / "dask.duckdb")
    Path(f"{store.path}.parts").write_text("not a folder")  # as a path the workers cannot write to
    with pytest.raises(StoreError, match="a disk every worker sees under the same path"):
        ingest_dask([str(ROOT / "data" / "seed")], store=store, client=client)


def test_a_worker_stopped_mid_task_logs_no_warning_per_cancelled_task_and_keeps_the_others(client):
    # (Ctrl-C closes the workers while tasks run: Dask warned once per task, in every worker)
    client.register_plugin(LoadPipelines(None, None), name=PLUGIN_NAME)  # (its workers run in this process)
    log = logging.getLogger("distributed.worker.state_machine")
    seen: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: seen.append(record.getMessage())
    log.addHandler(handler)
    try:
        log.warning("Async instruction for <Task cancelled name=\"execute('run-part-00003')\"> ended with CancelledError")
        log.warning("Async instruction for <Task finished name=\"execute('run-part-00004')\"> ended with OSError")
    finally:
        log.removeHandler(handler)
    assert seen == ["Async instruction for <Task finished name=\"execute('run-part-00004')\"> ended with OSError"]


def test_an_interrupted_command_does_not_wait_for_the_task_its_worker_runs():
    """Ctrl-C (or an error) in the block closes the command's own cluster without waiting for the
    task each worker runs: Dask gave a busy worker 5 s to stop, which held the command that long."""
    with pytest.raises(KeyboardInterrupt):
        with dask_client(workers=1) as client:
            busy = client.submit(time.sleep, 60, pure=False)
            deadline = time.monotonic() + 60
            while not client.processing()[next(iter(client.scheduler_info()["workers"]))]:
                assert time.monotonic() < deadline, "the task never started"
                time.sleep(0.05)
            del busy
            pressed = time.monotonic()
            raise KeyboardInterrupt
    assert time.monotonic() - pressed < 3


def test_the_commands_own_workers_say_nothing_of_a_heartbeat_their_ending_scheduler_misses():
    """Stopped by Ctrl-C under load, a worker still closing found the command's scheduler gone and
    logged an error with a traceback after the "interrupted" line; other errors still show."""
    import threading

    from components.cluster.worker import dask_setup, not_a_lost_heartbeat

    log = logging.getLogger("distributed.worker")
    seen: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: seen.append(record.getMessage())
    setup = threading.Thread(target=dask_setup, args=(None,))  # (not the main thread: Ctrl-C left as it is)
    setup.start()
    setup.join()
    log.addHandler(handler)
    try:
        log.error("Failed to communicate with scheduler during heartbeat.")
        log.error("Compute Failed")
    finally:
        log.removeHandler(handler)
        log.removeFilter(not_a_lost_heartbeat)
    assert seen == ["Compute Failed"]
