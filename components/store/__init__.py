"""The store: one DuckDB file that holds the corpus, and the only package that talks to DuckDB.

The tables (``articles``, ``entities``, ``places``, ``quotes``, ``actors``, …) are an interface for
analysts too; ``docs/store.md`` documents every column, :mod:`components.store.schema` creates them.

Concurrency. A process holding a DuckDB file open read-write locks it against every other process,
readers included, and a reader locks out writers. So nothing here keeps the file open: each call
attaches it for as long as it needs and detaches it again (or, inside :func:`holding`, at the end
of a burst of reads such as a page run; a writer that asks for the file gets it sooner). A write is one batch in one transaction
(the NLP work happens before, outside the lock), so an ingest holds the lock for milliseconds per
batch and the app, reading between batches, keeps working. Both sides retry with backoff while the
file is locked by another process, up to ``timeout`` seconds, then raise :class:`StoreLocked`.

Every process keeps one in-memory DuckDB connection (the *host*; starting a DuckDB instance costs
~20 ms, attaching a file ~1 ms) and serialises its store calls through one lock, so threads of the
app never meet DuckDB's "same file, different configuration" error. Extensions are never installed
or auto-loaded: the store uses only what the wheel carries (parquet, json), so it works offline.

The package's modules, from the bottom up: :mod:`~components.store.sqlite_threads` (SQLite set up
for searches in threads, before anything imports ``sqlite3``), :mod:`~components.store.connection` (the host
connection, attaching with retry and backoff, intent files), :mod:`~components.store.deadline`
(statements stopped at their time limit), :mod:`~components.store.schema` (the
tables, schema versions and migrations), :mod:`~components.store.corpus_tables` (the rebuild of
``actors`` and ``actor_aliases``), :mod:`~components.store.writes` (one batch of writes),
:mod:`~components.store.kept` (filtered article sets kept between statements),
:mod:`~components.store.workbench` (the analyst's saved views),
:mod:`~components.store.annotations` (tags and notes on articles and actors),
:mod:`~components.store.corrections` (analysts' corrections and how they change the names),
:mod:`~components.store.correcting` (the store's methods for them),
:mod:`~components.store.database` (the :class:`Store` class over them).
"""
from __future__ import annotations

from .sqlite_threads import stop_memory_statistics

stop_memory_statistics()  # (before the modules below import sqlite3, which starts SQLite)

from .connection import StoreError, StoreLocked, StoreOutdated, drop_kept_tables, holding, no_store_yet, stopped_by_ctrl_c
from .correcting import CorrectionError
from .corrections import ACTIONS, ACTOR_TYPES, Correction
from .database import Store
from .annotations import KINDS, TAGGED_ITEM, NoteRow
from .kept import Hits, Kept, kept_name
from .schema import PLACE_SHOWN
from .search_hits import HIT_CLOSE, HIT_OPEN
from .search_index import SearchIndexMissing
from .searching import forget_hits, hits_kept
from .workbench import SavedViewRow, ViewExists, analyst

__all__ = ["ACTIONS", "ACTOR_TYPES", "Correction", "CorrectionError", "HIT_CLOSE", "HIT_OPEN", "Hits", "KINDS", "Kept",
           "NoteRow", "PLACE_SHOWN", "SavedViewRow", "SearchIndexMissing", "Store", "StoreError", "StoreLocked",
           "StoreOutdated", "TAGGED_ITEM", "ViewExists", "analyst", "drop_kept_tables", "forget_hits", "hits_kept",
           "holding", "kept_name", "no_store_yet", "stopped_by_ctrl_c"]
