"""Where the filtered articles are: resolved places with coordinates (:func:`places`) and
mentions per country (:func:`countries`), for the map."""
from __future__ import annotations

import pandas as pd

from ..filters import Filter
from ..store import Store
from .frames import empty_frame, typed
from .sql import kept_tables_serve, with_filter


def places(store: Store, f: Filter, *, limit: int = 1000) -> pd.DataFrame:
    """Resolved places (with coordinates) mentioned in the filtered articles (dateline places
    included), most mentioned first; one row per name and country, at the coordinates most of
    its mentions resolved to. With no filter, read from the corpus-level ``place_counts`` table
    (the same counts, kept by every ingest) unless it lags behind ``places``. Columns: name,
    country_code, feature, lat, lon, n_mentions, n_articles."""
    if kept_tables_serve(store, f):
        sql, params, kept = ("SELECT name, country_code, {'feature': feature, 'lat': lat, 'lon': lon} AS at,"
                             " n_mentions, n_articles FROM place_counts ORDER BY n_mentions DESC, name LIMIT $lim",
                             {"lim": int(limit)}, {})
    else:
        sql, params, kept = with_filter(f, """
            SELECT p.name, p.country_code,
                   mode({'feature': p.feature, 'lat': p.lat, 'lon': p.lon}) AS at,
                   count(*) AS n_mentions, count(DISTINCT p.article_seq) AS n_articles
            FROM places p JOIN fa ON fa.seq = p.article_seq
            WHERE p.name IS NOT NULL AND p.lat IS NOT NULL AND p.lon IS NOT NULL
            GROUP BY p.name, p.country_code
            ORDER BY n_mentions DESC, p.name LIMIT $lim""", lim=int(limit))
    frame = store.query(sql, params, kept=kept, limit=max(int(limit), 0))
    columns = ("name", "country_code", "feature", "lat", "lon", "n_mentions", "n_articles")
    if frame.empty:
        return typed(empty_frame(*columns), columns, ints=("n_mentions", "n_articles"),
                     floats=("lat", "lon"))
    at = pd.DataFrame(frame.pop("at").tolist(), index=frame.index)
    frame = frame.join(at)
    return typed(frame, columns, ints=("n_mentions", "n_articles"), floats=("lat", "lon"))


def countries(store: Store, f: Filter) -> pd.DataFrame:
    """Mentions per country in the filtered articles (places resolved to a country, dateline
    places included), most mentioned first (with no filter, from the ``country_counts`` table,
    as :func:`places`). Columns: country_code, n_mentions, n_articles."""
    if kept_tables_serve(store, f):
        sql, params, kept = "SELECT * FROM country_counts ORDER BY n_mentions DESC, country_code", {}, {}
    else:
        sql, params, kept = with_filter(f, """
            SELECT p.country_code, count(*) AS n_mentions, count(DISTINCT p.article_seq) AS n_articles
            FROM places p JOIN fa ON fa.seq = p.article_seq
            WHERE p.country_code IS NOT NULL
            GROUP BY p.country_code ORDER BY n_mentions DESC, p.country_code""")
    frame = store.query(sql, params, kept=kept, limit=1000)
    return typed(frame, ("country_code", "n_mentions", "n_articles"),
                 ints=("n_mentions", "n_articles"))
