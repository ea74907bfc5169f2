"""The full-text search index: an SQLite FTS5 file beside the store (``<store>.search``).

DuckDB's ``fts`` extension is not in the wheel (and the ``duckdb-extension-fts`` wheel follows
DuckDB 1.5, not the 2.0 the project pins), so the index is SQLite's FTS5, in Python's standard
library: phrases, AND / OR / NOT, prefixes, bm25 ranking, snippets and highlights, and in WAL
mode readers keep reading while a writer writes. Only :mod:`components.store` opens the file
(this module keeps it up to date; :mod:`components.store.search_hits` reads the hits of a search).

Tables of the index file (all keyed by the article's number, ``articles.seq``):

- ``article_text`` (FTS5: ``title``, ``body``): one row per article, ``rowid`` = its number;
- ``quote_text`` (FTS5: ``content``): one row per quote, ``rowid`` = number × 65536 + ``quotes.idx``;
- ``indexed`` (``seq``, ``stamp``): the articles indexed, with their id and the extraction they
  were indexed with (``id|pipeline_version|extracted_at``), so that a re-extraction re-indexes
  its quotes;
- ``meta`` (``key``, ``value``): ``generation``, the store's ``meta.search_generation`` the
  index holds everything of.

Keeping up. Every write of articles (:meth:`Store.write <components.store.Store.write>` …)
sets a new ``meta.search_generation`` in the store's transaction, then, after the commit, writes
the batch's articles to the index and the same generation into the index's ``meta`` (only if
the index held everything before: :func:`apply`). A crash between the two leaves the
generations different: the next write or search notices and :func:`sync` catches up by
comparing the ``indexed`` stamps with the store's articles. Tokens: ``unicode61
remove_diacritics 2`` (case and accents ignored: "Zurich" finds "Zürich").
"""
from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from pathlib import Path

import duckdb

from .connection import StoreError, _exec

#: The index file of a store: the store's path with this appended.
SUFFIX = ".search"
#: Quotes per article the ``quote_text`` row ids leave room for (number × QUOTE_SLOTS + idx).
QUOTE_SLOTS = 65536
#: Articles read from the store and written to the index per step of :func:`sync`.
SYNC_CHUNK = 2000
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS indexed (seq INTEGER PRIMARY KEY, stamp TEXT NOT NULL)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS article_text USING fts5(title, body, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS quote_text USING fts5(content, {_TOKENIZE})",
]
#: The stamp of an ``articles`` row ``a``: its id and extraction (so it changes when the article is
#: extracted anew, and a number given to another article in a store made anew never matches).
STAMP = "a.id || '|' || coalesce(a.pipeline_version, '') || '|' || coalesce(CAST(a.extracted_at AS VARCHAR), '')"


class SearchIndexMissing(StoreError):
    """The store has articles the search index lacks (or no index yet): build it with
    ``python -m components search-index`` (the app builds it on the first search)."""


def index_path(store_path: Path) -> Path:
    """The index file of the store at ``store_path``."""
    return Path(str(store_path) + SUFFIX)


def index_version(store_path: Path) -> tuple[int, ...]:
    """Something that changes whenever the index of ``store_path`` is written (its file's and
    its WAL's sizes and modification times)."""
    out: list[int] = []
    for suffix in ("", "-wal"):
        try:
            st = Path(str(index_path(store_path)) + suffix).stat()
            out += [st.st_size, st.st_mtime_ns]
        except OSError:
            out += [0, 0]
    return tuple(out)


def connect(store_path: Path, *, create: bool = False) -> sqlite3.Connection:
    """A connection to the index of ``store_path`` (WAL mode; waits up to 30 s for another
    writer). Raises SearchIndexMissing when it does not exist and ``create`` is False."""
    path = index_path(store_path)
    if not create and not path.exists():
        raise SearchIndexMissing(
            f"the store {store_path} has no search index yet: build it once with `python -m components "
            f"search-index --db {store_path}` (the app builds it on the first search)")
    con = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        if create:
            for sql in _SCHEMA:
                con.execute(sql)
    except sqlite3.DatabaseError as e:
        con.close()
        raise StoreError(f"{path} is not a usable search index ({e}): delete it and run `python -m "
                         f"components search-index --db {store_path}` to build it again") from e
    return con


# --- the store side: generations and the rows to index ----------------------------------------

def store_generation(con: duckdb.DuckDBPyConnection) -> str:
    """The attached store's ``meta.search_generation`` ("" when none was ever set)."""
    rows = _exec(con, "SELECT value FROM meta WHERE key = 'search_generation'")
    return rows[0][0] if rows else ""


