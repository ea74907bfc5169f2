"""The :class:`Store` class: the store's reads and public methods, over the modules of
:mod:`components.store` (connection, schema, writes, corpus-level tables)."""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from .. import settings
from ..records import Article, Extraction, Problem
from .connection import StoreError, _exec, _rollback, attached, kept_tables, no_store_yet
from .deadline import interrupt_after
from .correcting import EXPORTED, Correcting, in_force
from .corpus_tables import _actors_stale, _mapping_table, _read_actor_counts, _resolve_chains, _write_actors
from .corrections import apply_to_names
from .kept import Kept, file_version, use_kept
from .schema import SCHEMA_VERSION, TABLES, _check_version, _ensure_schema, _schema_version, _utcnow
from .parts import read_part
from .annotations import Annotations
from .searching import Searching
from .workbench import Workbench
from .writes import _Batch

if TYPE_CHECKING:
    import pandas

#: Articles fetched per read while :meth:`Store.stale_articles` iterates.
STALE_CHUNK = 256

#: What reads of a store file found that holds while it is unchanged (see :meth:`Store._fact`):
#: path → (its :attr:`Store.version` then, {fact name: value}). Used with the host lock held.
_FACTS: dict[Path, tuple[tuple, dict[str, object]]] = {}

#: The pipeline version an ``articles`` row is expected to carry, by its language: the entry of
#: ``$languages`` / ``$versions`` for it, else ``$version`` (see :func:`_version_params`).
_EXPECTED_VERSION = ("coalesce(list_extract($versions::VARCHAR[], list_position($languages::VARCHAR[], language)),"
                     " $version)")


def _version_params(version: str, by_language: Mapping[str, str] | None) -> dict:
    """The parameters of :data:`_EXPECTED_VERSION`: ``version``, but ``by_language``'s (code → version)."""
    languages = sorted(by_language or {})
    return {"version": version, "languages": languages, "versions": [by_language[lang] for lang in languages]}


