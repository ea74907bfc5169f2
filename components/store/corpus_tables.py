"""The corpus-level tables ``actors`` and ``actor_aliases`` (and ``article_actors``,
``article_places``, ``place_counts``, ``country_counts``): their rebuild from ``entities`` (and
``places``) and the ``actors_stale`` flag that says they lag behind it.

Every write of extractions sets the flag (:func:`_mark_actors_stale`, in the write's transaction);
:meth:`Store.rebuild_actors <components.store.Store.rebuild_actors>` reads the actor counts
(:func:`_read_actor_counts`), merges the names outside the lock
(:func:`components.actors.merge_corpus`, then :func:`_resolve_chains` and
:func:`_mapping_table`) and fills the tables (:func:`_write_actors`), clearing the flag unless a write changed the counts meanwhile.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from .connection import _exec
from .schema import (ARTICLE_ACTORS_FROM, ARTICLE_PLACES_FROM, COUNTED_ALL, FILL_ARTICLE_ACTORS,
                     FILL_ARTICLE_PLACES, FILL_PLACE_COUNTS, PLACE_COUNTS_FROM, PLACE_SHOWN, _set_meta, _utcnow)

if TYPE_CHECKING:
    from .corrections import Corrected

#: Up to this share of the articles touched by changed merges, a rebuild refreshes only their
#: ``article_actors`` rows; above it, the whole table is refilled (sorted by actor again).
REFRESH_SHARE = 0.1


def _actors_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the attached store's ``actors`` tables lag behind ``entities`` (see
    :meth:`Store.actors_stale <components.store.Store.actors_stale>`)."""
    keys = {r[0] for r in _exec(con, "SELECT key FROM meta WHERE key IN ('actors_stale', 'actors_built_at')")}
    if "actors_stale" in keys:
        return True
    return "actors_built_at" not in keys and bool(_exec(con, "SELECT EXISTS (SELECT 1 FROM entities)")[0][0])


