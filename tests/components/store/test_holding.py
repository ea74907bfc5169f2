"""Tests of components.store.holding: a burst of reads (a dashboard page run) keeps the store file
attached between statements, and still lets writers in: a write of this process, the end of the
burst, and a writer of another process that asks for the file. Extractions are built by hand."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from components.store import Store, connection, holding
from tests.components.store.test_store import make_extraction, run_python


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "held.duckdb", timeout=10)
    s.write([make_extraction()])
    return s


@pytest.fixture
def attaches(monkeypatch) -> list[str]:
    """The ATTACH statements the host connection runs from now on."""
    seen: list[str] = []
    real = connection._exec

    def counting(con, sql, params=None):
        if sql.startswith("ATTACH"):
            seen.append(sql)
        return real(con, sql, params)

    monkeypatch.setattr(connection, "_exec", counting)
    return seen


def articles(store: Store) -> int:
    return int(store.query("SELECT count(*) AS n FROM articles")["n"].iloc[0])


def test_reads_in_a_burst_attach_the_file_once_and_each_read_alone_attaches_it_again(store: Store, attaches):
    with holding():
        assert [articles(store) for _ in range(5)] == [1] * 5
    assert len(attaches) == 1
    attaches.clear()
    for _ in range(3):
        articles(store)
    assert len(attaches) == 3


def test_a_write_inside_a_burst_is_seen_by_its_next_read(store: Store):
    with holding():
        assert articles(store) == 1
        store.write([make_extraction("Other Person")])
        assert articles(store) == 2
        with holding():  # nested scopes (two page runs at once) share the attachment
            assert articles(store) == 2
        assert articles(store) == 2


def test_another_store_read_inside_a_burst_reads_that_store(store: Store, tmp_path: Path):
    other = Store(tmp_path / "other.duckdb", timeout=10)
    other.write([make_extraction(), make_extraction("Other Person")])
    with holding():
        assert (articles(store), articles(other), articles(store)) == (1, 2, 1)


WRITER = """
    import sys
    from components.store import Store
    from tests.components.store.test_store import make_extraction
    Store(sys.argv[1], timeout=float(sys.argv[2])).write([make_extraction("Late Writer")])
    print("written", flush=True)
"""


def test_the_file_is_free_for_another_process_once_the_burst_ends(store: Store):
    with holding():
        articles(store)
    done = run_python(WRITER, str(store.path), "0.5")
    assert done.returncode == 0, done.stderr
    assert articles(store) == 2


def test_a_writer_of_another_process_gets_the_file_while_a_burst_goes_on_reading(store: Store):
    """The writer waits at most 3 s; the burst reads for up to 20 s. Without letting go of the
    file when a writer asks for it, the writer would time out."""
    with holding():
        articles(store)
        writer = run_python(WRITER, str(store.path), "3", wait=False)
        deadline = time.monotonic() + 20
        while writer.poll() is None and time.monotonic() < deadline:
            articles(store)
            time.sleep(0.01)
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert out.strip() == "written"
        assert articles(store) == 2



def test_a_process_that_has_read_the_store_can_start_a_subprocess_with_a_preexec_fn(store):
    """A child forked by a process that has read the store (a subprocess's ``preexec_fn``, as a
    test starting a command with its own Ctrl-C does; ``multiprocessing``'s fork) gets a host
    connection of its own; the parent's, whose threads the child does not have, is left alone
    (freeing it there crashed the child before it ran the command)."""
    out = run_python("""
        import signal, subprocess, sys
        from components.store import Store
        assert Store(sys.argv[1]).summary()["articles"] == 1
        child = subprocess.run([sys.executable, "-c", "print('ran')"], capture_output=True, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        print(child.returncode, child.stdout.strip())
        """, str(store.path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0 ran", out.stderr
