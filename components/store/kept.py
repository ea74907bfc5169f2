"""Row sets kept between statements: the filtered articles that a view's statements share.

A dashboard page runs several statements over the same filtered articles (counts, timeline,
places, actors, quotes …). Rather than each statement evaluating the Filter again (at a million
articles, ~0.07 s a time for one actor), the set is computed once, as a temporary table of the
process's host connection (see :mod:`components.store.connection`), and later statements read it
by name while the store file is unchanged (:func:`file_version`). The :data:`KEPT_TABLES` most
recently used sets stay in memory; older ones are dropped.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from .connection import _exec

#: Kept sets held at once per process: a Filter keeps up to three (its articles, at most one row
#: per article, its number and date: ~12 MB for a set of a million articles; and its actors'
#: and places' totals, a row per actor or place), a search one more for its hits.
KEPT_TABLES = 12
_NAME = re.compile(r"kept_[0-9a-f]{20}\Z")



@dataclass(frozen=True)
class Hits:
    """The hits of a search as a kept set (see :func:`components.store.searching.hits_kept`).

    match: the FTS5 expression (from :mod:`components.query.search_syntax`, never raw user text).
    scope: "articles" (rows seq), "ranked" (seq, rank), "best" (the ``limit`` best of
    "ranked") or "quotes" (seq, idx, rank).
    within: for "ranked" and "best", the name of a kept set listed before it (column seq): only
    the hits among its articles are ranked (a Filter's articles: its search's hits that the other
    conditions keep), read from it when this set is made."""

    match: str
    scope: str = "articles"
    limit: int | None = None
    within: str | None = None


Kept = Mapping[str, "tuple[str, dict] | Hits"]
"""Kept sets a statement reads: table name (from :func:`kept_name`) → the ``(sql, params)`` of
its rows, or the :class:`Hits` of a search (listed before the sets whose SQL reads them, and
after the set it is ranked within)."""
#: Ranks a search's hits among some articles: ``(hits, index version, article numbers) → (seq,
#: rank) table`` (the store's, for a :class:`Hits` with ``within``).
RankWithin = Callable[[Hits, tuple, pa.Array], pa.Table]


def kept_name(sql: str, params: Mapping) -> str:
    """The table name of the rows of ``sql`` with ``params``: ``kept_`` and a digest of both, so
    the same statement with the same values names the same kept set."""
    text = json.dumps([sql, sorted(params.items())], default=str)
    return "kept_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def file_version(path: str | Path) -> tuple[int, ...]:
    """Something that changes whenever the store at ``path`` is written, by this process or
    another: the file's inode, size, modification and change times (ns), and its write-ahead
    log's size and modification time; zeros for a store that does not exist."""
    p = Path(path)
    try:
        main = p.stat()
    except OSError:
        return (0, 0, 0, 0, 0, 0)
    try:
        wal = Path(str(p) + ".wal").stat()
        log = (wal.st_size, wal.st_mtime_ns)
    except OSError:
        log = (0, 0)
    return (main.st_ino, main.st_size, main.st_mtime_ns, main.st_ctime_ns, *log)


def use_kept(con: duckdb.DuckDBPyConnection, held: dict[str, tuple], kept: Kept, stamp: tuple,
             rank_within: RankWithin | None = None) -> None:
    """Make every set of ``kept`` readable by its name on ``con`` (the host connection, with the
    store attached): computed now unless ``held`` (name → stamp, the host's record of its kept
    tables, oldest first) has it with this ``stamp`` (the store's path and :func:`file_version`).
    Then drop the least recently used beyond :data:`KEPT_TABLES`. A search's hits come as
    ``(Arrow table, index version)`` (resolved by the store): every set of ``kept`` then counts
    as made only for that index version too, as their SQL reads the hits (the version counted
    once: the Overview's counts read the hits in articles and in quotes, the top actors only those
    in articles, and they share the same sets). Hits ranked within a set come as ``(Hits, index
    version)``: ``rank_within`` ranks them among that set's articles when they are made."""
    versions = sorted({value[1] for value in kept.values() if isinstance(value[0], (pa.Table, Hits))})
    stamp = (*stamp, *(part for version in versions for part in version))
    for name, (sql, params) in kept.items():
        if not _NAME.match(name):
            raise ValueError(f"not a kept set's name: {name!r} (see kept_name)")
        if held.get(name) == stamp:  # (recorded once made: an interrupted one is made anew)
            pass
        elif isinstance(sql, (pa.Table, Hits)):
            if isinstance(sql, Hits):  # (ranked among the articles of a set made before it)
                if rank_within is None or sql.within not in held:
                    raise ValueError(f"hits ranked within {sql.within!r}: no such set before them, or nothing to rank")
                among = con.sql(f"SELECT seq FROM {sql.within}").to_arrow_table().column("seq")
                sql = rank_within(sql, params, among.combine_chunks())  # (params: the index version)
            con.register("dl_search_hits", sql)
            try:
                _exec(con, f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM dl_search_hits")
            finally:
                con.unregister("dl_search_hits")
        else:
            _exec(con, f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}", dict(params) or None)
        held.pop(name, None)
        held[name] = stamp  # now the most recently used
    while len(held) > max(KEPT_TABLES, len(kept)):
        oldest = next(iter(held))
        del held[oldest]
        _exec(con, f"DROP TABLE IF EXISTS temp.main.{oldest}")
