"""Where the filtered articles are: resolved places with coordinates (:func:`places`) and
mentions per country (:func:`countries`), for the map."""
from __future__ import annotations

import pandas as pd

from ..filters import Filter
from ..store import Store
from .frames import empty_frame, typed, with_country_names
from .sql import kept_tables_serve, place_rows_serve, place_shown, place_totals, with_filter

#: :func:`places` with no filter: the corpus-level counts.
_PLACES_KEPT = ("SELECT name, country_code, {'feature': feature, 'lat': lat, 'lon': lon} AS at,"
                " n_mentions, n_articles FROM place_counts ORDER BY n_mentions DESC, name LIMIT $lim")
#: :func:`places` under a filter, from the rows per article and place (``article_places``,
#: summed per place in the kept set ``p``: :func:`~components.query.sql.place_totals`), each
#: place at its corpus-wide coordinates (``place_counts``, which holds every place with some).
_PLACES_PER_ARTICLE = """
    SELECT p.name, p.country_code, {'feature': c.feature, 'lat': c.lat, 'lon': c.lon} AS at,
           p.n_mentions, p.n_articles
    FROM p JOIN place_counts c ON c.name = p.name AND c.country_code IS NOT DISTINCT FROM p.country_code
    ORDER BY p.n_mentions DESC, p.name LIMIT $lim"""
#: :func:`places` under a filter while those tables lag: every mention, at the coordinates most of
#: the filtered ones resolved to.
_PLACES_PER_MENTION = """
    SELECT p.name, p.country_code,
           mode({'feature': p.feature, 'lat': p.lat, 'lon': p.lon}) AS at,
           count(*) AS n_mentions, count(DISTINCT p.article_seq) AS n_articles
    FROM places p JOIN fa ON fa.seq = p.article_seq
    WHERE p.name IS NOT NULL AND p.lat IS NOT NULL AND p.lon IS NOT NULL AND """ + place_shown("p") + """
    GROUP BY p.name, p.country_code
    ORDER BY n_mentions DESC, p.name LIMIT $lim"""


def places(store: Store, f: Filter, *, limit: int = 1000) -> pd.DataFrame:
    """Resolved places (with coordinates) mentioned in the filtered articles (dateline places
    included), most mentioned first; one row per name and country, at the coordinates most of
    its mentions in the whole store resolved to (from ``place_counts``: a place stays where it is
    whatever the filter). With no filter every count comes from ``place_counts`` (kept by every
    ingest), under a filter from ``article_places`` (a row per article and place); while those
    lag behind ``places`` (:meth:`Store.actors_stale`), every mention of the filtered articles is
    counted and a place is drawn where most of those mentions resolved to. Columns: name,
    country_code, country (its name, see :func:`~components.query.frames.with_country_names`),
    feature, lat, lon, n_mentions, n_articles."""
    if kept_tables_serve(store, f):
        sql, params, kept = _PLACES_KEPT, {"lim": int(limit)}, {}
    else:
        body, totals = _PLACES_PER_MENTION, {}
        if place_rows_serve(store):
            rows, totals = place_totals(f)
            body = f", p AS ({rows}) {_PLACES_PER_ARTICLE}"
        sql, params, kept = with_filter(f, body, lim=int(limit))
        kept = {**kept, **totals}
    frame = store.query(sql, params, kept=kept, limit=max(int(limit), 0))
    columns = ("name", "country_code", "country", "feature", "lat", "lon", "n_mentions", "n_articles")
    if frame.empty:
        return typed(empty_frame(*columns), columns, ints=("n_mentions", "n_articles"),
                     floats=("lat", "lon"))
    at = pd.DataFrame(frame.pop("at").tolist(), index=frame.index)
    frame = with_country_names(frame.join(at))
    return typed(frame, columns, ints=("n_mentions", "n_articles"), floats=("lat", "lon"))


def place_texts(store: Store, name: str, f: Filter) -> pd.DataFrame:
    """The texts found in the filtered articles that resolved to the place called ``name`` (as
    :func:`places` names it), those a correction hides left out, most mentioned first: what an
    analyst hides when a place is none. Columns: text, n_mentions, n_articles."""
    sql, params, kept = with_filter(f, f"""
        SELECT p.text, count(*) AS n_mentions, count(DISTINCT p.article_seq) AS n_articles
        FROM places p JOIN fa ON fa.seq = p.article_seq
        WHERE p.name = $name AND {place_shown("p")} GROUP BY p.text ORDER BY n_mentions DESC, p.text""", name=name)
    frame = store.query(sql, params, kept=kept, limit=100)
    return typed(frame, ("text", "n_mentions", "n_articles"), ints=("n_mentions", "n_articles"))


def countries(store: Store, f: Filter, *, articles: bool = True) -> pd.DataFrame:
    """Mentions per country in the filtered articles (places resolved to a country, dateline
    places included), most mentioned first: with no filter from the ``country_counts`` table,
    under one from ``article_places`` (as :func:`places`; from ``places`` while they lag).
    Columns: country_code, country (its name, see :func:`~components.query.frames.with_country_names`),
    n_mentions, and with ``articles`` n_articles (the articles that mention the country: a
    distinct count, half the statement's time under a filter, so a map that shades by mentions
    alone goes without; the mentions alone are summed from the places' totals that :func:`places`
    reads under the same Filter)."""
    columns = ("country_code", "country", "n_mentions", *(("n_articles",) if articles else ()))
    if kept_tables_serve(store, f):
        sql, params, kept = (f"SELECT {', '.join(c for c in columns if c != 'country')} FROM country_counts"
                             " ORDER BY n_mentions DESC, country_code"), {}, {}
    elif place_rows_serve(store) and not articles:  # (summed from the places' totals: a row per place)
        rows, kept = place_totals(f)
        sql, params = (f"SELECT country_code, sum(n_mentions)::BIGINT AS n_mentions {rows} WHERE country_code IS NOT NULL"
                       " GROUP BY country_code ORDER BY n_mentions DESC, country_code"), {}
    else:
        rows, mentions, shown = (("article_places", "sum(p.n_mentions)::BIGINT", "TRUE") if place_rows_serve(store)
                                 else ("places", "count(*)", place_shown("p")))
        distinct = ", count(DISTINCT p.article_seq) AS n_articles" if articles else ""
        sql, params, kept = with_filter(f, f"""
            SELECT p.country_code, {mentions} AS n_mentions{distinct}
            FROM {rows} p JOIN fa ON fa.seq = p.article_seq
            WHERE p.country_code IS NOT NULL AND {shown}
            GROUP BY p.country_code ORDER BY n_mentions DESC, p.country_code""")
    frame = store.query(sql, params, kept=kept, limit=1000)
    return typed(with_country_names(frame), columns, ints=tuple(c for c in columns if c.startswith("n_")))
