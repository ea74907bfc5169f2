"""When: the filtered articles and actor mentions per day, week or month (:func:`timeline`,
:func:`timeline_by_actor`, the period chosen from the dates' span by
:func:`~components.query.periods.period_for`) and the
busiest days (:func:`busiest_days`), all within :data:`~components.filters.DATE_WINDOW`."""
from __future__ import annotations

import pandas as pd

from ..filters import Filter
from ..store import Store
from .frames import typed
from .actors import top_actors
from .periods import bucket_sql
from .sql import ACTOR_ROWS_CTE, IN_WINDOW, actor_rows_serve, kept_tables_serve, mentions_cte, with_filter


def timeline(store: Store, f: Filter, *, period: str = "day") -> pd.DataFrame:
    """Per day, week or month (``period``: see :func:`~components.query.periods.period_for`; articles dated within
    :data:`~components.filters.DATE_WINDOW` only, periods without articles left out): the
    filtered articles and the actor mentions in them (see :func:`~components.query.date_span`
    for how many are left out). Columns: day (datetime64: the period's first day, a Monday for a
    week), n_articles, n_mentions."""
    # articles per date, and mentions per date from article_actors (every write keeps its counts;
    # a rebuild only renames), added up per period: no aggregate over a million articles' ids
    sql, params, kept = with_filter(f, f"""
        , per_date AS (
            SELECT date, count(*) AS n_articles, 0 AS n_mentions FROM fa WHERE date {IN_WINDOW} GROUP BY date
            UNION ALL
            SELECT fa.date, 0, sum(x.n_mentions) FROM article_actors x JOIN fa ON fa.seq = x.article_seq
            WHERE fa.date {IN_WINDOW} GROUP BY fa.date)
        SELECT {bucket_sql(period)} AS day, sum(n_articles) AS n_articles, sum(n_mentions) AS n_mentions
        FROM per_date GROUP BY 1 ORDER BY day""")
    frame = store.query(sql, params, kept=kept, limit=100_000)
    return typed(frame, ("day", "n_articles", "n_mentions"), ints=("n_articles", "n_mentions"),
                 days=("day",))


def timeline_by_actor(store: Store, f: Filter, *, top: int = 8, period: str = "day",
                      actors: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Per day (or week, month: ``period``, as :func:`timeline`) and actor, mentions of the
    ``top`` most mentioned actors in the filtered articles dated within the window (as
    :func:`timeline`), the actors ranked as :func:`~components.query.top_actors` ranks them (the
    Filter's own actors first, so a selected actor always has its line). ``actors``: those actors
    when the caller has ranked them already (``top`` is then unused): only their mentions are read.
    Columns: day, actor, n_mentions."""
    if actors is None and kept_tables_serve(store, f):  # no filter: the ranking of the actors table
        actors = tuple(top_actors(store, f, limit=max(int(top), 0))["actor"])
    if actors is not None and actor_rows_serve(store, f):  # their rows per article, sorted by actor
        sql, params, kept = with_filter(f, f""", {ACTOR_ROWS_CTE}
            SELECT {bucket_sql(period)} AS day, actor, sum(n_mentions) AS n_mentions FROM aa
            WHERE date {IN_WINDOW} AND actor IN (SELECT unnest($v_best::VARCHAR[]))
            GROUP BY ALL ORDER BY day, actor""", v_best=list(actors))
    else:
        if actors is not None:
            params: dict = {"v_best": list(actors)}
            best, only = "SELECT unnest($v_best::VARCHAR[]) AS actor", "v_best"
        else:
            params = {"top": int(top), "v_selected": list(f.actors)}
            best, only = ("SELECT actor FROM m GROUP BY actor ORDER BY list_contains($v_selected::VARCHAR[], actor)"
                          " DESC, count(*) DESC, actor LIMIT $top"), None
        sql, params, kept = with_filter(f, f""", {mentions_cte(f, params, only=only)},
            best AS ({best})
            SELECT {bucket_sql(period)} AS day, actor, count(*) AS n_mentions FROM m
            WHERE date {IN_WINDOW} AND actor IN (SELECT actor FROM best)
            GROUP BY ALL ORDER BY day, actor""", **params)
    frame = store.query(sql, params, kept=kept, limit=1_000_000)
    return typed(frame, ("day", "actor", "n_mentions"), ints=("n_mentions",), days=("day",))


def busiest_days(store: Store, f: Filter, *, limit: int = 10) -> pd.DataFrame:
    """Days (within :data:`~components.filters.DATE_WINDOW`) with the most filtered articles,
    busiest first (ties: latest first). Columns: day, n_articles."""
    sql, params, kept = with_filter(f, f"""
        SELECT date AS day, count(*) AS n_articles FROM fa WHERE date {IN_WINDOW}
        GROUP BY date ORDER BY n_articles DESC, day DESC LIMIT $lim""", lim=int(limit))
    frame = store.query(sql, params, kept=kept, limit=max(int(limit), 0))
    return typed(frame, ("day", "n_articles"), ints=("n_articles",), days=("day",))