class Store(Correcting, Workbench, Annotations, Searching):
    """A DuckDB file holding articles, their extractions, corpus-level actors, ingest logs, analysts' corrections
    (the methods of :class:`~components.store.correcting.Correcting`) and the analyst's saved views, tags and notes
    (:class:`~components.store.workbench.Workbench`, :class:`~components.store.annotations.Annotations`); the
    full-text search index beside it is kept by :class:`~components.store.searching.Searching`.

    path: the DuckDB file; None means the ``db`` setting (``data/dateline.duckdb``). The file and its tables
        are created on the first write; reading a store that does not exist returns empty results and never
        creates it.
    timeout: seconds to keep retrying while another process holds the file, before :class:`StoreLocked`.
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0) -> None:
        self.path = Path(path if path is not None else settings.get("db")).expanduser().resolve()
        self.timeout = float(timeout)

    @classmethod
    def opened(cls, path: str | Path | None, *, existing: bool = False) -> "Store":
        """The store at ``path``, checked (:meth:`check`); with ``existing``, StoreError if it holds nothing yet."""
        store = cls(path)
        store.check()
        if existing and not store.exists:
            raise StoreError(no_store_yet(path))
        return store

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def exists(self) -> bool:
        """Whether the store file exists (it is created by the first write)."""
        return self.path.exists()

    # --- reads ---

    @property
    def version(self) -> tuple[int, ...]:
        """Something that changes whenever the store is written, by this process or another
        (:func:`components.store.kept.file_version`); zeros while it does not exist."""
        return file_version(self.path)

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
        return bool(self._known("actors_stale", _actors_stale))  # asked before most statements

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

    def query(self, sql: str, params: Sequence | dict = (), *, kept: Kept | None = None,
              limit: int = 10_000, time_limit: float | None = 30.0) -> "pandas.DataFrame":
        """Run one read-only SQL statement against the store and return its rows as a DataFrame.

        sql: a statement over the tables documented in docs/store.md, with ``?``/``$1`` or
            ``$name`` placeholders for values (never format values into the SQL).
        params: the placeholders' values: a sequence for positional, a dict for named ones.
        kept: row sets the statement reads as tables by name (name from
            :func:`~components.store.kept_name` → its ``(sql, params)``): each is computed once
            and kept while the store is unchanged, so statements over the same filtered articles
            evaluate the filter once (see :mod:`components.store.kept`).
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
        kept = self._resolve_hits(kept) if kept else kept  # (a search runs before the store is attached)
        with self._reading() as con, interrupt_after(con, time_limit):
            try:
                if kept:
                    use_kept(con, kept_tables(), kept, (str(self.path), self.version), self._rank_within)
                rel = con.sql(sql, params=params or None)
                frame = rel.limit(limit + 1).df() if rel is not None else None
            except duckdb.InterruptException as e:
                raise StoreError(f"the query ran longer than {time_limit:g} s and was stopped: narrow it "
                                 "down (filters, LIMIT, fewer joins) or allow a longer time_limit") from e
        if frame is None:
            import pandas
            frame = pandas.DataFrame()
        truncated = len(frame) > limit
        frame = frame.iloc[:limit] if truncated else frame
        frame.attrs.update(truncated=truncated, limit=limit)
        return frame

    def needs_extraction(self, article_ids: Sequence[str], pipeline_version: str, *,
                         by_language: Mapping[str, str] | None = None) -> set[str]:
        """The ids in ``article_ids`` that are not stored yet, or stored without an extraction or
        with one from a pipeline version other than the one expected for their language, or
        without a language (stored before languages were detected).

        pipeline_version: the version expected for an article of any language not in
            ``by_language`` (the default pipeline's); by_language: language code → the version
            expected for its articles (those of the other languages' pipelines)."""
        wanted = set(article_ids)
        if not wanted or not self.exists:
            return wanted
        with self._reading() as con:
            done = _exec(
                con, f"SELECT id FROM articles WHERE pipeline_version = {_EXPECTED_VERSION}"
                " AND language IS NOT NULL AND id IN (SELECT unnest($ids::VARCHAR[]))",
                {**_version_params(pipeline_version, by_language), "ids": sorted(wanted)})
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

    def stale_articles(self, pipeline_version: str, *, by_language: Mapping[str, str] | None = None,
                       counted: Callable[[int], None] | None = None) -> Iterator[Article]:
        """Stored articles whose extraction is missing or from another pipeline version than the one expected for their
        language (``pipeline_version``, ``by_language``: as for :meth:`needs_extraction`), or whose language was never
        detected (a store from before languages), oldest ingest first, each with its stored language; ``counted(n)`` is
        called with their number before the first. Read a chunk at a time, the file not held between chunks (so the
        caller may write extractions while it iterates)."""
        if not self.exists:
            return
        with self._reading() as con:
            ids = [r[0] for r in _exec(
                con, f"SELECT id FROM articles WHERE pipeline_version IS DISTINCT FROM {_EXPECTED_VERSION}"
                " OR language IS NULL ORDER BY first_ingested, id", _version_params(pipeline_version, by_language))]
        if counted:
            counted(len(ids))
        for i in range(0, len(ids), STALE_CHUNK):
            chunk = ids[i:i + STALE_CHUNK]
            with self._reading() as con:
                rows = _exec(
                    con, "SELECT id, text, date, dateline, title, source, url, origins, source_id, language"
                    " FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))"
                    " ORDER BY first_ingested, id", {"ids": chunk})
            for id_, text, day, dateline, title, source, url, origins, source_id, language in rows:
                yield Article(id=id_, text=text, date=day.isoformat() if day else None,
                              dateline=tuple(dateline or ()), title=title, source=source, url=url,
                              origin=origins[0] if origins else None, source_id=source_id,
                              language=language)

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """Write one ``<table>.parquet`` per table into ``folder`` (created if needed) from one
        consistent snapshot, via DuckDB's COPY, the analysts' corrections applied (see
        :data:`~components.store.correcting.EXPORTED`); files appear complete or not at all (each is
        written under a temporary name, then renamed). Returns the paths, in schema order. A store
        that does not exist yet exports empty tables."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        parts = [(folder / f".{t}.parquet.part", folder / f"{t}.parquet") for t in TABLES]
        try:
            with self._reading() as con:
                _exec(con, "BEGIN TRANSACTION")
                for table, (part, _) in zip(TABLES, parts):
                    _exec(con, f"COPY ({EXPORTED.get(table, 'FROM ' + table)}) TO $path (FORMAT parquet)",
                          {"path": str(part)})
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

    def load_part(self, folder: str | Path, *, articles: Sequence[Article] = (),
                  problems: Sequence[Problem] = (), run_id: str | None = None) -> None:
        """Store a part folder written by a cluster worker (:func:`components.store.parts.write_part`)
        in ONE transaction, together with ``articles`` and ``problems`` as for :meth:`write`:
        the same rows as :meth:`write` of the part's extractions with those would give. The part
        is read before the lock is taken."""
        tables = read_part(folder)
        part = _Batch(run_id=run_id, now=_utcnow(), tables=tables,
                      extracted_ids=tables["articles"].column("id").to_pylist())
        self._write_batches([part, _Batch.build([], list(articles), problems, run_id)])

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
        actor names in ``entities``, merged by :func:`components.actors.merge_corpus`, then the
        analysts' corrections in force applied; one transaction. The merge runs between a read and the write, so the lock is held only for
        the SQL that fills the tables. Clears the ``actors_stale`` flag that every write of
        extractions sets, unless a write changed the actor counts meanwhile."""
        if not self.exists:
            return
        from ..actors import merge_corpus  # imports spaCy: only when needed

        with self._reading() as con:
            counts, evidence, fingerprint = _read_actor_counts(con)
        machine = _resolve_chains(merge_corpus(counts, *evidence))
        with self._transaction() as con:  # (the corrections read with the lock held: none is missed)
            _write_actors(con, _mapping_table(machine, apply_to_names(machine, in_force(con))), fingerprint)

    def migrate(self) -> tuple[int, int] | None:
        """Bring an existing store to this version's schema, in one transaction (any write does
        it too); returns ``(schema version before, after)``, equal when it was up to date, or None
        when there is no store (nothing is created)."""
        if not self.exists:
            return None
        with self._attached(str(self.path), read_only=True) as con:
            before = _schema_version(con, self.path)
        with self._transaction():
            pass
        return (SCHEMA_VERSION if before is None else before), SCHEMA_VERSION

    # --- connections ---

    def _write(self, batch: _Batch) -> None:
        if not batch.empty:
            self._write_batches([batch])

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
            _FACTS.pop(self.path, None)  # (the file's version shows the write too, if its clock ticked)
            _exec(con, "BEGIN TRANSACTION")
            try:
                _ensure_schema(con, self.path)
                yield con
                _exec(con, "COMMIT")
            except BaseException:
                _rollback(con)
                raise
            finally:
                _FACTS.pop(self.path, None)

    @contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The store attached read-only; a store that does not exist (or whose creation was
        interrupted) reads as an empty in-memory store with the same tables."""
        if self.exists:
            with self._attached(str(self.path), read_only=True) as con:
                version = self._fact(con, "schema_version", lambda c: _schema_version(c, self.path))
                if version is not None:
                    _check_version(version, self.path, writing=False)
                    yield con
                    return
        with self._attached(":memory:", read_only=False) as con:
            for sql in TABLES.values():
                _exec(con, sql)
            yield con

    def _known(self, name: str, read: Callable[[duckdb.DuckDBPyConnection], object]):
        """As :meth:`_fact`, unattached: no attach (dearer than the check) while the file is unchanged."""
        known = _FACTS.get(self.path)
        if known is not None and known[0] == self.version and name in known[1]:
            return known[1][name]
        with self._reading() as con:
            return self._fact(con, name, read)

    def _fact(self, con: duckdb.DuckDBPyConnection, name: str, read: Callable[[duckdb.DuckDBPyConnection], object]):
        """``read(con)`` for the store attached as ``con`` (the host lock held), remembered under
        ``name`` while the file is unchanged (:attr:`version`, taken while attached, so no other
        process can write meanwhile): the schema version and whether the actors lag are asked
        before most statements, and reading them costs more than the statement itself."""
        stamp = self.version
        known = _FACTS.get(self.path)
        if known is None or known[0] != stamp:
            known = _FACTS[self.path] = (stamp, {})
        if name not in known[1]:
            known[1][name] = read(con)
        return known[1][name]

    def _attached(self, target: str, *, read_only: bool) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """Attach ``target`` (``str(self.path)`` or ``:memory:``) for one read or write: see
        :func:`components.store.connection.attached`."""
        return attached(self.path, target, read_only=read_only, timeout=self.timeout)
