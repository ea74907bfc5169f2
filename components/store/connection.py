"""The store's connection to DuckDB: attaching the store file, and waiting while another process holds it.

Every process keeps one in-memory DuckDB connection (the *host*, see :class:`_Host`) and serialises
its store calls through the host's lock. :func:`attached` attaches a store file to it for one read
or write, retrying with backoff while another process holds the file; a writer that has to wait
leaves an *intent file* (:func:`_intent_path`) that makes readers hold back briefly. Inside
:func:`holding` (a dashboard page run) a file attached for reading stays attached between
statements, until the scope ends, a write comes, or a writer asks for the file. The error
messages for a locked file, a folder and a file that is not a DuckDB database are made here too.
"""
from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from .. import settings

#: DuckDB settings of the host connection: never download or auto-load an extension. Its memory
#: (the ``store_memory_mb`` setting) is added as it is made (:func:`host_config`).
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

#: Name under which the store file is attached to the host connection.
ALIAS = "dateline_store"
#: Longest pause between two attempts to get a locked file, in seconds.
MAX_BACKOFF = 0.1
#: Readers hold back while a waiting writer's intent file is younger than this (seconds) …
INTENT_FRESH = 1.0
#: … but never longer than this (seconds), so a writer that died does not stall readers.
YIELD_MAX = 1.0
_LOCK_MESSAGE = "Could not set lock on file"


def host_config() -> dict[str, str | bool]:
    """:data:`DUCKDB_CONFIG` with the memory DuckDB may hold (``memory_limit``: the
    ``store_memory_mb`` setting; DuckDB's own default is 80% of the machine's memory, which a
    store's pages fill as it grows) and where it spills past it (a folder of this process in the
    system's temporary folder, made only if it spills; DuckDB's default is ``.tmp`` in the
    current folder)."""
    spill = Path(tempfile.gettempdir()) / f"{SPILL_PREFIX}{os.getpid()}"
    return {**DUCKDB_CONFIG, "memory_limit": f"{settings.get('store_memory_mb')}MB", "temp_directory": str(spill)}


#: The name of a process's spill folder (:func:`host_config`), before its process id.
SPILL_PREFIX = "dateline-duckdb-"


def sweep_spills(folder: Path | None = None) -> list[Path]:
    """Delete the spill folders in ``folder`` (the system's temporary folder by default) of
    Dateline processes that no longer run: DuckDB deletes what it spilled as a statement ends but
    leaves the folder, and a process killed mid-statement leaves its files (possibly gigabytes).
    Those of running processes, or of any this user may not signal, stay. Returns those deleted."""
    gone = []
    for path in Path(folder or tempfile.gettempdir()).glob(f"{SPILL_PREFIX}*"):
        pid = path.name[len(SPILL_PREFIX):]
        try:
            if pid.isdigit() and int(pid) != os.getpid() and path.is_dir():
                os.kill(int(pid), 0)  # (raises ProcessLookupError when no process has that number)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
            gone.append(path)
        except (OSError, OverflowError):  # (another user's process, or a number too large for a pid)
            pass
    return gone


class StoreError(RuntimeError):
    """Anything the store cannot do; the message says what went wrong and what to do."""


class StoreLocked(StoreError):
    """The store file stayed locked by another process for longer than the timeout."""


class StoreOutdated(StoreError):
    """The store was written by an older Dateline: :meth:`Store.migrate
    <components.store.Store.migrate>` (``python -m components upgrade``) upgrades it."""


# --- the process's host connection -------------------------------------------------------------

class _Host:
    """One in-memory DuckDB connection per process and the lock that serialises its use."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.busy = False  # a store is attached (by the thread holding the lock)
        self.kept: dict[str, tuple] = {}  # its kept tables (see components.store.kept): name → stamp
        self.holders = 0  # open holding() scopes (of any thread)
        self.held: str | None = None  # the target left attached read-only for them, if any
        self._con: duckdb.DuckDBPyConnection | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection (created on first use); call with ``lock`` held."""
        if self._con is None:
            sweep_spills()  # (what a killed process spilled)
            self._con = duckdb.connect(":memory:", config=host_config())
        return self._con


_host = _Host()


def kept_tables() -> dict[str, tuple]:
    """The host connection's record of its kept tables (:func:`components.store.kept.use_kept`);
    use it with the host's lock held (inside :func:`attached`)."""
    return _host.kept


