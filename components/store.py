"""The store: one DuckDB file that holds the corpus, and the only module that talks to DuckDB.

The tables (``articles``, ``entities``, ``places``, ``quotes``, ``actors``, …) are an interface for
analysts too; ``docs/store.md`` documents every column, :mod:`components.store_schema` creates them.

Concurrency. A process holding a DuckDB file open read-write locks it against every other process,
readers included, and a reader locks out writers. So nothing here keeps the file open: each call
attaches it for as long as it needs and detaches it again. A write is one batch in one transaction
(the NLP work happens before, outside the lock), so an ingest holds the lock for milliseconds per
batch and the app, reading between batches, keeps working. Both sides retry with backoff while the
file is locked by another process, up to ``timeout`` seconds, then raise :class:`StoreLocked`.

Every process keeps one in-memory DuckDB connection (the *host*; starting a DuckDB instance costs
~20 ms, attaching a file ~1 ms) and serialises its store calls through one lock, so threads of the
app never meet DuckDB's "same file, different configuration" error. Extensions are never installed
or auto-loaded: the store uses only what the wheel carries (parquet, json), so it works offline.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from . import settings
from .ingest.dates import WINDOW, in_window
from .records import Article, Extraction, Problem
from .store_schema import MIGRATIONS, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    import pandas

#: DuckDB settings of the host connection: never download or auto-load an extension.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: Name under which the store file is attached to the host connection.
ALIAS = "dateline_store"
#: Articles fetched per read while :meth:`Store.stale_articles` iterates.
STALE_CHUNK = 256
#: Longest pause between two attempts to get a locked file, in seconds.
MAX_BACKOFF = 0.1
#: Readers hold back while a waiting writer's intent file is younger than this (seconds) …
INTENT_FRESH = 1.0
#: … but never longer than this (seconds), so a writer that died does not stall readers.
YIELD_MAX = 1.0
_LOCK_MESSAGE = "Could not set lock on file"


class StoreError(RuntimeError):
    """Anything the store cannot do; the message says what went wrong and what to do."""


class StoreLocked(StoreError):
    """The store file stayed locked by another process for longer than the timeout."""


# --- the process's host connection -------------------------------------------------------------

class _Host:
    """One in-memory DuckDB connection per process and the lock that serialises its use."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.busy = False  # a store is attached (by the thread holding the lock)
        self._con: duckdb.DuckDBPyConnection | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection (created on first use); call with ``lock`` held."""
        if self._con is None:
            self._con = duckdb.connect(":memory:", config=DUCKDB_CONFIG)
        return self._con


_host = _Host()


def _reset_after_fork() -> None:
    global _host
    _host = _Host()


os.register_at_fork(after_in_child=_reset_after_fork)


def _utcnow() -> datetime:
    """Now in UTC, without time zone (the store's TIMESTAMP columns are UTC)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- the store ----------------------------------------------------------------------------------

class Store:
    """A DuckDB file holding articles, their extractions, corpus-level actors and ingest logs.

    path: the DuckDB file; None means the ``db`` setting (``data/dateline.duckdb``). The file and
        its tables are created on the first write; reading a store that does not exist returns
        empty results and never creates it.
    timeout: seconds to keep retrying while another process holds the file, before
        :class:`StoreLocked` is raised.
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0) -> None:
        self.path = Path(path if path is not None else settings.get("db")).expanduser().resolve()
        self.timeout = float(timeout)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def exists(self) -> bool:
        """Whether the store file exists (it is created by the first write)."""
        return self.path.exists()

    # --- reads ---

    def summary(self) -> dict[str, int]:
        """Row count per table, in schema order; ``{}`` for a store that does not exist yet."""
        if not self.exists:
            return {}
        sql = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in TABLES)
        with self._reading() as con:
            counts = dict(_exec(con, sql))
        return {t: counts[t] for t in TABLES}

    def meta(self) -> dict[str, str]:
        """The ``meta`` table as a dict (``schema_version``, ``created_at``, ``actors_built_at``,
        ``actors_stale``; see docs/store.md); ``{}`` for a store that does not exist yet."""
        if not self.exists:
            return {}
        with self._reading() as con:
            return dict(_exec(con, "SELECT key, value FROM meta ORDER BY key"))

    def actors_stale(self) -> bool:
        """Whether the corpus-level ``actors`` and ``actor_aliases`` tables lag behind ``entities``:
        extractions were written since the last :meth:`rebuild_actors` (an ingest that stopped
        before its rebuild, e.g. killed), or — in a store written before this flag existed —
        entities are stored but actors were never built."""
        if not self.exists:
            return False
        with self._reading() as con:
            keys = {r[0] for r in _exec(con, "SELECT key FROM meta WHERE key IN ('actors_stale', 'actors_built_at')")}
            if "actors_stale" in keys:
                return True
            return "actors_built_at" not in keys and bool(_exec(con, "SELECT EXISTS (SELECT 1 FROM entities)")[0][0])

    def check(self) -> None:
        """Raise StoreError (saying what to do) if ``path`` cannot be used as a Dateline store: it
        is a folder, a file that is not a DuckDB database, another program's DuckDB database, or a
        store from a newer Dateline. A path where nothing exists yet is fine (the first write
        creates it), and so is a store of an older schema version (the first write upgrades it)."""
        if not self.exists:
            return
        with self._attached(str(self.path), read_only=True) as con:
            version = _schema_version(con, self.path)
            if version is not None:
                _check_version(version, self.path, writing=True)

    def query(self, sql: str, params: Sequence | dict = (), *, limit: int = 10_000,
              time_limit: float | None = 30.0) -> "pandas.DataFrame":
        """Run one read-only SQL statement against the store and return its rows as a DataFrame.

        sql: a statement over the tables documented in docs/store.md, with ``?``/``$1`` or
            ``$name`` placeholders for values (never format values into the SQL).
        params: the placeholders' values: a sequence for positional, a dict for named ones.
        limit: at most this many rows come back; ``frame.attrs["truncated"]`` is True when the
            statement had more (and ``frame.attrs["limit"]`` gives the cap).
        time_limit: seconds after which the statement is stopped (StoreError); None for no limit.
            While a query runs it holds the file, so a runaway one would block an ingest.
        Returns the frame (no rows, right columns, for a store that does not exist yet), typed as
        DuckDB's ``.df()`` types it: DATE and TIMESTAMP as datetime64, lists as arrays.
        Raises StoreError for bad SQL, a statement that tries to write, or one that runs too long.
        """
        if limit < 0:
            raise ValueError("limit must be >= 0")
        with self._reading() as con, _interrupt_after(con, time_limit):
            try:
                rel = con.sql(sql, params=params or None)
                frame = rel.limit(limit + 1).df() if rel is not None else None
            except duckdb.InterruptException as e:
                raise StoreError(f"the query ran longer than {time_limit:g} s and was stopped: narrow it "
                                 "down (filters, LIMIT, fewer joins) or allow a longer time_limit") from e
        if frame is None:
            import pandas
            frame = pandas.DataFrame()
        truncated = len(frame) > limit
        if truncated:
            frame = frame.iloc[:limit]
        frame.attrs.update(truncated=truncated, limit=limit)
        return frame

    def needs_extraction(self, article_ids: Sequence[str], pipeline_version: str) -> set[str]:
        """The ids in ``article_ids`` that are not stored yet, or stored without an extraction or
        with one from a pipeline version other than ``pipeline_version``."""
        wanted = set(article_ids)
        if not wanted or not self.exists:
            return wanted
        with self._reading() as con:
            done = _exec(
                con, "SELECT id FROM articles WHERE pipeline_version = $version"
                " AND id IN (SELECT unnest($ids::VARCHAR[]))",
                {"version": pipeline_version, "ids": sorted(wanted)})
        return wanted - {r[0] for r in done}

    def missing_articles(self, article_ids: Sequence[str]) -> set[str]:
        """The ids in ``article_ids`` that are not stored at all."""
        wanted = set(article_ids)
        if not wanted or not self.exists:
            return wanted
        with self._reading() as con:
            stored = _exec(con, "SELECT id FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))",
                           {"ids": sorted(wanted)})
        return wanted - {r[0] for r in stored}

    def stale_articles(self, pipeline_version: str) -> Iterator[Article]:
        """Stored articles whose extraction is missing or from another pipeline version, oldest
        ingest first. Articles are read a chunk at a time and the file is not held between chunks,
        so the caller may write extractions while it iterates."""
        if not self.exists:
            return
        with self._reading() as con:
            ids = [r[0] for r in _exec(
                con, "SELECT id FROM articles WHERE pipeline_version IS DISTINCT FROM $version"
                " ORDER BY first_ingested, id", {"version": pipeline_version})]
        for i in range(0, len(ids), STALE_CHUNK):
            chunk = ids[i:i + STALE_CHUNK]
            with self._reading() as con:
                rows = _exec(
                    con, "SELECT id, text, date, dateline, title, source, url, origins, source_id"
                    " FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))"
                    " ORDER BY first_ingested, id", {"ids": chunk})
            for id_, text, day, dateline, title, source, url, origins, source_id in rows:
                yield Article(id=id_, text=text, date=day.isoformat() if day else None,
                              dateline=tuple(dateline or ()), title=title, source=source, url=url,
                              origin=origins[0] if origins else None, source_id=source_id)

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """Write one ``<table>.parquet`` per table into ``folder`` (created if needed) from one
        consistent snapshot, via DuckDB's COPY; files appear complete or not at all (each is
        written under a temporary name, then renamed). Returns the paths, in schema order. A store
        that does not exist yet exports empty tables."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        parts = [(folder / f".{t}.parquet.part", folder / f"{t}.parquet") for t in TABLES]
        try:
            with self._reading() as con:
                _exec(con, "BEGIN TRANSACTION")
                for table, (part, _) in zip(TABLES, parts):
                    _exec(con, f"COPY {table} TO $path (FORMAT parquet)", {"path": str(part)})
                _exec(con, "COMMIT")
            for part, final in parts:
                part.replace(final)
        finally:
            for part, _ in parts:
                part.unlink(missing_ok=True)
        return [final for _, final in parts]

    # --- writes ---

    def write(self, extractions: Sequence[Extraction], *, problems: Sequence[Problem] = (),
              run_id: str | None = None, articles: Sequence[Article] = ()) -> None:
        """Store a batch of extractions in ONE transaction: all of it or, on any error (or a
        crash), none of it.

        extractions: one per article. The article is inserted if new; if it is stored already
            (same id = same text) it keeps its fields and only gains this origin if new. Its
            entities/places/quotes rows are replaced by these, whatever version they came from.
        problems: files that could not be read, logged in ``ingest_problems``.
        run_id: the ingest run (see :meth:`start_run`) the batch belongs to, or None.
        articles: articles read again but not re-extracted (up to date already): only their
            origins are recorded (new ones are stored without an extraction, as by
            :meth:`add_articles`).
        """
        self._write(_Batch.build(list(extractions), list(articles), problems, run_id))

    def add_articles(self, articles: Sequence[Article], *, problems: Sequence[Problem] = (),
                     run_id: str | None = None) -> None:
        """Store articles without extractions (or add origins to stored ones), in one
        transaction; they come back from :meth:`stale_articles` until extracted."""
        self._write(_Batch.build([], list(articles), problems, run_id))

    def start_run(self, inputs: Sequence[str]) -> str:
        """Log the start of an ingest of ``inputs`` (paths as given) in ``ingest_runs`` and return
        its new run id."""
        run_id = _utcnow().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        with self._transaction() as con:
            _exec(con, "INSERT INTO ingest_runs (run_id, started_at, inputs) VALUES ($id, $now, $inputs)",
                  {"id": run_id, "now": _utcnow(), "inputs": [str(i) for i in inputs]})
        return run_id

    def finish_run(self, run_id: str, **counts) -> None:
        """Log the end of run ``run_id`` with whatever ``counts`` the caller has (``articles=…,
        new=…, problems=…``), kept as a JSON object in ``ingest_runs.counts``."""
        with self._transaction() as con:
            found = _exec(
                con, "UPDATE ingest_runs SET finished_at = $now, counts = $counts WHERE run_id = $id"
                " RETURNING run_id",
                {"id": run_id, "now": _utcnow(), "counts": json.dumps(counts, default=str)})
            if not found:
                raise StoreError(f"no ingest run {run_id!r} in {self.path}; start_run() returns the id")

    def rebuild_actors(self) -> None:
        """Rebuild the corpus-level ``actors`` and ``actor_aliases`` tables from the article-level
        actor names in ``entities``, merged by :func:`components.actors.merge_corpus`; one
        transaction. The merge runs between a read and the write, so the lock is held only for
        the SQL that fills the tables. Clears the ``actors_stale`` flag that every write of
        extractions sets, unless a write changed the actor counts meanwhile."""
        if not self.exists:
            return
        from .actors import merge_corpus  # imports spaCy: only when needed

        with self._reading() as con:
            counts = _exec(con, _ACTOR_COUNTS_SQL + " ORDER BY ALL")
            fingerprint = _exec(con, _ACTOR_COUNTS_FINGERPRINT_SQL)[0]
        mapping = _resolve_chains(merge_corpus(counts))
        table = pa.table({"alias": list(mapping), "actor": list(mapping.values())},
                         schema=pa.schema([("alias", pa.string()), ("actor", pa.string())]))
        with self._transaction() as con:
            con.register("dl_mapping", table)
            try:
                for sql in _REBUILD_ACTORS_SQL:
                    _exec(con, sql)
                _set_meta(con, "actors_built_at", _utcnow().isoformat(timespec="seconds"))
                # Up to date only if no write changed the counts the merge was computed from.
                if _exec(con, _ACTOR_COUNTS_FINGERPRINT_SQL)[0] == fingerprint:
                    _exec(con, "DELETE FROM meta WHERE key = 'actors_stale'")
            finally:
                con.unregister("dl_mapping")

    def migrate(self) -> None:
        """Bring an existing store to this version's schema (any write does it too)."""
        if self.exists:
            with self._transaction():
                pass

    # --- connections ---

    def _write(self, batch: "_Batch") -> None:
        if batch.empty:
            return
        with self._transaction() as con:
            _write_batch(con, batch)

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The store attached read-write (created if missing) with one transaction open, schema
        created or migrated inside it; committed if the block succeeds, rolled back otherwise."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the store {self.path}: {e.strerror or e}; "
                             "give a path in a folder you can write to") from e
        with self._attached(str(self.path), read_only=False) as con:
            _exec(con, "BEGIN TRANSACTION")
            try:
                _ensure_schema(con, self.path)
                yield con
                _exec(con, "COMMIT")
            except BaseException:
                _rollback(con)
                raise

    @contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The store attached read-only; a store that does not exist (or whose creation was
        interrupted) reads as an empty in-memory store with the same tables."""
        if self.exists:
            with self._attached(str(self.path), read_only=True) as con:
                version = _schema_version(con, self.path)
                if version is not None:
                    _check_version(version, self.path, writing=False)
                    yield con
                    return
        with self._attached(":memory:", read_only=False) as con:
            for sql in TABLES.values():
                _exec(con, sql)
            yield con

    @contextmanager
    def _attached(self, target: str, *, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """Attach ``target`` (a file or ``:memory:``) as the default database of the host
        connection and detach it afterwards. DuckDB errors raised inside come out as StoreError."""
        con, host = self._attach(target, read_only=read_only)
        try:
            _exec(con, f"USE {ALIAS}")
            yield con
        except duckdb.Error as e:
            raise StoreError(f"{target}: {e}") from e
        finally:
            try:
                _detach(con)
            finally:
                host.busy = False
                host.lock.release()

    def _attach(self, target: str, *, read_only: bool) -> tuple[duckdb.DuckDBPyConnection, _Host]:
        """Attach ``target``, retrying with backoff while another process holds the file, up to
        ``timeout``. Returns the host connection and its host, whose lock the caller must release.

        A writer that finds the file locked says so in an intent file (see :func:`_intent_path`);
        readers about to start wait (briefly) while it is fresh, so that an app that reads
        continuously cannot starve an ingest."""
        deadline = time.monotonic() + self.timeout
        on_disk = target != ":memory:"
        if on_disk and self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a store file: give the path of a .duckdb file "
                             f"(for example {self.path / 'dateline.duckdb'})")
        intent = _intent_path(self.path) if on_disk and not read_only else None
        if on_disk and read_only:
            _yield_to_writer(_intent_path(self.path), deadline)
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
                    con = host.connection()
                    _exec(con, f"DETACH DATABASE IF EXISTS {ALIAS}")  # left by a failed detach
                    _exec(con, sql, {"target": target})
                    host.busy = True
                    return con, host
                except duckdb.IOException as e:
                    host.lock.release()
                    if _LOCK_MESSAGE not in str(e):
                        raise _open_error(target, e) from e
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise StoreLocked(_locked_message(target, self.timeout, e)) from e
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
        try:
            age = time.time() - intent.stat().st_mtime
        except OSError:
            return
        if age > INTENT_FRESH:
            return
        time.sleep(0.005)


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


@contextmanager
def _interrupt_after(con: duckdb.DuckDBPyConnection, seconds: float | None) -> Iterator[None]:
    """Interrupt what ``con`` runs if the block lasts longer than ``seconds`` (None: never). The
    timer can only fire while the block runs, never into a later statement."""
    if not seconds:
        yield
        return
    guard = threading.Lock()
    running = [True]

    def fire() -> None:
        with guard:
            if running[0]:
                con.interrupt()

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            running[0] = False
        timer.cancel()


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


# --- schema -------------------------------------------------------------------------------------

def _schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    """The attached store's schema version, or None if the database holds nothing yet (a new
    file, or one whose creation was interrupted). Raises StoreError for a DuckDB database that
    holds other tables (or views) and no Dateline schema version: Dateline never writes into
    another program's database, nor reads it as an empty store."""
    names = [r[0] for r in _exec(
        con, "SELECT table_name FROM duckdb_tables() WHERE database_name = $db"
        " UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = $db AND NOT internal"
        " ORDER BY 1", {"db": ALIAS})]
    if not names:
        return None
    rows = _exec(con, "SELECT value FROM meta WHERE key = 'schema_version'") if "meta" in names else []
    if not rows:
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        raise StoreError(f"{path} is a DuckDB database but not a Dateline store (it holds other tables: {shown}): "
                         "give the path of a Dateline store, or of a new file to create one")
    return int(rows[0][0])


