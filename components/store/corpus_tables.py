"""The corpus-level tables ``actors`` and ``actor_aliases`` (and ``article_actors``,
``place_counts``, ``country_counts``): their rebuild from ``entities`` (and ``places``) and the
``actors_stale`` flag that says they lag behind it.

Every write of extractions sets the flag (:func:`_mark_actors_stale`, in the write's transaction);
:meth:`Store.rebuild_actors <components.store.Store.rebuild_actors>` reads the actor counts
(:func:`_read_actor_counts`), merges the names outside the lock
(:func:`components.actors.merge_corpus`, then :func:`_resolve_chains` and
:func:`_mapping_table`) and fills the tables (:func:`_write_actors`), clearing the flag unless a write changed the counts meanwhile.
"""
from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa

from .connection import _exec
from .schema import FILL_CORPUS_COUNTS, _set_meta, _utcnow


def _actors_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the attached store's ``actors`` tables lag behind ``entities`` (see
    :meth:`Store.actors_stale <components.store.Store.actors_stale>`)."""
    keys = {r[0] for r in _exec(con, "SELECT key FROM meta WHERE key IN ('actors_stale', 'actors_built_at')")}
    if "actors_stale" in keys:
        return True
    return "actors_built_at" not in keys and bool(_exec(con, "SELECT EXISTS (SELECT 1 FROM entities)")[0][0])


def _mark_actors_stale(con: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """Set the ``actors_stale`` flag (keeping its time if it is set already), inside the caller's
    transaction: a crash before the next rebuild leaves it set."""
    _exec(con, "INSERT OR IGNORE INTO meta VALUES ('actors_stale', $now)",
          {"now": now.isoformat(timespec="seconds")})


def _read_actor_counts(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple], tuple]:
    """The (actor name, type, mentions, language of the articles) rows the merge reads, sorted,
    and their fingerprint."""
    counts = _exec(con, _ACTOR_COUNTS_SQL + " ORDER BY ALL")
    fingerprint = _exec(con, _ACTOR_COUNTS_FINGERPRINT_SQL)[0]
    return counts, fingerprint


def _mapping_table(mapping: dict[str, str]) -> pa.Table:
    """``mapping`` (alias → actor, chains resolved) as the Arrow table :func:`_write_actors` reads
    (built before the lock is taken)."""
    return pa.table({"alias": list(mapping), "actor": list(mapping.values())},
                    schema=pa.schema([("alias", pa.string()), ("actor", pa.string())]))


def _write_actors(con: duckdb.DuckDBPyConnection, mapping: pa.Table, fingerprint: tuple) -> None:
    """Refill ``actors`` and ``actor_aliases`` from ``entities`` with ``mapping`` (from
    :func:`_mapping_table`), ``article_actors`` from both, ``place_counts`` and
    ``country_counts`` from ``places``,
    inside the caller's transaction; clear ``actors_stale`` if the
    counts still match ``fingerprint`` (from :func:`_read_actor_counts`)."""
    con.register("dl_mapping", mapping)
    try:
        for sql in [*_REBUILD_ACTORS_SQL, *FILL_CORPUS_COUNTS]:
            _exec(con, sql)
        _set_meta(con, "actors_built_at", _utcnow().isoformat(timespec="seconds"))
        # Up to date only if no write changed the counts the merge was computed from.
        if _exec(con, _ACTOR_COUNTS_FINGERPRINT_SQL)[0] == fingerprint:
            _exec(con, "DELETE FROM meta WHERE key = 'actors_stale'")
    finally:
        con.unregister("dl_mapping")


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
_ACTOR_COUNTS_SQL = ("SELECT e.actor, e.actor_type, count(*) AS n, a.language FROM entities e"
                     " JOIN articles a ON a.id = e.article_id WHERE e.actor IS NOT NULL GROUP BY ALL")
#: A fingerprint of those counts, to tell whether they changed between two reads.
_ACTOR_COUNTS_FINGERPRINT_SQL = (f"SELECT count(*), coalesce(sum(hash(actor, actor_type, n, language)), 0)"
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
