"""Actors in the filtered articles: the most mentioned (:func:`top_actors`), who appears with
whom (:func:`cooccurrence`) and one actor's profile (:func:`actor_profile`, its places
:func:`actor_places`)."""
from __future__ import annotations

import pandas as pd

from ..filters import Filter
from ..store import Kept, Store
from .frames import empty_frame, is_list, typed, with_country_names
from .periods import by_period, period_for
from .sql import (IN_WINDOW, actor_rows_serve, actor_totals, kept_tables_serve, mentions_cte,
                  names_as_found, place_rows_serve, place_shown, place_totals, with_filter, within)


def top_actors(store: Store, f: Filter, *, limit: int = 25) -> pd.DataFrame:
    """Actors mentioned in the filtered articles, most mentioned first (of the Filter's actor
    types only, when it has any). ``n_quotes`` counts their quotes in the filtered articles.
    With no filter, read from the corpus-level ``actors`` table (the same counts, kept by every
    ingest's rebuild) unless it lags behind ``entities``.
    Columns: actor, actor_type, n_mentions, n_articles, n_quotes."""
    columns = ("actor", "actor_type", "n_mentions", "n_articles", "n_quotes")
    ints = ("n_mentions", "n_articles", "n_quotes")
    if kept_tables_serve(store, f):
        frame = store.query("SELECT actor, actor_type, n_mentions, n_articles, n_quotes FROM actors"
                            " ORDER BY n_mentions DESC, actor LIMIT $lim", {"lim": int(limit)},
                            limit=max(int(limit), 0))
        return typed(frame, columns, ints=ints)
    params: dict = {"lim": int(limit)}
    totals: Kept = {}
    if actor_rows_serve(store, f):  # the actor's type: as in ``actors``, joined below
        rows, totals = actor_totals(f)
        source, top = f"aa AS ({rows})", "SELECT actor, NULL AS actor_type, n_mentions, n_articles FROM aa"
    else:
        source, top = mentions_cte(f, params), ("SELECT actor, mode(actor_type) AS actor_type, count(*) AS n_mentions,"
                                                " count(DISTINCT article_seq) AS n_articles FROM m GROUP BY actor")
    sql, params, kept = with_filter(f, f""", {source},
        top AS ({top} ORDER BY n_mentions DESC, actor LIMIT $lim),
        said AS (
            SELECT coalesce(sal.actor, q.speaker) AS actor, count(*) AS n_quotes
            FROM quotes q JOIN fa ON fa.seq = q.article_seq
            LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
            WHERE q.speaker IS NOT NULL GROUP BY 1
        )
        SELECT top.actor, coalesce(top.actor_type, ac.actor_type) AS actor_type, top.n_mentions,
               top.n_articles, coalesce(said.n_quotes, 0) AS n_quotes
        FROM top LEFT JOIN said USING (actor) LEFT JOIN actors ac USING (actor)
        ORDER BY n_mentions DESC, actor""", **params)
    frame = store.query(sql, params, kept={**kept, **totals}, limit=max(int(limit), 0))
    return typed(frame, columns, ints=ints)


#: Up to this many actors, :func:`cooccurrence` keeps each article's set of them in one UBIGINT bit
#: mask; more take a BIT string (any length, a little slower).
MASK_BITS = 64