def _check_version(version: int, path: Path, *, writing: bool) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, written by a newer Dateline; this one "
                         f"knows versions up to {SCHEMA_VERSION}: upgrade Dateline to use it")
    if version < SCHEMA_VERSION and not writing:
        raise StoreError(f"{path} has schema version {version}, older than this Dateline's "
                         f"{SCHEMA_VERSION}: run an ingest (or Store.migrate()) to upgrade it")


def _ensure_schema(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create the tables in an empty store, or migrate an older one (inside the caller's
    transaction)."""
    version = _schema_version(con, path)
    if version is None:
        for sql in TABLES.values():
            _exec(con, sql)
        _set_meta(con, "schema_version", str(SCHEMA_VERSION))
        _set_meta(con, "created_at", _utcnow().isoformat(timespec="seconds"))
        return
    _check_version(version, path, writing=True)
    while version < SCHEMA_VERSION:
        for sql in MIGRATIONS[version]:
            _exec(con, sql)
        version += 1
        _set_meta(con, "schema_version", str(version))


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    _exec(con, "INSERT OR REPLACE INTO meta VALUES ($key, $value)", {"key": key, "value": value})


# --- one batch of writes ------------------------------------------------------------------------

_STR = pa.string()
_INT = pa.int32()
_SCHEMAS = {
    "articles": pa.schema([
        ("id", _STR), ("source_id", _STR), ("date", pa.date32()), ("dateline", pa.list_(_STR)),
        ("title", _STR), ("source", _STR), ("url", _STR), ("text", _STR), ("n_words", _INT),
        ("origins", pa.list_(_STR)), ("pipeline_version", _STR)]),
    "entities": pa.schema([
        ("article_id", _STR), ("pipeline_version", _STR), ("idx", _INT), ("start_char", _INT),
        ("end_char", _INT), ("text", _STR), ("label", _STR), ("actor", _STR), ("actor_type", _STR),
        ("role", _STR)]),
    "places": pa.schema([
        ("article_id", _STR), ("pipeline_version", _STR), ("idx", _INT), ("from_dateline", pa.bool_()),
        ("start_char", _INT), ("end_char", _INT), ("text", _STR), ("name", _STR), ("country_code", _STR),
        ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()), ("feature", _STR)]),
    "quotes": pa.schema([
        ("article_id", _STR), ("pipeline_version", _STR), ("idx", _INT), ("start_char", _INT),
        ("end_char", _INT), ("content", _STR), ("kind", _STR), ("speaker", _STR),
        ("speaker_start", _INT), ("speaker_end", _INT), ("cue", _STR),
        ("content_spans", pa.list_(pa.list_(_INT)))]),
    "problems": pa.schema([("origin", _STR), ("reason", _STR)]),
}


def _rows_to_table(name: str, rows: list[tuple]) -> pa.Table:
    schema = _SCHEMAS[name]
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    return pa.table([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


@dataclass
class _Batch:
    """A batch turned into Arrow tables (built before the lock is taken)."""

    run_id: str | None
    now: datetime
    extracted_ids: list[str]          # articles that come with an extraction
    tables: dict[str, pa.Table]

    @property
    def empty(self) -> bool:
        return all(t.num_rows == 0 for t in self.tables.values())

    @classmethod
    def build(cls, extractions: list[Extraction], articles: list[Article],
              problems: Sequence[Problem], run_id: str | None) -> "_Batch":
        """Collect one row per distinct article (the last extraction of an article wins; the
        origins of all its copies are kept, those of extracted copies first) and the rows of its
        extraction."""
        problems = list(problems)
        first: dict[str, Article] = {}
        extraction: dict[str, Extraction] = {}
        origins: dict[str, list[str]] = {}
        for item in [*extractions, *articles]:
            article = item.article if isinstance(item, Extraction) else item
            if isinstance(item, Extraction):
                extraction[article.id] = item
            first.setdefault(article.id, article)
            seen = origins.setdefault(article.id, [])
            if article.origin and article.origin not in seen:
                seen.append(article.origin)
        rows: dict[str, list[tuple]] = {name: [] for name in _SCHEMAS}
        for aid, a in first.items():
            ex = extraction.get(aid)
            day = _parse_date(a.date)
            if a.date and day is None:
                problems.append(Problem(a.origin or a.source_id or aid,
                                        f"date {a.date!r} is not a YYYY-MM-DD date in {WINDOW}; stored without a date"))
            version = ex.pipeline_version if ex else None
            rows["articles"].append((aid, a.source_id, day, list(a.dateline or ()), a.title, a.source, a.url,
                                     a.text, a.n_words, origins[aid], version))
            if ex is not None:
                _extraction_rows(aid, ex, rows)
        rows["problems"] = [(p.origin, p.reason) for p in problems]
        return cls(run_id=run_id, now=_utcnow(),
                   extracted_ids=list(extraction),
                   tables={name: _rows_to_table(name, r) for name, r in rows.items()})


def _extraction_rows(aid: str, ex: Extraction, rows: dict[str, list[tuple]]) -> None:
    v = ex.pipeline_version
    rows["entities"].extend((aid, v, i, e.start, e.end, e.text, e.label, e.actor, e.actor_type, e.role)
                            for i, e in enumerate(ex.entities))
    places = [(p, False) for p in ex.places] + [(p, True) for p in ex.dateline_places]
    rows["places"].extend((aid, v, i, flag, p.start, p.end, p.text, p.name, p.country_code, p.lat, p.lon,
                           p.geonameid, p.feature) for i, (p, flag) in enumerate(places))
    rows["quotes"].extend((aid, v, i, q.start, q.end, q.content, q.kind, q.speaker, q.speaker_start,
                           q.speaker_end, q.cue, [list(s) for s in q.spans] or [[q.start, q.end]])
                          for i, q in enumerate(ex.quotes))


def _parse_date(value: str | None) -> date | None:
    """``value`` (``YYYY-MM-DD``) as a date, or None when it is missing, malformed or outside the
    dates an article may carry (:func:`components.ingest.dates.in_window`)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return day if in_window(day) else None


def _write_batch(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """All the statements of one batch, inside the caller's transaction."""
    names = {name: f"dl_new_{name}" for name in batch.tables}
    for name, table in batch.tables.items():
        con.register(names[name], table)
    try:
        _delete_old_extractions(con, batch)
        _upsert_articles(con, batch)
        _insert_extractions(con, batch)
        _log_problems(con, batch)
        if batch.extracted_ids:  # in the same transaction: a crash before the rebuild leaves it set
            _exec(con, "INSERT OR IGNORE INTO meta VALUES ('actors_stale', $now)",
                  {"now": batch.now.isoformat(timespec="seconds")})
    finally:
        for view in names.values():
            con.unregister(view)


def _delete_old_extractions(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """Remove the stored rows of every batch article that comes with a new extraction."""
    if not batch.extracted_ids:
        return
    stored = [r[0] for r in _exec(
        con, "SELECT id FROM articles WHERE pipeline_version IS NOT NULL"
        " AND id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": batch.extracted_ids})]
    if stored:  # skipped on a first ingest: no scan of the big tables
        for table in ("entities", "places", "quotes"):
            _exec(con, f"DELETE FROM {table} WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))",
                        {"ids": stored})


def _upsert_articles(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    _exec(con, """
        INSERT INTO articles
        SELECT id, source_id, date, dateline, title, source, url, text, n_words, origins,
               $now, $run_id, pipeline_version, CASE WHEN pipeline_version IS NOT NULL THEN $now END
        FROM dl_new_articles
        ON CONFLICT (id) DO UPDATE SET
            origins = list_concat(articles.origins, list_filter(excluded.origins,
                                  lambda o: NOT list_contains(articles.origins, o))),
            pipeline_version = coalesce(excluded.pipeline_version, articles.pipeline_version),
            extracted_at = CASE WHEN excluded.pipeline_version IS NULL
                                  OR excluded.pipeline_version = articles.pipeline_version
                                THEN articles.extracted_at ELSE excluded.extracted_at END
        """, {"now": batch.now, "run_id": batch.run_id})


def _insert_extractions(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    for table in ("entities", "places", "quotes"):
        if batch.tables[table].num_rows:
            _exec(con, f"INSERT INTO {table} BY NAME SELECT * FROM dl_new_{table}")


def _log_problems(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    if batch.tables["problems"].num_rows:
        _exec(con, "INSERT INTO ingest_problems SELECT $run_id, origin, reason, $now FROM dl_new_problems",
                    {"run_id": batch.run_id, "now": batch.now})


# --- corpus-level actors ------------------------------------------------------------------------

def _resolve_chains(mapping: dict[str, str]) -> dict[str, str]:
    """Follow ``a → b → c`` to ``a → c`` (stopping at a cycle) so every alias names a final actor."""
    resolved = {}
    for name, target in mapping.items():
        seen = {name}
        while target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        if target != name:
            resolved[name] = target
    return resolved


#: What the corpus-level merge reads: (actor name, type, mentions) from ``entities``.
_ACTOR_COUNTS_SQL = "SELECT actor, actor_type, count(*) AS n FROM entities WHERE actor IS NOT NULL GROUP BY ALL"
#: A fingerprint of those counts, to tell whether they changed between two reads.
_ACTOR_COUNTS_FINGERPRINT_SQL = (f"SELECT count(*), coalesce(sum(hash(actor, actor_type, n)), 0)"
                                 f" FROM ({_ACTOR_COUNTS_SQL})")

_REBUILD_ACTORS_SQL = [
    "DELETE FROM actors",
    "DELETE FROM actor_aliases",
    """
    INSERT INTO actor_aliases
    SELECT e.actor, coalesce(any_value(m.actor), e.actor), count(*)
    FROM entities e LEFT JOIN dl_mapping m ON m.alias = e.actor
    WHERE e.actor IS NOT NULL
    GROUP BY e.actor
    """,
    """
    INSERT INTO actors
    WITH mentions AS (
        SELECT al.actor, e.actor_type, e.role, e.article_id
        FROM entities e JOIN actor_aliases al ON al.alias = e.actor
    ), types AS (
        SELECT actor, actor_type, count(*) AS n FROM mentions WHERE actor_type IS NOT NULL GROUP BY ALL
    ), best_type AS (
        SELECT actor, first(actor_type ORDER BY n DESC, actor_type) AS actor_type FROM types GROUP BY actor
    ), role_counts AS (
        SELECT actor, role, count(*) AS n FROM mentions WHERE role IS NOT NULL GROUP BY ALL
    ), role_lists AS (
        SELECT actor, list(role ORDER BY n DESC, role) AS roles FROM role_counts GROUP BY actor
    ), alias_lists AS (
        SELECT actor, list(alias ORDER BY n_mentions DESC, alias) AS aliases FROM actor_aliases GROUP BY actor
    ), quote_counts AS (
        SELECT coalesce(al.actor, q.speaker) AS actor, count(*) AS n
        FROM quotes q LEFT JOIN actor_aliases al ON al.alias = q.speaker
        WHERE q.speaker IS NOT NULL GROUP BY ALL
    ), stats AS (
        SELECT m.actor, count(*) AS n_mentions, count(DISTINCT m.article_id) AS n_articles,
               min(a.date) AS first_date, max(a.date) AS last_date
        FROM mentions m LEFT JOIN articles a ON a.id = m.article_id GROUP BY m.actor
    )
    SELECT s.actor, t.actor_type, al.aliases, coalesce(r.roles, []::VARCHAR[]), s.n_mentions,
           s.n_articles, coalesce(q.n, 0), s.first_date, s.last_date
    FROM stats s
    LEFT JOIN best_type t USING (actor)
    LEFT JOIN role_lists r USING (actor)
    LEFT JOIN alias_lists al USING (actor)
    LEFT JOIN quote_counts q USING (actor)
    """,
]
