"""Reading the search index (:mod:`components.store.search_index`): a search's hits, ranked or
not, and the marks of its hits in an article, a snippet or a quote. Only :mod:`components.store`
calls it (its :class:`~components.store.searching.Searching` side)."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from .connection import StoreError
from .search_index import QUOTE_SLOTS, connect

#: What marks a hit in :func:`highlights` and :func:`snippets` (private-use characters, which
#: no article text holds; one that does is shown without marks).
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"


#: A search in an index of more than this many articles reads its hits in parts at once, one
#: per CPU (at most 4), each a range of article numbers on a connection of its own: SQLite ranks
#: one hit at a time per connection (bm25: ~0.7 µs a hit), and bm25 reads its statistics from the
#: whole index, so the ranks do not depend on the parts (the best 201 of 251,000 hits: two parts
#: in 0.10–0.11 s, one in 0.17–0.18 s; the parts run side by side because SQLite keeps no memory
#: statistics in this process: :mod:`components.store.sqlite_threads`).
SPLIT_ROWS = 100_000
PARTS = max(1, min(os.cpu_count() or 1, 4))


def hits(store_path: Path, match: str, scope: str, limit: int | None = None, *,
         among: pa.Array | None = None) -> pa.Table:
    """Every hit of the FTS5 expression ``match`` (from :mod:`components.query.search_syntax`,
    never raw user text): for ``scope`` "articles" a table (seq) of the articles it matches;
    "ranked" (seq, rank) with their bm25 rank (lower is better; the title weighs 3× the body; in
    billionths, a whole number);
    "best" the first ``limit`` rows of "ranked" in :data:`BEST_ORDER` (bm25 still ranks every hit,
    but SQLite keeps each part's best as it goes: no other row crosses into Python, 0.4–0.5 s
    instead of 0.7–0.8 s for 250,000 hits); "quotes" (seq, idx, rank) for the quotes it matches.
    The rows come from SQLite as one comma-separated text per column (``group_concat``), ten
    times faster than a row at a time for half a million hits, and Arrow splits and parses them.
    The hits of a large index are read in parts at once (see :data:`PARTS`). ``among`` (article
    numbers, for "ranked" and "best"): only the hits among them are ranked and returned (SQLite
    checks each hit against them and ranks those alone: a search's hits among the articles of an
    actor, 43,663 of 251,000, ranked in 0.1 s instead of 0.4 s)."""
    if scope == "quotes":
        table, sql = "quote_text", (f"SELECT rowid / {QUOTE_SLOTS} AS seq, rowid % {QUOTE_SLOTS} AS idx,"
                                    f" {_whole('bm25(quote_text)')} AS rank FROM quote_text WHERE quote_text MATCH ?")
    elif scope in ("ranked", "best"):
        table, sql = "article_text", (f"SELECT rowid AS seq, {_whole('bm25(article_text, 3.0, 1.0)')} AS rank"
                                      " FROM article_text WHERE article_text MATCH ?")
    else:
        table, sql = "article_text", "SELECT rowid AS seq FROM article_text WHERE article_text MATCH ?"
    names = _COLUMNS[scope if scope in _COLUMNS else "articles"]
    best = scope == "best"
    order = ", ".join(f"{column}{' DESC' if way == 'descending' else ''}" for column, way in BEST_ORDER)
    tail = f" ORDER BY {order} LIMIT {max(int(limit or 0), 0)}" if best else ""
    if among is not None and scope in ("ranked", "best"):
        if not len(among):
            return no_hits(scope)
        # (the unary plus: else SQLite looks each number up in the index alone, 287 s for 43,663)
        sql += " AND +rowid IN (SELECT value FROM json_each(?))"
    else:
        among = None
    ranges = _part_ranges(store_path, table)

    def part(rowids: tuple[int, int] | None) -> tuple[str | None, ...]:
        return _hit_texts(store_path, sql, match, names, rowids, tail, among=among)

    if len(ranges) == 1:
        texts = [part(ranges[0])]
    else:
        with ThreadPoolExecutor(len(ranges)) as pool:  # (sqlite3 lets go of the GIL while it runs)
            texts = list(pool.map(part, ranges))
    types = [pa.int64() for _ in names]
    # split and parsed in Arrow: 300,000 article numbers in 11 ms (74 ms through str.split)
    parts = [pa.table([pc.split_pattern(pa.array([t], pa.string()), ",").flatten().cast(ty)
                       for t, ty in zip(part, types)], names=names) for part in texts if part[0] is not None]
    found = pa.concat_tables(parts) if parts else no_hits(scope)
    return best_of(found, limit) if best else found


def count(store_path: Path, match: str) -> int:
    """How many articles the FTS5 expression ``match`` hits (none ranked or read out: half a
    million hits counted in 0.013 s, where ranking them takes 0.34 s of CPU)."""
    with closing(connect(store_path)) as con:
        try:
            return int(con.execute("SELECT count(*) FROM article_text WHERE article_text MATCH ?", (match,)).fetchone()[0])
        except sqlite3.OperationalError as e:
            raise StoreError(f"the search index could not run this search ({e})") from e


def _whole(rank: str) -> str:
    """SQL of the bm25 ``rank`` (a real, lower is better) as a whole number of billionths: the
    order SQLite sorts the best hits by is then exactly the one DuckDB reads from the text SQLite
    hands over, and a whole number is quicker to make and to write out than a rounded real (one
    CPU ranks 251,000 hits in 0.25 s, not 0.37 s with round(rank, 9))."""
    return f"CAST({rank} * 1e9 AS INTEGER)"


#: The order of the "best" hits (:func:`hits`: SQLite's ORDER BY and Arrow's sort both read it):
#: the best match first, equal matches the article stored last first. A total order, so that
#: each part's best rows, put together, hold the best rows of all.
BEST_ORDER = (("rank", "ascending"), ("seq", "descending"))


def best_of(ranked: pa.Table, limit: int | None) -> pa.Table:
    """The first ``limit`` rows of ``ranked`` (columns seq, rank) in :data:`BEST_ORDER`."""
    return ranked.sort_by(list(BEST_ORDER)).slice(0, max(int(limit or 0), 0))


def _part_ranges(store_path: Path, table: str) -> list[tuple[int, int] | None]:
    """Ranges of ``table``'s row numbers (inclusive) that split the index's articles into
    :data:`PARTS` parts, or ``[None]`` (all at once) for an index of at most
    :data:`SPLIT_ROWS` (article numbers are dense: the first and last give the count)."""
    with closing(connect(store_path)) as con:
        first, last = (con.execute(f"SELECT rowid FROM article_text ORDER BY rowid {order} LIMIT 1").fetchone()
                       for order in ("ASC", "DESC"))
    if first is None or PARTS == 1 or last[0] - first[0] < SPLIT_ROWS:
        return [None]
    slots = QUOTE_SLOTS if table == "quote_text" else 1  # (a quote's row number: its article's × slots + idx)
    step = (last[0] - first[0]) // PARTS + 1
    return [((first[0] + i * step) * slots, (first[0] + (i + 1) * step) * slots - 1) for i in range(PARTS)]


def _hit_texts(store_path: Path, sql: str, match: str, names: Sequence[str], rowids: tuple[int, int] | None,
               tail: str = "", *, among: pa.Array | None = None) -> tuple[str | None, ...]:
    """The hits of ``sql`` (one of :func:`hits`' statements) for ``match`` (and, when ``among``
    is given, the JSON array of those numbers of it within ``rowids``: the statement's second
    value), those with a row number in ``rowids`` (inclusive; all for None), ``tail`` (an ORDER
    BY and LIMIT) appended: one comma-separated text per column of ``names`` (None for no hit)."""
    values: tuple = (match,)
    if rowids is not None:
        sql += f" AND rowid BETWEEN {int(rowids[0])} AND {int(rowids[1])}"
        if among is not None:
            among = among.filter(pc.and_(pc.greater_equal(among, rowids[0]), pc.less_equal(among, rowids[1])))
    if among is not None:  # (joined in Arrow: 250,000 numbers in 0.036 s, 0.047 s in Python)
        numbers = pa.ListArray.from_arrays(pa.array([0, len(among)], pa.int32()), among.cast(pa.string()))
        values = (match, "[" + (pc.binary_join(numbers, ",")[0].as_py() or "") + "]")
    concat = ", ".join(f"group_concat({n})" for n in names)
    # MATERIALIZED: bm25() may only run in the query that has the MATCH, not inside an aggregate;
    # without it, the aggregate runs over the MATCH itself (250,000 hits in 0.034 s, not 0.059 s)
    sql = (f"WITH h AS MATERIALIZED ({sql}{tail}) SELECT {concat} FROM h" if "bm25(" in sql
           else f"SELECT {concat} FROM ({sql}{tail})")
    with closing(connect(store_path)) as con:
        try:
            return con.execute(sql, values).fetchone()
        except sqlite3.OperationalError as e:
            raise StoreError(f"the search index could not run this search ({e})") from e


_COLUMNS = {"articles": ("seq",), "ranked": ("seq", "rank"), "best": ("seq", "rank"), "quotes": ("seq", "idx", "rank")}


def no_hits(scope: str) -> pa.Table:
    """The table of :func:`hits` when nothing matches."""
    names = _COLUMNS[scope if scope in _COLUMNS else "articles"]
    return pa.table([pa.array([], pa.int64()) for _ in names], names=names)


def _marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """``marked`` (text with hits between HIT_OPEN and HIT_CLOSE) as the text without the marks
    and the hits' ``(start, end)`` in it."""
    plain, spans, start = [], [], None
    pos = 0
    for ch in marked:
        if ch == HIT_OPEN:
            start = pos
        elif ch == HIT_CLOSE and start is not None:
            spans.append((start, pos))
            start = None
        else:
            plain.append(ch)
            pos += 1
    return "".join(plain), spans