def _mark_counts_for_refill(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Make the next rebuild refill ``place_counts``, ``country_counts`` and ``article_places``
    whole (inside the caller's transaction) when any of the stored articles ``ids``, whose rows a
    write is about to remove or replace, is counted already (numbered up to ``meta.counts_seq``):
    counting only the articles numbered since cannot take those rows back."""
    if ids and _exec(con, """SELECT EXISTS (SELECT 1 FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))
                             AND seq <= (SELECT TRY_CAST(value AS BIGINT) FROM meta WHERE key = 'counts_seq'))""",
                     {"ids": ids})[0][0]:
        _exec(con, "INSERT OR IGNORE INTO meta VALUES ('counts_refill', 'yes')")


def _mark_actors_stale(con: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """Set the ``actors_stale`` flag (keeping its time if it is set already), inside the caller's
    transaction: a crash before the next rebuild leaves it set."""
    _exec(con, "INSERT OR IGNORE INTO meta VALUES ('actors_stale', $now)",
          {"now": now.isoformat(timespec="seconds")})


def _read_actor_counts(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple], tuple[list[tuple], list[tuple]], tuple]:
    """What the merge reads (:func:`components.actors.merge_corpus`): the (actor name, type,
    mentions, language of the articles) rows, sorted; its evidence, in its order of arguments:
    the (acronym as written, actor its article resolved it to, articles) rows and the (party
    name, name without "Party", articles naming both, articles naming the party) rows; and the
    fingerprint of the first."""
    counts = _exec(con, _ACTOR_COUNTS_SQL + " ORDER BY ALL")
    evidence = (_exec(con, _ACRONYMS_SQL + " ORDER BY ALL"), _exec(con, _PARTIES_SQL + " ORDER BY ALL"))
    fingerprint = _exec(con, _ACTOR_COUNTS_FINGERPRINT_SQL)[0]
    return counts, evidence, fingerprint


def _mapping_table(machine: dict[str, str], corrected: "Corrected | None" = None) -> tuple[pa.Table, pa.Table]:
    """The Arrow tables :func:`_write_actors` reads (built before the lock is taken): the names
    whose actor is not themselves or that are hidden (``alias, actor, machine_actor, hidden``),
    and the actors whose type a correction sets (``actor, actor_type``).

    machine: alias → actor as the automatic merge chose (chains resolved; names absent stand for
        themselves); corrected: the analysts' corrections applied to it
        (:func:`components.store.corrections.apply_to_names`), None for none."""
    final = corrected.actors if corrected else machine
    hidden = corrected.hidden if corrected else set()
    names = sorted(set(machine) | set(final) | hidden)
    rows = {"alias": names, "actor": [final.get(n, n) for n in names],
            "machine_actor": [machine.get(n, n) for n in names],
            "hidden": [final.get(n, n) in hidden for n in names]}
    mapping = pa.table(rows, schema=pa.schema([("alias", pa.string()), ("actor", pa.string()),
                                               ("machine_actor", pa.string()), ("hidden", pa.bool_())]))
    types = corrected.types if corrected else {}
    return mapping, pa.table({"actor": list(types), "actor_type": list(types.values())},
                             schema=pa.schema([("actor", pa.string()), ("actor_type", pa.string())]))


def _write_actors(con: duckdb.DuckDBPyConnection, mapping: tuple[pa.Table, pa.Table], fingerprint: tuple | None) -> None:
    """Refill ``actors`` and ``actor_aliases`` from ``entities`` with ``mapping`` (the two tables
    of :func:`_mapping_table`), and bring ``article_actors`` (:func:`_refresh_article_actors`),
    ``article_places``, ``place_counts`` and ``country_counts`` (:func:`_refresh_place_counts`)
    up to date, inside the caller's transaction; clear ``actors_stale`` if the counts still match
    ``fingerprint`` (from :func:`_read_actor_counts`; None: leave the flag as it is)."""
    con.register("dl_mapping", mapping[0])
    con.register("dl_types", mapping[1])
    try:
        _exec(con, "CREATE OR REPLACE TEMP TABLE dl_old_aliases AS SELECT alias, actor, hidden FROM actor_aliases")
        for sql in _REBUILD_ACTORS_SQL:
            _exec(con, sql)
        _refresh_article_actors(con)
        _refresh_place_counts(con)
        _set_meta(con, "actors_built_at", _utcnow().isoformat(timespec="seconds"))
        # Up to date only if no write changed the counts the merge was computed from.
        if fingerprint is not None and _exec(con, _ACTOR_COUNTS_FINGERPRINT_SQL)[0] == fingerprint:
            _exec(con, "DELETE FROM meta WHERE key = 'actors_stale'")
    finally:
        con.unregister("dl_mapping")
        con.unregister("dl_types")
        _exec(con, "DROP TABLE IF EXISTS temp.dl_old_aliases")


def _refresh_article_actors(con: duckdb.DuckDBPyConnection) -> None:
    """``article_actors`` after the merge changed: every write added its articles' rows with the
    names canonical then, so only the articles that mention a name whose canonical actor (or
    whether it is hidden) just changed (``dl_old_aliases`` → ``actor_aliases``) get their rows again; when they are many
    (:data:`REFRESH_SHARE`), or nothing was built before, the table is refilled whole."""
    _exec(con, """CREATE OR REPLACE TEMP TABLE dl_redo AS SELECT DISTINCT e.article_seq FROM entities e
                  WHERE e.actor IN (SELECT n.alias FROM actor_aliases n LEFT JOIN dl_old_aliases o USING (alias)
                                    WHERE coalesce(o.actor, n.alias) <> n.actor
                                       OR coalesce(o.hidden, false) <> n.hidden)""")
    try:
        redo, built, total = _exec(con, "SELECT (SELECT count(*) FROM dl_redo), (SELECT count(*) FROM dl_old_aliases),"
                                        " (SELECT count(*) FROM articles)")[0]
        if not built or redo > REFRESH_SHARE * total:
            for sql in FILL_ARTICLE_ACTORS:
                _exec(con, sql)
        elif redo:
            _exec(con, "DELETE FROM article_actors WHERE article_seq IN (SELECT article_seq FROM dl_redo)")
            _exec(con, "INSERT INTO article_actors " + ARTICLE_ACTORS_FROM.format(
                entities="(SELECT * FROM entities WHERE article_seq IN (SELECT article_seq FROM dl_redo))"))
    finally:
        _exec(con, "DROP TABLE IF EXISTS temp.dl_redo")


def _refresh_place_counts(con: duckdb.DuckDBPyConnection) -> None:
    """``place_counts``, ``country_counts`` and ``article_places`` brought up to date: counted
    again only for the places and countries of the articles stored since the last count
    (``meta.counts_seq``: the highest article number counted; their rows add to the counts, as no
    write since removed any: see :func:`_mark_counts_for_refill`), else refilled whole. Records
    the new ``counts_seq``."""
    meta = dict(_exec(con, "SELECT key, value FROM meta WHERE key IN ('counts_seq', 'counts_refill')"))
    if "counts_seq" not in meta or "counts_refill" in meta:
        for sql in (*FILL_PLACE_COUNTS, *FILL_ARTICLE_PLACES):
            _exec(con, sql)
    else:
        for sql in _ADD_PLACE_COUNTS:
            _exec(con, sql, {"since": int(meta["counts_seq"])} if "$since" in sql else None)
    for sql in COUNTED_ALL:
        _exec(con, sql)


#: ``place_counts``, ``country_counts`` and ``article_places`` with the places of the articles
#: numbered above ``$since``: the rows of each place they mention counted again (its commonest
#: coordinates may change), their mentions of each country added, their rows of ``article_places``
#: added (after every other article's: the table stays sorted by article number).
_ADD_PLACE_COUNTS = [
    """INSERT INTO article_places """ + ARTICLE_PLACES_FROM.format(
        places="(SELECT * FROM places p WHERE article_seq > $since AND " + PLACE_SHOWN.format(p="p") + ")")
    + " ORDER BY 1, 2, 3",
    """CREATE OR REPLACE TEMP TABLE dl_place_keys AS SELECT DISTINCT name, country_code FROM places p
       WHERE article_seq > $since AND name IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL AND """
    + PLACE_SHOWN.format(p="p"),
    """DELETE FROM place_counts WHERE EXISTS (SELECT 1 FROM dl_place_keys k WHERE k.name = place_counts.name
       AND k.country_code IS NOT DISTINCT FROM place_counts.country_code)""",
    "INSERT INTO place_counts " + PLACE_COUNTS_FROM.format(
        places="(SELECT p.* FROM places p SEMI JOIN dl_place_keys k ON k.name = p.name"
               " AND k.country_code IS NOT DISTINCT FROM p.country_code WHERE " + PLACE_SHOWN.format(p="p") + ")"),
    "DROP TABLE temp.dl_place_keys",
    """CREATE OR REPLACE TEMP TABLE dl_new_countries AS
       SELECT country_code, count(*) AS n_mentions, count(DISTINCT article_seq) AS n_articles FROM places p
       WHERE article_seq > $since AND country_code IS NOT NULL AND """ + PLACE_SHOWN.format(p="p") + """
       GROUP BY country_code""",
    """UPDATE country_counts SET n_mentions = country_counts.n_mentions + d.n_mentions,
       n_articles = country_counts.n_articles + d.n_articles
       FROM dl_new_countries d WHERE d.country_code = country_counts.country_code""",
    """INSERT INTO country_counts SELECT * FROM dl_new_countries
       WHERE country_code NOT IN (SELECT country_code FROM country_counts)""",
    "DROP TABLE temp.dl_new_countries",
]


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
                     " JOIN articles a ON a.seq = e.article_seq WHERE e.actor IS NOT NULL GROUP BY ALL")
#: Mentions written as an acronym (capitals, 2–8 letters) that their article resolved to another
#: name (the organisation it spells out there): the evidence of :func:`components.actors.acronym_merges`.
_ACRONYMS_SQL = ("SELECT text, actor, count(DISTINCT article_seq) AS n FROM entities WHERE actor IS NOT NULL"
                 " AND text <> actor AND regexp_full_match(text, '[A-Z]{2,8}') GROUP BY ALL")
#: Party names ("Labour Party") and the names without "Party" ("Labour") their articles name too:
#: the evidence of :func:`components.actors.merge.party_merges` (the same pattern as its ``PARTY_NAME``).
_PARTIES_SQL = r"""
    WITH party AS (SELECT DISTINCT article_seq, actor, lower(regexp_extract(actor, '(?i)^(\S.*?)\s+party$', 1)) AS base
                   FROM entities WHERE regexp_full_match(actor, '(?i)\S.*?\s+party')),
         articles AS (SELECT actor, count(*) AS n FROM party GROUP BY actor)
    SELECT p.actor, b.actor AS short, count(DISTINCT p.article_seq) AS together, any_value(a.n) AS n
    FROM party p JOIN entities b ON b.article_seq = p.article_seq AND lower(b.actor) = p.base
    JOIN articles a ON a.actor = p.actor GROUP BY p.actor, b.actor"""
#: A fingerprint of those counts, to tell whether they changed between two reads.
_ACTOR_COUNTS_FINGERPRINT_SQL = (f"SELECT count(*), coalesce(sum(hash(actor, actor_type, n, language)), 0)"
                                 f" FROM ({_ACTOR_COUNTS_SQL})")

_REBUILD_ACTORS_SQL = [
    "DELETE FROM actors",
    "DELETE FROM actor_aliases",
    """
    INSERT INTO actor_aliases
    SELECT e.actor, coalesce(any_value(m.actor), e.actor), count(*), coalesce(any_value(m.machine_actor), e.actor),
           coalesce(any_value(m.hidden), false)
    FROM entities e LEFT JOIN dl_mapping m ON m.alias = e.actor
    WHERE e.actor IS NOT NULL
    GROUP BY e.actor
    """,
    """
    INSERT INTO actors
    WITH mentions AS (
        SELECT al.actor, e.actor_type, e.role, e.article_seq
        FROM entities e JOIN actor_aliases al ON al.alias = e.actor WHERE NOT al.hidden
    ), types AS (
        SELECT actor, actor_type, count(*) AS n, count(role) AS n_roles FROM mentions
        WHERE actor_type IS NOT NULL GROUP BY ALL
    ), best_type AS (  -- ties: see docs/store.md
        SELECT actor, first(actor_type ORDER BY n DESC, n_roles DESC,
                            actor_type = 'group' AND n IS NOT DISTINCT FROM person_n, actor_type) AS actor_type
        FROM (SELECT *, max(n) FILTER (WHERE actor_type = 'person') OVER (PARTITION BY actor) AS person_n FROM types)
        GROUP BY actor
    ), role_counts AS (
        SELECT actor, role, count(*) AS n FROM mentions WHERE role IS NOT NULL GROUP BY ALL
    ), role_lists AS (
        SELECT actor, list(role ORDER BY n DESC, role) AS roles FROM role_counts GROUP BY actor
    ), alias_lists AS (
        SELECT actor, list(alias ORDER BY n_mentions DESC, alias) AS aliases FROM actor_aliases
        WHERE NOT hidden GROUP BY actor
    ), quote_counts AS (
        SELECT coalesce(al.actor, q.speaker) AS actor, count(*) AS n
        FROM quotes q LEFT JOIN actor_aliases al ON al.alias = q.speaker
        WHERE q.speaker IS NOT NULL AND al.hidden IS NOT TRUE GROUP BY ALL
    ), stats AS (
        SELECT m.actor, count(*) AS n_mentions, count(DISTINCT m.article_seq) AS n_articles,
               min(a.date) AS first_date, max(a.date) AS last_date
        FROM mentions m LEFT JOIN articles a ON a.seq = m.article_seq GROUP BY m.actor
    )
    SELECT s.actor, coalesce(o.actor_type, t.actor_type), al.aliases, coalesce(r.roles, []::VARCHAR[]),
           s.n_mentions, s.n_articles, coalesce(q.n, 0), s.first_date, s.last_date
    FROM stats s
    LEFT JOIN best_type t USING (actor)
    LEFT JOIN dl_types o USING (actor)
    LEFT JOIN role_lists r USING (actor)
    LEFT JOIN alias_lists al USING (actor)
    LEFT JOIN quote_counts q USING (actor)
    """,
]