def cooccurrence(store: Store, f: Filter, *, limit: int = 40, actors: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Pairs of the top ``limit`` actors (as :func:`top_actors` ranks them) mentioned in the
    same filtered article, most shared articles first. ``actors``: those actors when the caller
    has ranked them already (the ``actor`` column of :func:`top_actors`; ``limit`` is then
    unused), so the ranking is not computed twice.
    Columns: source, target, n_articles (source < target alphabetically)."""
    params: dict = {"v_top": list(actors)} if actors is not None else {"lim": int(limit)}
    ranked_here = actors is None and not kept_tables_serve(store, f)
    if actors is not None:
        top = "SELECT unnest($v_top::VARCHAR[]) AS actor"
    elif not ranked_here:  # the ranking top_actors reads, without counting every mention
        top = "SELECT actor FROM actors ORDER BY n_mentions DESC, actor LIMIT $lim"
    else:
        top = "SELECT actor FROM m GROUP BY actor ORDER BY count(*) DESC, actor LIMIT $lim"
    uses_m = bool(f.actor_types) or ranked_here
    m = f", {mentions_cte(f, params, only='v_top' if actors is not None else None)}" if uses_m else ""
    # the mentions at hand already hold each filtered article's actors; else article_actors does
    # (each article's canonical actors, all of them when there is no actor type to check)
    rows = ("SELECT article_seq, actor FROM m WHERE actor IN (SELECT actor FROM top)" if uses_m else
            "SELECT article_seq, actor FROM article_actors WHERE actor IN (SELECT actor FROM top)"
            f" AND {within(f, 'article_seq')}")
    # each article's set of top actors as a bit mask (bit i: the i-th of them alphabetically);
    # the articles with the same set are counted once, then each pair of the set gets that count
    n_bits = len(set(actors)) if actors is not None else max(int(limit), 0)
    if n_bits <= MASK_BITS:
        mask, has = "bit_or(1::UBIGINT << idx.i)", "(c.mask >> idx.i) & 1::UBIGINT = 1"
    else:
        params["n_bits"] = n_bits
        mask, has = "bitstring_agg(idx.i, 0, $n_bits - 1)", "get_bit(c.mask, idx.i::INTEGER) = 1"
    sql, params, kept = with_filter(f, f"""{m},
        top AS ({top}),
        idx AS (SELECT actor, (row_number() OVER (ORDER BY actor) - 1)::UBIGINT AS i
                FROM (SELECT DISTINCT actor FROM top)),
        r AS MATERIALIZED ({rows}),  -- (a plan boundary: the filter then prunes the scan)
        sets AS (SELECT {mask} AS mask FROM r JOIN idx USING (actor) GROUP BY r.article_seq),
        counted AS (SELECT mask, count(*) AS n FROM sets WHERE bit_count(mask) > 1 GROUP BY mask),
        members AS (SELECT c.mask, c.n, idx.actor FROM counted c JOIN idx ON {has})
        SELECT x.actor AS source, y.actor AS target, sum(x.n)::BIGINT AS n_articles
        FROM members x JOIN members y ON x.mask = y.mask AND x.actor < y.actor
        GROUP BY ALL ORDER BY n_articles DESC, source, target""", **params)
    frame = store.query(sql, params, kept=kept, limit=100_000)
    return typed(frame, ("source", "target", "n_articles"), ints=("n_articles",))


def profile_scope(actor: str, f: Filter) -> Filter:
    """The Filter of one actor's profile within ``f``: ``f``'s places, countries, dates, sources
    and search, with its actors (and actor types) replaced by ``actor``."""
    return Filter(actors=(actor,), actor_types=(), places=f.places, countries=f.countries,
                  date_from=f.date_from, date_to=f.date_to, sources=f.sources, text=f.text)


def actor_profile(store: Store, actor: str, f: Filter) -> dict:
    """One actor within the filter (see :func:`profile_scope`): ``{"actor", "actor_type",
    "aliases": [..], "roles": [..]`` (corpus-level, from ``actors``), ``"n_mentions",
    "n_articles"`` (within the filter), ``"timeline": DataFrame(day, n_articles, n_mentions)``
    (per ``"period"``: ``"day"``, ``"week"`` or ``"month"``, by the span of its dates) ``}``.
    Its places are :func:`actor_places`, its quotes :func:`~components.query.quotes` under
    :func:`profile_scope`: asked for only when shown."""
    scope = profile_scope(actor, f)
    fast = actor_rows_serve(store, scope)
    per_day = ("""  -- its rows per article, sorted by actor: a few blocks read
            SELECT fa.date AS day, sum(x.n_mentions) AS n_mentions, count(*) AS n_articles
            FROM article_actors x JOIN fa ON fa.seq = x.article_seq WHERE x.actor = $actor GROUP BY fa.date"""
               if fast else """
            SELECT fa.date AS day, count(*) AS n_mentions, count(DISTINCT e.article_seq) AS n_articles
            FROM entities e JOIN fa ON fa.seq = e.article_seq
            LEFT JOIN actor_aliases al ON al.alias = e.actor
            WHERE e.actor IN (""" + names_as_found("actor_list") + """) AND coalesce(al.actor, e.actor) = $actor AND al.hidden IS NOT TRUE
            GROUP BY fa.date""")
    sql, params, kept = with_filter(scope, """
        , per_day AS (""" + per_day + """
        )
        SELECT (SELECT any_value(actor_type) FROM actors WHERE actor = $actor) AS actor_type,
               (SELECT any_value(aliases) FROM actors WHERE actor = $actor) AS aliases,
               (SELECT any_value(roles) FROM actors WHERE actor = $actor) AS roles,
               (SELECT coalesce(sum(n_mentions), 0) FROM per_day) AS n_mentions,
               (SELECT coalesce(sum(n_articles), 0) FROM per_day) AS n_articles,  -- one date per article
               (SELECT list({'day': day, 'n_articles': n_articles, 'n_mentions': n_mentions} ORDER BY day)
                FROM per_day WHERE day """ + IN_WINDOW + """) AS timeline""",
        actor=actor, **({} if fast else {"actor_list": [actor]}))
    row = store.query(sql, params, kept=kept, limit=1)
    r = row.iloc[0] if len(row) else pd.Series(dtype=object)
    value = r.get("timeline")
    per_date = (pd.DataFrame(list(value), columns=["day", "n_articles", "n_mentions"]) if is_list(value)
                else empty_frame("day", "n_articles", "n_mentions"))
    actor_type = r.get("actor_type")
    if actor_type is None or pd.isna(actor_type):  # not in ``actors`` (not rebuilt yet): as its mentions say
        found = store.query("SELECT mode(actor_type) AS t FROM entities WHERE actor = $actor", {"actor": actor}, limit=1)
        actor_type = found["t"].iloc[0] if len(found) else None
    aliases, roles = r.get("aliases"), r.get("roles")
    return {"actor": actor, "actor_type": None if actor_type is None or pd.isna(actor_type) else actor_type,
            "aliases": [str(a) for a in aliases] if is_list(aliases) else [actor],
            "roles": [str(x) for x in roles] if is_list(roles) else [],
            "n_mentions": int(r.get("n_mentions", 0) or 0), "n_articles": int(r.get("n_articles", 0) or 0),
            **_timeline(per_date)}


def actor_places(store: Store, actor: str, f: Filter) -> pd.DataFrame:
    """The resolved places of the articles that mention ``actor`` within ``f`` (see
    :func:`profile_scope`), in most of those articles first. Columns: name, country_code,
    country (its name), n_articles."""
    scope, order = profile_scope(actor, f), " ORDER BY n_articles DESC, name, country_code"
    if place_rows_serve(store):  # the kept set the map's places read under the same Filter
        rows, kept = place_totals(scope)
        sql, params = f"SELECT name, country_code, n_articles {rows} WHERE name IS NOT NULL{order}", {}
    else:
        sql, params, kept = with_filter(scope, "SELECT name, country_code, count(*) AS n_articles FROM ("
                                        " SELECT DISTINCT p.name, p.country_code, p.article_seq FROM places p"
                                        f" JOIN fa ON fa.seq = p.article_seq WHERE p.name IS NOT NULL AND {place_shown('p')})"
                                        " GROUP BY ALL" + order)
    frame = store.query(sql, params, kept=kept)
    return typed(with_country_names(frame), ("name", "country_code", "country", "n_articles"), ints=("n_articles",))


def _timeline(per_day: pd.DataFrame) -> dict:
    """``{"timeline": DataFrame(day, n_articles, n_mentions), "period": …}``: ``per_day`` (one row
    per date) counted per day, week or month as the span of its dates asks
    (:func:`~components.query.periods.period_for`), as :func:`~components.query.timeline` counts."""
    frame = typed(per_day, ("day", "n_articles", "n_mentions"), ints=("n_articles", "n_mentions"), days=("day",))
    days = frame["day"].dropna()
    period = period_for(days.min().date(), days.max().date()) if len(days) else "day"
    return {"timeline": by_period(frame, period), "period": period}