def drop_kept_tables() -> None:
    """Drop every kept table of the process (:mod:`components.store.kept`), so that the next
    statements compute their sets anew: for a benchmark timing a Filter's first statements (the
    app never needs it: a write makes them stale by itself)."""
    with _host.lock:
        for name in list(_host.kept):
            _exec(_host.connection(), f"DROP TABLE IF EXISTS temp.main.{name}")
        _host.kept.clear()


#: In a forked child, the parent's host, never freed: freeing the parent's DuckDB connection stops
#: its threads, which the child does not have (a crash).
_parents: list[_Host] = []


def _reset_after_fork() -> None:
    """In a forked child: a host of its own (its lock may have been held by another thread)."""
    global _host
    _parents.append(_host)
    _host = _Host()


os.register_at_fork(after_in_child=_reset_after_fork)


# --- attaching the store file, waiting while another process holds it -------------------------

@contextmanager
def attached(path: Path, target: str, *, read_only: bool,
             timeout: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """Attach ``target`` (``str(path)``, the store file, or ``:memory:``) as the default database
    of the host connection and detach it afterwards; ``timeout`` as for :func:`_attach`. DuckDB
    errors raised inside come out as StoreError."""
    con, host = _attach(path, target, read_only=read_only, timeout=timeout)
    try:
        _exec(con, f"USE {ALIAS}")
        yield con
    except duckdb.OutOfMemoryException as e:
        setting = settings.SETTINGS["store_memory_mb"]
        said = str(e).splitlines()[0]  # (not DuckDB's advice to SET memory_limit, which users cannot)
        raise StoreError(f"{target}: {said} — the store may hold {setting.value():,} MB of memory: allow it more with "
                         f"{setting.env_var} (such as {setting.env_var}={2 * setting.value()})") from e
    except duckdb.Error as e:
        raise StoreError(f"{target}: {e}") from e
    finally:
        try:
            if host.held != target:
                _detach(con)
        finally:
            host.busy = False
            host.lock.release()


@contextmanager
def holding() -> Iterator[None]:
    """Within this scope (of any thread) a store file attached for reading stays attached
    between statements, saving the ~4 ms of attaching and detaching it for each one: for a
    burst of reads such as a dashboard page run. A write, a read of another file, or a writer of
    another process asking for the file (its intent file) detaches it; the last scope to end
    does too, so the file is held no longer than the burst."""
    with _host.lock:
        _host.holders += 1
    try:
        yield
    finally:
        with _host.lock:
            _host.holders -= 1
            if not _host.holders:
                _let_go(_host)


def _let_go(host: _Host) -> None:
    """Detach the file a :func:`holding` scope kept attached, if any and no store call is using
    it; call with ``lock`` held. A failed detach is left to the next attach (which detaches first)."""
    if host.held is not None and not host.busy:
        host.held = None
        try:
            _detach(host.connection())
        except duckdb.Error:
            pass


def _attach(path: Path, target: str, *, read_only: bool,
            timeout: float) -> tuple[duckdb.DuckDBPyConnection, _Host]:
    """Attach ``target``, retrying with backoff while another process holds the file, up to
    ``timeout`` seconds. Returns the host connection and its host, whose lock the caller must release.

    A writer that finds the file locked says so in an intent file (see :func:`_intent_path`);
    readers about to start wait (briefly) while it is fresh, so that an app that reads
    continuously cannot starve an ingest."""
    deadline = time.monotonic() + timeout
    on_disk = target != ":memory:"
    if on_disk and path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file: give the path of a .duckdb file "
                         f"(for example {path / 'dateline.duckdb'})")
    intent = _intent_path(path) if on_disk and not read_only else None
    if on_disk and read_only:
        wanted = _intent_path(path)
        if _host.held is not None and _intent_age(wanted) <= INTENT_FRESH:
            with _host.lock:  # a writer waits for this file: let go of it while yielding
                _let_go(_host)
        _yield_to_writer(wanted, deadline)
    sql = f"ATTACH $target AS {ALIAS}" + (" (READ_ONLY)" if read_only else "")
    delay, signalled = 0.005, False
    try:
        while True:
            host = _host
            host.lock.acquire()
            if host.busy:  # the RLock let this thread in again: a store call inside another
                host.lock.release()
                raise StoreError("a store call was made while another one of this thread was "
                                 "still reading or writing; finish that one first")
            try:
                con = _attach_now(host, target, sql, keep=read_only and on_disk)
                host.busy = True
                return con, host
            except duckdb.IOException as e:
                host.lock.release()
                if _LOCK_MESSAGE not in str(e):
                    raise _open_error(target, e) from e
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise StoreLocked(_locked_message(target, timeout, e)) from e
                if intent is not None:
                    intent.touch()
                    signalled = True
                time.sleep(min(remaining, delay * random.uniform(0.5, 1.5)))
                delay = min(delay * 2, MAX_BACKOFF)
            except duckdb.Error as e:
                host.lock.release()
                raise StoreError(f"cannot open the store {target}: {e}") from e
            except BaseException:
                host.lock.release()
                raise
    finally:
        if signalled:
            intent.unlink(missing_ok=True)