def bump_generation(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """Give the attached store (inside its write transaction) a new ``search_generation``;
    returns ``(before, after)``."""
    before, after = store_generation(con), uuid.uuid4().hex
    _exec(con, "INSERT OR REPLACE INTO meta VALUES ('search_generation', $g)", {"g": after})
    return before, after


def stamps(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """``{id: (seq, stamp)}`` of the stored articles among ``ids``."""
    rows = _exec(con, f"SELECT a.id, a.seq, {STAMP} FROM articles a WHERE a.id IN (SELECT unnest($ids::VARCHAR[]))",
                 {"ids": list(ids)})
    return {i: (seq, stamp) for i, seq, stamp in rows}


def article_rows(con: duckdb.DuckDBPyConnection, *, ids: Sequence[str] = (),
                 seqs: Sequence[int] = ()) -> tuple[list[tuple], list[tuple]]:
    """The index rows of the stored articles with these ``ids`` or numbers ``seqs``:
    ``([(seq, stamp, title, text)], [(quote rowid, content)])``."""
    where = ("a.id IN (SELECT unnest($keys::VARCHAR[]))" if ids
             else "a.seq IN (SELECT unnest($keys::BIGINT[]))")
    keys = list(ids) if ids else [int(s) for s in seqs]
    articles = _exec(con, f"SELECT a.seq, {STAMP}, coalesce(a.title, ''), a.text FROM articles a WHERE {where}",
                     {"keys": keys})
    quotes = _exec(con, f"SELECT q.article_seq * {QUOTE_SLOTS} + q.idx, q.content FROM quotes q"
                   f" JOIN articles a ON a.seq = q.article_seq WHERE {where} AND q.idx < {QUOTE_SLOTS}",
                   {"keys": keys})
    return articles, quotes


# --- the index side -------------------------------------------------------------------------------

def index_generation(store_path: Path) -> str | None:
    """The generation the index of ``store_path`` holds everything of; None without an index
    (or before its first complete build)."""
    if not index_path(store_path).exists():
        return None
    with closing(connect(store_path, create=True)) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return row[0] if row else None


def _write_rows(con: sqlite3.Connection, removed: Iterable[int], articles: list[tuple],
                quotes: list[tuple]) -> None:
    """Delete the articles ``removed`` and those of ``articles`` from the index, then add
    ``articles`` and their ``quotes`` (inside the caller's transaction)."""
    gone = [(seq,) for seq in sorted({int(s) for s in removed} | {int(r[0]) for r in articles})]
    con.executemany("DELETE FROM article_text WHERE rowid = ?", gone)
    con.executemany(f"DELETE FROM quote_text WHERE rowid >= ? * {QUOTE_SLOTS} AND rowid < (? + 1) * {QUOTE_SLOTS}",
                    [(seq, seq) for seq, in gone])
    con.executemany("DELETE FROM indexed WHERE seq = ?", gone)
    con.executemany("INSERT INTO article_text (rowid, title, body) VALUES (?, ?, ?)",
                    [(s, title, text) for s, _, title, text in articles])
    con.executemany("INSERT INTO indexed (seq, stamp) VALUES (?, ?)", [(s, stamp) for s, stamp, _, _ in articles])
    con.executemany("INSERT INTO quote_text (rowid, content) VALUES (?, ?)", quotes)


def apply(store_path: Path, removed: Iterable[int], articles: list[tuple], quotes: list[tuple],
          before: str, after: str, *, create: bool) -> None:
    """Write one committed batch into the index: ``removed`` article numbers leave it,
    ``articles`` and ``quotes`` (as :func:`article_rows` gives them) replace what it held of
    them. The index's generation becomes ``after`` only if it was ``before`` (it held
    everything until this batch); otherwise it stays behind, for :func:`sync`. No index file
    is created unless ``create`` (a new store), so an older store's missing index stays missing
    (and is built whole, with a progress bar) rather than holding only its newest articles."""
    if not create and not index_path(store_path).exists():
        return
    with closing(connect(store_path, create=True)) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            _write_rows(con, removed, articles, quotes)
            row = con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            if (row[0] if row else (before if create else None)) == before:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (after,))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def plan(stored: dict[int, str], indexed: dict[int, str]) -> tuple[list[int], list[int]]:
    """What :func:`sync` does: ``(numbers to remove, numbers to (re)index)`` from the store's
    ``{seq: stamp}`` and the index's."""
    remove = sorted(s for s, stamp in indexed.items() if stored.get(s) != stamp)
    add = sorted(s for s, stamp in stored.items() if indexed.get(s) != stamp)
    return remove, add


def sync(store_path: Path, read: Callable, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Bring the index of the store at ``store_path`` up to date with it (creating it if
    missing): articles it lacks or holds with another stamp are (re)indexed, those no longer
    stored leave it. ``read(fn)`` runs ``fn(con)`` on the store attached read-only and returns
    its result (the store is attached once per chunk, never held between chunks). ``progress(done,
    total)`` is called after each chunk. Returns the number of articles (re)indexed."""
    generation, stored = read(lambda con: (store_generation(con), dict(_exec(con, f"SELECT a.seq, {STAMP} FROM articles a"))))
    with closing(connect(store_path, create=True)) as con:
        con.execute("BEGIN IMMEDIATE")  # (what it holds, read and pruned with no write between)
        indexed = dict(con.execute("SELECT seq, stamp FROM indexed").fetchall())
        remove, add = plan(stored, indexed)
        if indexed and len(remove) == len(indexed):  # nothing to keep: emptied at once, not row by row
            for sql in ("DROP TABLE article_text", "DROP TABLE quote_text", "DELETE FROM indexed", *_SCHEMA):
                con.execute(sql)
        else:
            _write_rows(con, remove, [], [])
        con.execute("COMMIT")
        total = len(add)
        if progress:
            progress(0, total)
        for i in range(0, total, SYNC_CHUNK):
            chunk = add[i:i + SYNC_CHUNK]
            articles, quotes = read(lambda c: article_rows(c, seqs=chunk))
            con.execute("BEGIN IMMEDIATE")
            _write_rows(con, [], articles, quotes)
            con.execute("COMMIT")
            if progress:
                progress(min(i + SYNC_CHUNK, total), total)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
    return total
