"""The :class:`~components.store.Store`'s side of full-text search (a mix-in of the Store class):
writing batches of articles into the search index (:mod:`components.store.search_index`) in the
same write path as the store, keeping the index up to date, and the searches the queries run."""
from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from . import search_hits as found
from . import search_index as ix
from .connection import StoreError, _exec
from .kept import Hits, Kept, kept_name
from .writes import _Batch, _write_batch

#: Searches whose hits are kept in memory per process (the newest ones).
HITS_CACHED = 8
_hits_cache: OrderedDict[tuple, pa.Table] = OrderedDict()
_hits_lock = threading.Lock()
#: The index's search generation, as last read: path → (the index file's version, value), so that
#: the check before each search costs ``stat`` calls while nothing is written (the store's side is
#: one of the Store's remembered facts).
_generations: dict[Path, tuple[tuple, str | None]] = {}


def forget_hits() -> None:
    """Forget the search hits the process holds (:data:`HITS_CACHED`), so that the next search
    reads the index anew: for a benchmark timing a search's first statements."""
    with _hits_lock:
        _hits_cache.clear()


class Searching:
    """Full-text search over the store's articles (titles and bodies) and quotes; mixed into
    :class:`~components.store.Store`, whose ``path``, ``exists``, ``_transaction`` and
    ``_reading`` it uses."""

    path: Path
    exists: bool
    _transaction: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]
    _reading: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]
    _known: Callable[[str, Callable[[duckdb.DuckDBPyConnection], object]], object]

    @property
    def search_index_path(self) -> Path:
        """The search index file (``<store>.search``, an SQLite database)."""
        return ix.index_path(self.path)

    def _write_batches(self, batches: Sequence[_Batch]) -> None:
        """Write ``batches`` in ONE store transaction, then the same articles into the search
        index (see :func:`components.store.search_index.apply`)."""
        if all(batch.empty for batch in batches):
            return
        ids = sorted({i for b in batches for i in b.tables["articles"].column("id").to_pylist()})
        with self._transaction() as con:
            # a store without articles gets its index now; an older store's missing one is built whole
            created = not self.search_index_path.exists() and not _exec(con, "SELECT 1 FROM articles LIMIT 1")
            indexed = created or self.search_index_path.exists()
            stamps = ix.stamps(con, ids)
            removed: list[int] = []
            for batch in batches:
                if not batch.empty:
                    removed += _write_batch(con, batch)
            if not removed and ix.stamps(con, ids) == stamps:  # (read again: nothing to index anew)
                return
            rows = ix.article_rows(con, ids=ids) if indexed and ids else ([], [])
            before, after = ix.bump_generation(con)
        if not indexed:
            return
        try:
            ix.apply(self.path, removed, *rows, before, after, create=created)
            if ix.index_generation(self.path) != after:  # it lagged before this write: catch up now
                self.build_search_index()
        except (sqlite3.Error, StoreError):  # the generations differ: the next search or write catches up
            pass

    def search_index_behind(self) -> bool:
        """Whether the search index lacks something of the store (or does not exist) — then
        :meth:`build_search_index` brings it up to date. False for a store that does not exist."""
        if not self.exists:
            return False
        wanted = self._known("search_generation", ix.store_generation)
        return _index_generation(self.path) != wanted

    def build_search_index(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Build the search index, or bring it up to date with the store: articles it lacks
        are indexed, articles no longer stored leave it. ``progress(done, total)`` is called as
        articles are indexed. Returns the number of articles (re)indexed (0 when it was up to date)."""
        if not self.exists:
            return 0
        return ix.sync(self.path, self._read, progress=progress)

    def _read(self, fn: Callable[[duckdb.DuckDBPyConnection], object]):
        """``fn(con)`` on the store attached read-only."""
        with self._reading() as con:
            return fn(con)

    def _ready_for_search(self) -> None:
        """Catch the index up with the store before a search (it lags only after a write that
        was interrupted before its index write, or when another process writes right now);
        raises SearchIndexMissing when the store has no index at all."""
        if not self.search_index_path.exists():
            ix.connect(self.path)  # raises SearchIndexMissing, saying what to do
        if self.search_index_behind():
            self.build_search_index()

    def _resolve_hits(self, kept: Kept) -> dict:
        """``kept`` with each :class:`Hits` replaced by ``(its table, the index version)``; hits
        ranked within a kept set by ``(the Hits, the index version)``, ranked when that set is
        made (see :meth:`_rank_within`)."""
        if not any(isinstance(v, Hits) for v in kept.values()):
            return dict(kept)
        if self.exists:
            self._ready_for_search()
        version = ix.index_version(self.path)
        out = {}
        for name, value in kept.items():
            if isinstance(value, Hits) and value.within and self.exists:
                value = (value, version)
            elif isinstance(value, Hits):
                table = self._hits(value, version) if self.exists else found.no_hits(value.scope)
                value = (table, version)
            out[name] = value
        return out

    def _rank_within(self, hits: Hits, version: tuple, among: pa.Array) -> pa.Table:
        """The table of ``hits`` (ranked within a kept set) in the index of ``version`` among the
        articles numbered ``among``: only those are ranked, unless the process holds every hit of
        the search ranked, or ``among`` is most of its hits; then every hit is ranked (once: the
        next filter under the same search reads them from memory too) and those among them kept."""
        with _hits_lock:
            matched = _hits_cache.get(self._hits_key(hits.match, "articles", version))
            ranked = (self._hits_key(hits.match, "ranked", version) in _hits_cache
                      or (matched is not None and 2 * len(among) > matched.num_rows))
        if not ranked:
            return found.hits(self.path, hits.match, hits.scope, hits.limit, among=among)
        table = self._hits(Hits(hits.match, "ranked"), version)
        return table.filter(pc.is_in(table.column("seq"), value_set=among))

    def _hits_key(self, match: str, scope: str, version: tuple, limit: int | None = None) -> tuple:
        """The key of a search's hits in the process's cache (:data:`_hits_cache`)."""
        return (str(self.path), version, match, scope, limit)

    def _hits(self, hits: Hits, version: tuple) -> pa.Table:
        """The table of ``hits`` in the index of ``version``, from the process's cache when it
        holds it; the articles a search matches come from its ranked hits when those are
        cached (the Articles page asks for both: the index is read once)."""
        key = self._hits_key(hits.match, hits.scope, version, hits.limit)
        ranked = self._hits_key(hits.match, "ranked", version)
        with _hits_lock:
            if key in _hits_cache:
                _hits_cache.move_to_end(key)
                return _hits_cache[key]
            if hits.scope == "articles" and ranked in _hits_cache:
                return _hits_cache[ranked].select(["seq"])
            if hits.scope == "best" and ranked in _hits_cache:
                return found.best_of(_hits_cache[ranked], hits.limit)
        table = found.hits(self.path, hits.match, hits.scope, hits.limit)
        with _hits_lock:
            _hits_cache[key] = table
            while len(_hits_cache) > HITS_CACHED:
                _hits_cache.popitem(last=False)
        return table

    def search_count(self, match: str) -> int:
        """How many stored articles the search ``match`` (an FTS5 expression from
        :mod:`components.query.search_syntax`) hits: the index is caught up with the store first,
        so it holds one row per stored article; from the hits the process holds when it has them."""
        if not self.exists:
            return 0
        self._ready_for_search()
        version = ix.index_version(self.path)
        with _hits_lock:
            for scope in ("articles", "ranked"):
                held = _hits_cache.get(self._hits_key(match, scope, version))
                if held is not None:
                    return held.num_rows
        return found.count(self.path, match)

    # --- marks for the views ---

    def search_highlights(self, match: str, article_id: str) -> dict[str, list[tuple[int, int]]]:
        """Where the search ``match`` (an FTS5 expression from
        :mod:`components.query.search_syntax`) hits the article ``article_id``: ``{"title":
        [(start, end)…], "text": […]}`` character offsets (empty lists when it does not)."""
        self._ready_for_search()
        seq = self._article_seq(article_id)
        return found.highlights(self.path, match, seq) if seq is not None else {"title": [], "text": []}

    def search_snippets(self, match: str, seqs: Sequence[int]) -> dict[int, str]:
        """The best passage of each article numbered in ``seqs`` for ``match``, hits between
        :data:`~components.store.search_hits.HIT_OPEN` and ``HIT_CLOSE``."""
        self._ready_for_search()
        return found.snippets(self.path, match, seqs)

    def search_quote_marks(self, match: str, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """The content of each quote ``(article number, idx)`` of ``keys`` that ``match`` hits,
        hits marked as in :meth:`search_snippets`."""
        self._ready_for_search()
        return found.quote_marks(self.path, match, keys)

    def _article_seq(self, article_id: str) -> int | None:
        rows = self._read(lambda con: _exec(con, "SELECT seq FROM articles WHERE id = $id", {"id": article_id}))
        return int(rows[0][0]) if rows and rows[0][0] is not None else None


def _index_generation(path: Path) -> str | None:
    """The search generation of the index of the store at ``path``, remembered while the index
    file is unchanged."""
    version = ix.index_version(path)
    known = _generations.get(path)
    if known is None or known[0] != version:
        known = _generations[path] = (version, ix.index_generation(path))
    return known[1]


def hits_kept(match: str, scope: str = "articles", limit: int | None = None, *,
              within: str | None = None) -> tuple[str, Kept]:
    """The kept set of a search's hits: ``(its table name, {name: Hits})``; the table's columns
    are those of :func:`components.store.search_hits.hits` for ``scope`` (and ``limit``, for
    "best"); ``within``: only those among the articles of that kept set (see :class:`Hits`)."""
    extra = {**({"limit": limit} if limit is not None else {}), **({"within": within} if within else {})}
    name = kept_name("hits", {"match": match, "scope": scope, **extra})
    return name, {name: Hits(match=match, scope=scope, limit=limit, within=within)}