def highlights(store_path: Path, match: str, seq: int) -> dict[str, list[tuple[int, int]]]:
    """Where ``match`` hits the article numbered ``seq``: ``{"title": spans, "text": spans}``,
    character ``(start, end)`` offsets into its title and text (empty when it is not a hit)."""
    with closing(connect(store_path)) as con:
        row = con.execute("SELECT title, body, highlight(article_text, 0, ?, ?), highlight(article_text, 1, ?, ?)"
                          " FROM article_text WHERE article_text MATCH ? AND rowid = ?",
                          (HIT_OPEN, HIT_CLOSE, HIT_OPEN, HIT_CLOSE, match, int(seq))).fetchone()
    out: dict[str, list[tuple[int, int]]] = {"title": [], "text": []}
    if row is None:
        return out
    for key, original, marked in (("title", row[0], row[2]), ("text", row[1], row[3])):
        if HIT_OPEN not in (original or "") and HIT_CLOSE not in (original or ""):
            out[key] = _marked_spans(marked or "")[1]
    return out


def snippets(store_path: Path, match: str, seqs: Sequence[int], *, words: int = 16) -> dict[int, str]:
    """The best passage (about ``words`` words, "…" where cut) of each article numbered in
    ``seqs`` that ``match`` hits, with the hits between :data:`HIT_OPEN` and :data:`HIT_CLOSE`."""
    if not seqs:
        return {}
    snippet = "snippet(article_text, -1, $open, $close, '…', $words)"
    if "*" in match:  # a prefix: FTS5 would merge its words' lists once per number, so the hits are scanned once
        sql = (f"WITH h AS MATERIALIZED (SELECT rowid AS id, CASE WHEN rowid IN (SELECT value FROM json_each($seqs))"
               f" THEN {snippet} END AS s FROM article_text WHERE article_text MATCH $match)"
               " SELECT id, s FROM h WHERE s IS NOT NULL")
    else:
        sql = (f"SELECT rowid, {snippet} FROM article_text WHERE article_text MATCH $match"
               " AND rowid IN (SELECT value FROM json_each($seqs))")
    params = {"open": HIT_OPEN, "close": HIT_CLOSE, "words": int(words), "match": match,
              "seqs": "[" + ",".join(str(int(s)) for s in seqs) + "]"}
    with closing(connect(store_path)) as con:
        rows = con.execute(sql, params).fetchall()
    return {int(s): text for s, text in rows}


def quote_marks(store_path: Path, match: str, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The content of each quote ``(article number, idx)`` in ``keys`` that ``match`` hits, with
    the hits between :data:`HIT_OPEN` and :data:`HIT_CLOSE`."""
    if not keys:
        return {}
    ids = "[" + ",".join(str(int(s) * QUOTE_SLOTS + int(i)) for s, i in keys) + "]"
    with closing(connect(store_path)) as con:
        rows = con.execute(
            f"SELECT rowid / {QUOTE_SLOTS}, rowid % {QUOTE_SLOTS}, highlight(quote_text, 0, ?, ?) FROM quote_text"
            " WHERE quote_text MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
            (HIT_OPEN, HIT_CLOSE, match, ids)).fetchall()
    return {(int(s), int(i)): text for s, i, text in rows}
