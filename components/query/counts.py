"""Counts for the whole filtered view (:func:`overview`), the articles no pipeline of their
language analysed (:func:`not_analysed`), the versions of the pipelines that analysed the store
(:func:`extraction_versions`), how its dates spread (:func:`date_span`), and the values the
sidebar offers (:func:`choices`)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Mapping

import pandas as pd

from ..filters import Filter
from ..store import Kept, Store
from .frames import is_list
from .sql import (IN_WINDOW, NOT_ANALYSED, actor_rows_serve, actor_totals, kept_tables_serve, mentions_cte, place_rows_serve,
                  place_shown, place_totals, quote_scope, with_filter, within)

#: Values the sidebar offers per field, at most.
CHOICES_LIMIT = 500


def overview(store: Store, f: Filter) -> dict[str, int]:
    """Counts for the filtered articles: ``articles``, ``actors`` (distinct canonical actors
    mentioned, of the Filter's actor types when it has any, as :func:`~components.query.top_actors` lists them),
    ``places`` (distinct names of resolved places: from ``article_places``, a row per article and
    place, unless it lags behind ``places``), ``quotes`` (as :func:`~components.query.quotes` counts
    them), ``sources``, ``days`` (distinct dates), ``undated`` (articles without a date). With
    no filter the actors are counted in the corpus-level ``actors`` table (unless it lags)."""
    cte, where, qparams, quoted = quote_scope(f)
    totals: Kept = {}
    if kept_tables_serve(store, f):
        actors, source = "(SELECT count(*) FROM actors)", mentions_cte(f, qparams)
    elif actor_rows_serve(store, f):  # (the kept set top_actors ranks too)
        rows, totals = actor_totals(f)
        actors, source = "(SELECT count(*) FROM aa)", f"aa AS ({rows})"
    else:
        actors, source = "(SELECT count(DISTINCT actor) FROM m)", mentions_cte(f, qparams)
    if place_rows_serve(store) and f.is_empty:
        places = "(SELECT count(DISTINCT name) FROM article_places WHERE name IS NOT NULL)"
    elif place_rows_serve(store):  # (the kept set places ranks too)
        rows, place_kept = place_totals(f)
        places = f"(SELECT count(DISTINCT name) FROM ({rows}))"
        totals = {**totals, **place_kept}
    else:
        places = f"(SELECT count(DISTINCT name) FROM places p WHERE {place_shown('p')} AND name IS NOT NULL AND {within(f, 'article_seq')})"
    sql, params, kept = with_filter(f, f""", {cte}, {source}
        SELECT (SELECT count(*) FROM fa) AS articles,
               {actors} AS actors,
               {places} AS places,
               (SELECT count(*) FROM quotes q LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
                  WHERE {where}) AS quotes,
               (SELECT count(DISTINCT source) FROM articles
                  WHERE {within(f, "seq")}) AS sources,
               (SELECT count(DISTINCT date) FROM fa) AS days,
               (SELECT count(*) FROM fa WHERE date IS NULL) AS undated""", **qparams)
    row = store.query(sql, params, kept={**kept, **quoted, **totals}, limit=1)
    keys = ("articles", "actors", "places", "quotes", "sources", "days", "undated")
    return {k: int(row[k].iloc[0]) if len(row) else 0 for k in keys}


def not_analysed(store: Store, f: Filter) -> dict[str, int]:
    """The filtered articles stored but not analysed, in a language other than their pipeline's
    (see :data:`~components.query.sql.NOT_ANALYSED`): ``{language code: articles}``, most
    articles first (empty when there are none)."""
    sql, params, kept = with_filter(f, f"""
        SELECT a.language, count(*) AS n FROM articles a JOIN fa ON fa.seq = a.seq
        WHERE {NOT_ANALYSED} GROUP BY a.language ORDER BY n DESC, a.language""")
    rows = store.query(sql, params, kept=kept)
    return {str(lang): int(n) for lang, n in zip(rows.get("language", []), rows.get("n", []))}


def other_languages_note(by_language: Mapping[str, int]) -> str:
    """``"124 articles in 23 other languages stored, not analysed"``: how the CLI and the app
    count articles that no pipeline of their language analysed; ``by_language``: language code →
    articles (as :func:`components.query.not_analysed` gives it)."""
    articles, languages = sum(by_language.values()), len(by_language)
    return (f"{articles:,} article{'s' if articles != 1 else ''} in {languages} other "
            f"language{'s' if languages != 1 else ''} stored, not analysed")


def extraction_versions(store: Store, installed: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
                        ) -> pd.DataFrame:
    """The pipeline versions that analysed the stored articles (``lang_name@version+rules-HASH``:
    see :func:`components.nlp.pipeline_version`), one row per version, latest extraction first.

    installed: ``{language code: version}`` (or its items) of the pipelines this Dateline analyses
        with (:func:`components.nlp.installed.installed_versions`); None when unknown, and for a
        pipeline it lacks, the version of that pipeline's latest extraction in the store stands in.
    Returns columns ``pipeline`` (its pipeline's language: the version up to the first "_"),
    ``version``, ``n_articles``, ``n_words`` (their words), ``last_extracted`` (when the latest
    of them was extracted), ``current`` (the version ``version`` is compared with: as above) and
    ``up_to_date`` (``version == current``: the others' articles were analysed by another model
    or other rules, until ``reextract`` analyses them again). Articles not extracted yet, and those no pipeline
    of their language analysed (:data:`~components.query.sql.NOT_ANALYSED`: nothing of theirs
    would change), are left out."""
    frame = store.query(f"""
        SELECT split_part(a.pipeline_version, '_', 1) AS pipeline, a.pipeline_version AS version,
               count(*) AS n_articles, coalesce(sum(a.n_words), 0)::BIGINT AS n_words,
               max(a.extracted_at) AS last_extracted
        FROM articles a WHERE a.pipeline_version IS NOT NULL AND NOT coalesce({NOT_ANALYSED}, FALSE)
        GROUP BY ALL ORDER BY last_extracted DESC NULLS LAST, version""")
    if frame.empty:
        return pd.DataFrame({"pipeline": pd.Series(dtype=object), "version": pd.Series(dtype=object),
                             "n_articles": pd.Series(dtype="int64"), "n_words": pd.Series(dtype="int64"),
                             "last_extracted": pd.Series(dtype="datetime64[us]"),
                             "current": pd.Series(dtype=object), "up_to_date": pd.Series(dtype=bool)})
    latest = frame.groupby("pipeline")["version"].transform("first")  # (the rows are latest first)
    known = dict(installed or {})
    frame["current"] = [known.get(p, v) for p, v in zip(frame["pipeline"], latest)]
    frame["up_to_date"] = frame["version"] == frame["current"]
    return frame


def older_versions_note(versions: pd.DataFrame, db: str, *, installed: bool = True) -> str | None:
    """What the CLI and the app say of a store some of whose articles another pipeline version
    analysed (``versions``: as :func:`extraction_versions` gives them; ``installed``: whether
    it compared them with this Dateline's versions, not the store's latest), or None when none
    did: how many, by what, and the command that analyses them again (``db``: the store's path
    as the user gave it)."""
    other = versions[~versions["up_to_date"]]
    if other.empty:
        return None
    n, total, words = int(other["n_articles"].sum()), int(versions["n_articles"].sum()), int(other["n_words"].sum())
    current = ", ".join(dict.fromkeys(other["current"]))
    than = "this Dateline's" if installed else "the latest here"
    hours = words / CORE_WORDS_PER_SECOND / 3600
    cluster = (f" Their {words:,} words take ~{hours:,.0f} hours on one core: on a Dask cluster, add "
               "`--engine dask --scheduler ADDRESS` (README: On a cluster)." if hours >= 1 else "")
    return (f"{n:,} of {total:,} analysed article{'s' if total != 1 else ''} {'were' if n != 1 else 'was'} analysed by "
            f"another version of the model or rules ({', '.join(other['version'])}) than {than} ({current}): their "
            f"actors, places and quotes may differ from what a new analysis finds. `python -m components reextract "
            f"--db {db}` analyses them again.{cluster}")


#: Words one core analyses a second (docs/scaling.md, "Per core": 5,000–6,700 measured), for how
#: long a re-extraction takes.
CORE_WORDS_PER_SECOND = 5000


def date_span(store: Store, f: Filter | None = None) -> dict:
    """How the dates of the filtered articles (all of them when ``f`` is None) spread, for the
    date slider and the "n undated" notes: ``{"first", "last"}``: the earliest and latest date
    within :data:`~components.filters.DATE_WINDOW` (``datetime.date``, None when no date lies
    in it); ``"dated"``: articles dated within the window; ``"outside"``: articles dated outside
    it; ``"undated"``: articles without a date; ``"future"``: articles of the window dated after
    today (the machine's date: a typo in a file, most likely) (counts are ints)."""
    tomorrow = date.today() + timedelta(days=1)  # (a date of our own making, not the user's)
    sql, params, kept = with_filter(f or Filter(), f"""
        SELECT min(date) FILTER (WHERE date {IN_WINDOW}) AS first,
               max(date) FILTER (WHERE date {IN_WINDOW}) AS last,
               count(*) FILTER (WHERE date {IN_WINDOW}) AS dated,
               count(*) FILTER (WHERE date IS NOT NULL AND NOT (date {IN_WINDOW})) AS outside,
               count(*) FILTER (WHERE date IS NULL) AS undated,
               count(*) FILTER (WHERE date {IN_WINDOW} AND date >= DATE '{tomorrow.isoformat()}') AS future
        FROM fa""")
    row = store.query(sql, params, kept=kept, limit=1)
    out: dict = {"first": None, "last": None, "dated": 0, "outside": 0, "undated": 0, "future": 0}
    if len(row):
        r = row.iloc[0]
        out.update({k: int(r[k]) for k in ("dated", "outside", "undated", "future")})
        if not pd.isna(r["first"]):
            out.update(first=r["first"].date(), last=r["last"].date())
    return out


def choices(store: Store) -> dict[str, list[str]]:
    """Values offered by the sidebar: ``actors`` (most mentioned first, at most
    :data:`CHOICES_LIMIT`), ``places`` (most mentioned first, at most that many),
    ``countries`` (codes, sorted), ``sources`` (sorted), ``languages`` (codes, most articles first),
    ``tags`` (the analyst's tags in use, sorted)."""
    row = store.query("""
        WITH actor_counts AS (
            SELECT actor, n_mentions FROM actors
            UNION ALL  -- a store whose actors were not rebuilt yet: the names as found
            SELECT actor, count(*) FROM entities
            WHERE actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM actor_aliases) GROUP BY actor
        ), shown AS (
            SELECT name, country_code FROM places p WHERE {shown}
        ), place_counts AS (
            SELECT name, count(*) AS n FROM shown WHERE name IS NOT NULL GROUP BY name
        )
        SELECT (SELECT list(actor ORDER BY n_mentions DESC, actor)[1:$lim] FROM actor_counts) AS actors,
               (SELECT list(name ORDER BY n DESC, name)[1:$lim] FROM place_counts) AS places,
               (SELECT list(DISTINCT country_code ORDER BY country_code) FROM shown) AS countries,
               (SELECT list(DISTINCT source ORDER BY source) FROM articles) AS sources,
               (SELECT list(language ORDER BY n DESC, language) FROM (SELECT language, count(*) AS n
                  FROM articles WHERE language IS NOT NULL GROUP BY language)) AS languages,
               (SELECT list(DISTINCT tag ORDER BY tag) FROM tags) AS tags""".replace(
        "{shown}", place_shown("p")), {"lim": CHOICES_LIMIT}, limit=1)
    keys = ("actors", "places", "countries", "sources", "languages", "tags")
    if row.empty:
        return {k: [] for k in keys}
    values = {k: row[k].iloc[0] for k in keys}
    return {k: [str(x) for x in v if x is not None] if is_list(v) else [] for k, v in values.items()}