def _attach_now(host: _Host, target: str, sql: str, *, keep: bool) -> duckdb.DuckDBPyConnection:
    """Attach ``target`` with ``sql`` to the host connection (``lock`` held), unless a
    :func:`holding` scope kept it attached; ``keep``: a read of a file, which such a scope keeps."""
    con = host.connection()
    if keep and host.held == target:
        return con
    if host.held is not None:  # another file, or a write: let go of the held one
        host.held = None
        _detach(con)
    _exec(con, f"DETACH DATABASE IF EXISTS {ALIAS}")  # left by a failed detach
    _exec(con, sql, {"target": target})
    if keep and host.holders:
        host.held = target
    return con


def _intent_path(path: Path) -> Path:
    """The file by which a writer waiting for ``path`` asks readers to hold back: in the temp
    folder (not next to the store), named after a hash of the store's resolved path."""
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"dateline-{digest}.write-wanted"


def _yield_to_writer(intent: Path, deadline: float) -> None:
    """Wait while a writer's intent file is fresh, for at most ``YIELD_MAX`` seconds (and never
    past ``deadline``); costs one ``stat`` when no writer is waiting."""
    until = min(deadline, time.monotonic() + YIELD_MAX)
    while time.monotonic() < until:
        if _intent_age(intent) > INTENT_FRESH:
            return
        time.sleep(0.005)


def _intent_age(intent: Path) -> float:
    """Seconds since a writer last touched ``intent`` (infinite when there is none)."""
    try:
        return time.time() - intent.stat().st_mtime
    except OSError:
        return float("inf")


def stopped_by_ctrl_c(err: BaseException) -> bool:
    """Whether ``err`` is Ctrl-C: a KeyboardInterrupt, or what DuckDB raises instead when SIGINT
    arrives while one of its statements runs (a RuntimeError "Query interrupted"; a statement
    stopped by its time limit raises ``duckdb.InterruptException``)."""
    return isinstance(err, KeyboardInterrupt) or (type(err) is RuntimeError and str(err) == "Query interrupted")


def _exec(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | dict | None = None) -> list[tuple]:
    """Run one statement and return all its rows (so no result is left open on the host)."""
    return con.execute(sql, params).fetchall()


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if any (a failed COMMIT may have ended it already)."""
    try:
        _exec(con, "ROLLBACK")
    except duckdb.Error:
        pass


def _detach(con: duckdb.DuckDBPyConnection) -> None:
    """Detach the store from the host connection (which releases the file lock)."""
    try:
        _exec(con, "USE memory")
    except duckdb.Error:  # e.g. an aborted transaction still open
        _rollback(con)
        _exec(con, "USE memory")
    _exec(con, f"DETACH {ALIAS}")


def no_store_yet(path: object) -> str:
    """What to say of a store path where nothing is stored yet, and what to do."""
    return f"{path}: no store yet (run `python -m components ingest PATH --db {path}`)"


def _open_error(target: str, error: Exception) -> StoreError:
    """The StoreError for a file DuckDB cannot open (other than a lock held elsewhere)."""
    if "not a valid DuckDB database file" in str(error):
        return StoreError(f"{target} is not a DuckDB file, so it cannot be a Dateline store: give the path "
                          "of a store (a .duckdb file written by Dateline) or of a new file to create one")
    return StoreError(f"cannot open the store {target}: {error}")


def _locked_message(target: str, timeout: float, error: Exception) -> str:
    holder = re.search(r"held in (.*?\(PID \d+\))", str(error))
    who = f" by {holder.group(1)}" if holder else ""
    return (f"the store {target} is locked{who} and stayed locked for {timeout:g} s. A Dateline "
            "ingest holds it only for a moment per batch, so another program (a DuckDB shell, a "
            "notebook, a database browser) probably keeps a connection open: close that connection "
            "(or read a Parquet export instead), or allow a longer timeout.")

