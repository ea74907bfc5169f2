"""The store: one DuckDB file that holds the corpus, and the only package that talks to DuckDB.

The tables (``articles``, ``entities``, ``places``, ``quotes``, ``actors``, …) are an interface for
analysts too; ``docs/store.md`` documents every column, :mod:`components.store.schema` creates them.

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

The package's modules, from the bottom up: :mod:`~components.store.connection` (the host
connection, attaching with retry and backoff, intent files), :mod:`~components.store.schema` (the
tables, schema versions and migrations), :mod:`~components.store.corpus_tables` (the rebuild of
``actors`` and ``actor_aliases``), :mod:`~components.store.writes` (one batch of writes),
:mod:`~components.store.kept` (filtered article sets kept between statements),
:mod:`~components.store.search_index` (the full-text search index, an SQLite FTS5 file beside the
store), :mod:`~components.store.searching` (the Store's side of search: index writes, searches)
and :mod:`~components.store.database` (the :class:`Store` class over them).
"""
from __future__ import annotations

from .connection import StoreError, StoreLocked, StoreOutdated
from .database import Store
from .kept import Hits, Kept, kept_name
from .search_index import HIT_CLOSE, HIT_OPEN, SearchIndexMissing
from .searching import hits_kept

__all__ = ["HIT_CLOSE", "HIT_OPEN", "Hits", "Kept", "SearchIndexMissing", "Store", "StoreError", "StoreLocked",
           "StoreOutdated", "hits_kept", "kept_name"]
