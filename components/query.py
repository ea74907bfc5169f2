"""Queries for the views: a :class:`~components.filters.Filter` in, a small pandas frame out.

Every function takes the store and a Filter and returns a DataFrame with the columns its
docstring lists (an empty frame with those columns when nothing matches or the store does not
exist yet). SQL is built here with parameters only (never a user value formatted into the SQL)
and run through :meth:`Store.query`.

One function, :func:`filter_sql`, turns a Filter into the SQL of the filtered article set; every
view starts from it (``WITH fa AS (<filtered ids>) …``). Actor names are corpus-level canonical
names (``actors.actor``); the article-level names of ``entities.actor`` and ``quotes.speaker`` map
to them through ``actor_aliases`` (a name with no alias row stands for itself, so a store whose
actors were not rebuilt yet still filters by the names it has).
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .filters import DATE_WINDOW, Filter
from .store import Store

#: Values the sidebar offers per field, at most.
CHOICES_LIMIT = 500
#: The canonical actor of an ``entities`` row ``e`` joined ``LEFT JOIN actor_aliases al``.
ACTOR_OF_ENTITY = "coalesce(al.actor, e.actor)"
#: The canonical speaker of a ``quotes`` row ``q`` joined ``LEFT JOIN actor_aliases sal``.
SPEAKER_OF_QUOTE = "coalesce(sal.actor, q.speaker)"
#: An article ``a``'s date as every view sees it: NULL (undated) for a DATE that no Python date can
#: hold (DuckDB's infinity, years before 1 or after 9999: only a hand-edited file has them), so
#: every frame converts.
ARTICLE_DAY = "CASE WHEN a.date BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN a.date END"
#: ``<date column> IN_WINDOW``: the date lies within :data:`~components.filters.DATE_WINDOW`
#: (the days a time axis draws; false for NULL).
IN_WINDOW = f"BETWEEN DATE '{DATE_WINDOW[0].isoformat()}' AND DATE '{DATE_WINDOW[1].isoformat()}'"
#: How a missing date is shown in lists and the reader (exports leave it empty).
UNDATED = "undated"
#: Character that escapes ``%`` and ``_`` in the ILIKE patterns of a text search.
LIKE_ESCAPE = "\\"

_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')

# An article without a title is shown by its opening words (a .txt file has no title).
TITLE_OR_OPENING = ("COALESCE(NULLIF(trim(a.title), ''), rtrim(left(regexp_replace(a.text, '\\s+', ' ', 'g'), 72))"
                    " || CASE WHEN length(a.text) > 72 THEN '…' ELSE '' END)")
QUOTE_COLUMNS = ("date", "speaker", "quote", "kind", "cue", "title", "source", "article_id")
ARTICLE_COLUMNS = ("article_id", "date", "title", "source", "dateline", "n_words", "n_actors",
                   "n_places", "n_quotes")


def _empty(*columns: str) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in columns})


def search_terms(text: str) -> list[str]:
    """The terms of a search: words, and "double-quoted phrases" kept whole
    (``'grain "port fees"'`` → ``["grain", "port fees"]``)."""
    return [phrase or word for phrase, word in _TERM.findall(text or "") if (phrase or word).strip()]


def _like(word: str) -> str:
    """An ILIKE pattern (escape :data:`LIKE_ESCAPE`) matching text that contains ``word``."""
    for ch in (LIKE_ESCAPE, "%", "_"):
        word = word.replace(ch, LIKE_ESCAPE + ch)
    return f"%{word}%"


def filter_sql(f: Filter, *, ignore: tuple[str, ...] = (), prefix: str = "f") -> tuple[str, dict]:
    """The SQL of the filtered article set and its named parameters.

    f: the Filter. Within a field the values are alternatives, across fields all apply:
        actors (articles with an entity whose canonical actor is one of them), actor_types
        (an entity whose actor is of one of these types: the corpus-level type, else the
        mention's), places (``places.name``), countries (``places.country_code``), the inclusive
        date range (undated articles drop out once a bound is set), sources, and text (every
        word or "quoted phrase" of :func:`search_terms`, case-insensitively, in the title or
        the body).
    ignore: Filter fields to leave out (e.g. ``("actors",)`` for quotes *by* the actors).
    prefix: prefix of the parameter names, so that two filter sets can share one statement.
    Returns ``(sql, params)``: ``sql`` is a ``SELECT a.id, <date> AS date FROM articles a WHERE …``
    statement (the date as :data:`ARTICLE_DAY`), ``params`` the values of its ``$name`` placeholders.
    """
    where: list[str] = []
    params: dict = {}

    def param(name: str, value) -> str:
        key = f"{prefix}_{name}"
        params[key] = value
        return f"${key}"

    def wanted(field: str) -> bool:
        return bool(getattr(f, field)) and field not in ignore

    if wanted("actors"):
        where.append(
            "a.id IN (SELECT e.article_id FROM entities e LEFT JOIN actor_aliases al ON al.alias = e.actor"
            f" WHERE e.actor IS NOT NULL AND {ACTOR_OF_ENTITY} IN (SELECT unnest("
            f"{param('actors', list(f.actors))}::VARCHAR[])))")
    if wanted("actor_types"):
        where.append(
            "a.id IN (SELECT e.article_id FROM entities e LEFT JOIN actor_aliases al ON al.alias = e.actor"
            " LEFT JOIN actors ac ON ac.actor = al.actor WHERE e.actor IS NOT NULL AND"
            " coalesce(ac.actor_type, e.actor_type) IN (SELECT unnest("
            f"{param('types', list(f.actor_types))}::VARCHAR[])))")
    if wanted("places"):
        where.append("a.id IN (SELECT article_id FROM places WHERE name IN (SELECT unnest("
                     f"{param('places', list(f.places))}::VARCHAR[])))")
    if wanted("countries"):
        where.append("a.id IN (SELECT article_id FROM places WHERE country_code IN (SELECT unnest("
                     f"{param('countries', list(f.countries))}::VARCHAR[])))")
    if f.date_from and "date_from" not in ignore:
        where.append(f"{ARTICLE_DAY} >= {param('from', f.date_from)}::DATE")
    if f.date_to and "date_to" not in ignore:
        where.append(f"{ARTICLE_DAY} <= {param('to', f.date_to)}::DATE")
    if wanted("sources"):
        where.append(f"a.source IN (SELECT unnest({param('sources', list(f.sources))}::VARCHAR[]))")
    if wanted("text"):
        for i, word in enumerate(search_terms(f.text)):
            p = param(f"text{i}", _like(word))
            where.append(f"(a.title ILIKE {p} ESCAPE '{LIKE_ESCAPE}' OR a.text ILIKE {p} ESCAPE "
                         f"'{LIKE_ESCAPE}')")
    sql = f"SELECT a.id, {ARTICLE_DAY} AS date FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def _with_filter(f: Filter, body: str, **params) -> tuple[str, dict]:
    """``WITH fa AS (<filtered articles>) <body>`` and the merged parameters."""
    sql, fparams = filter_sql(f)
    return f"WITH fa AS ({sql}) {body}", {**fparams, **params}


def _type_clause(f: Filter, column: str, params: dict) -> str:
    """``AND <column> IN <the Filter's actor types>`` when the Filter has any (the actor views
    then show actors of those types only), else an empty string."""
    if not f.actor_types:
        return ""
    params["v_types"] = list(f.actor_types)
    return f" AND {column} IN (SELECT unnest($v_types::VARCHAR[]))"


# --- counts and choices --------------------------------------------------------------------------

def overview(store: Store, f: Filter) -> dict[str, int]:
    """Counts for the filtered articles: ``articles``, ``actors`` (distinct canonical actors
    mentioned, of the Filter's actor types when it has any, as :func:`top_actors` lists them),
    ``places`` (distinct resolved places), ``quotes`` (as :func:`quotes` counts
    them), ``sources``, ``days`` (distinct dates), ``undated`` (articles without a date)."""
    cte, where, qparams = _quote_scope(f)
    sql, params = _with_filter(f, f""", {cte}, {_mentions_cte(f, qparams)}
        SELECT (SELECT count(*) FROM fa) AS articles,
               (SELECT count(DISTINCT actor) FROM m) AS actors,
               (SELECT count(DISTINCT name) FROM places
                  WHERE name IS NOT NULL AND article_id IN (SELECT id FROM fa)) AS places,
               (SELECT count(*) FROM quotes q LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
                  WHERE {where}) AS quotes,
               (SELECT count(DISTINCT source) FROM articles
                  WHERE id IN (SELECT id FROM fa)) AS sources,
               (SELECT count(DISTINCT date) FROM fa) AS days,
               (SELECT count(*) FROM fa WHERE date IS NULL) AS undated""", **qparams)
    row = store.query(sql, params, limit=1)
    keys = ("articles", "actors", "places", "quotes", "sources", "days", "undated")
    return {k: int(row[k].iloc[0]) if len(row) else 0 for k in keys}


def date_span(store: Store, f: Filter | None = None) -> dict:
    """How the dates of the filtered articles (all of them when ``f`` is None) spread, for the
    date slider and the "n undated" notes: ``{"first", "last"}``: the earliest and latest date
    within :data:`~components.filters.DATE_WINDOW` (``datetime.date``, None when no date lies
    in it); ``"dated"``: articles dated within the window; ``"outside"``: articles dated outside
    it; ``"undated"``: articles without a date (counts are ints)."""
    sql, params = _with_filter(f or Filter(), f"""
        SELECT min(date) FILTER (WHERE date {IN_WINDOW}) AS first,
               max(date) FILTER (WHERE date {IN_WINDOW}) AS last,
               count(*) FILTER (WHERE date {IN_WINDOW}) AS dated,
               count(*) FILTER (WHERE date IS NOT NULL AND NOT (date {IN_WINDOW})) AS outside,
               count(*) FILTER (WHERE date IS NULL) AS undated
        FROM fa""")
    row = store.query(sql, params, limit=1)
    out: dict = {"first": None, "last": None, "dated": 0, "outside": 0, "undated": 0}
    if len(row):
        r = row.iloc[0]
        out.update({k: int(r[k]) for k in ("dated", "outside", "undated")})
        if not pd.isna(r["first"]):
            out.update(first=r["first"].date(), last=r["last"].date())
    return out


def choices(store: Store) -> dict[str, list[str]]:
    """Values offered by the sidebar: ``actors`` (most mentioned first, at most
    :data:`CHOICES_LIMIT`), ``places`` (most mentioned first, at most that many),
    ``countries`` (codes, sorted), ``sources`` (sorted)."""
    row = store.query("""
        WITH actor_counts AS (
            SELECT actor, n_mentions FROM actors
            UNION ALL  -- a store whose actors were not rebuilt yet: the names as found
            SELECT actor, count(*) FROM entities
            WHERE actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM actors) GROUP BY actor
        ), place_counts AS (
            SELECT name, count(*) AS n FROM places WHERE name IS NOT NULL GROUP BY name
        )
        SELECT (SELECT list(actor ORDER BY n_mentions DESC, actor)[1:$lim] FROM actor_counts) AS actors,
               (SELECT list(name ORDER BY n DESC, name)[1:$lim] FROM place_counts) AS places,
               (SELECT list(DISTINCT country_code ORDER BY country_code) FROM places) AS countries,
               (SELECT list(DISTINCT source ORDER BY source) FROM articles) AS sources""",
                      {"lim": CHOICES_LIMIT}, limit=1)
    keys = ("actors", "places", "countries", "sources")
    if row.empty:
        return {k: [] for k in keys}
    values = {k: row[k].iloc[0] for k in keys}
    return {k: [str(x) for x in v if x is not None] if _is_list(v) else [] for k, v in values.items()}


# --- actors --------------------------------------------------------------------------------------

def _mentions_cte(f: Filter, params: dict) -> str:
    """``m``: one row per actor mention in the filtered articles (article_id, date, actor,
    actor_type), the actor canonical and typed as in ``actors`` (else as in the mention); only
    actors of the Filter's actor types when it has any."""
    return f"""
        m AS (
            SELECT e.article_id, fa.date, coalesce(al.actor, e.actor) AS actor,
                   coalesce(ac.actor_type, e.actor_type) AS actor_type
            FROM entities e JOIN fa ON fa.id = e.article_id
            LEFT JOIN actor_aliases al ON al.alias = e.actor
            LEFT JOIN actors ac ON ac.actor = al.actor
            WHERE e.actor IS NOT NULL{_type_clause(f, "coalesce(ac.actor_type, e.actor_type)", params)}
        )"""


def top_actors(store: Store, f: Filter, *, limit: int = 25) -> pd.DataFrame:
    """Actors mentioned in the filtered articles, most mentioned first (of the Filter's actor
    types only, when it has any). ``n_quotes`` counts their quotes in the filtered articles.
    Columns: actor, actor_type, n_mentions, n_articles, n_quotes."""
    params: dict = {"lim": int(limit)}
    sql, params = _with_filter(f, f""", {_mentions_cte(f, params)},
        top AS (
            SELECT actor, mode(actor_type) AS actor_type, count(*) AS n_mentions,
                   count(DISTINCT article_id) AS n_articles
            FROM m GROUP BY actor ORDER BY n_mentions DESC, actor LIMIT $lim
        ), said AS (
            SELECT coalesce(sal.actor, q.speaker) AS actor, count(*) AS n_quotes
            FROM quotes q JOIN fa ON fa.id = q.article_id
            LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
            WHERE q.speaker IS NOT NULL GROUP BY 1
        )
        SELECT top.actor, top.actor_type, top.n_mentions, top.n_articles,
               coalesce(said.n_quotes, 0) AS n_quotes
        FROM top LEFT JOIN said USING (actor)
        ORDER BY n_mentions DESC, actor""", **params)
    frame = store.query(sql, params, limit=max(int(limit), 0))
    return _typed(frame, ("actor", "actor_type", "n_mentions", "n_articles", "n_quotes"),
                  ints=("n_mentions", "n_articles", "n_quotes"))


def cooccurrence(store: Store, f: Filter, *, limit: int = 40) -> pd.DataFrame:
    """Pairs of the top ``limit`` actors (as :func:`top_actors` ranks them) mentioned in the
    same filtered article, most shared articles first.
    Columns: source, target, n_articles (source < target alphabetically)."""
    params: dict = {"lim": int(limit)}
    sql, params = _with_filter(f, f""", {_mentions_cte(f, params)},
        top AS (SELECT actor FROM m GROUP BY actor ORDER BY count(*) DESC, actor LIMIT $lim),
        pairs AS (SELECT DISTINCT article_id, actor FROM m WHERE actor IN (SELECT actor FROM top))
        SELECT x.actor AS source, y.actor AS target, count(*) AS n_articles
        FROM pairs x JOIN pairs y ON x.article_id = y.article_id AND x.actor < y.actor
        GROUP BY ALL ORDER BY n_articles DESC, source, target""", **params)
    frame = store.query(sql, params, limit=100_000)
    return _typed(frame, ("source", "target", "n_articles"), ints=("n_articles",))


def actor_profile(store: Store, actor: str, f: Filter) -> dict:
    """One actor within the filter: the Filter's other fields apply and its actors are replaced
    by ``actor``. ``{"actor", "actor_type", "aliases": [..], "roles": [..]`` (corpus-level, from
    ``actors``), ``"n_mentions", "n_articles"`` (within the filter), ``"places":
    DataFrame(name, country_code, n_articles)`` (places of the articles that mention it),
    ``"timeline": DataFrame(day, n_mentions)``, ``"quotes": DataFrame`` (by it, as
    :func:`quotes`) ``}``."""
    scope = Filter(actors=(actor,), actor_types=(), places=f.places, countries=f.countries,
                   date_from=f.date_from, date_to=f.date_to, sources=f.sources, text=f.text)
    sql, params = _with_filter(scope, """
        , per_day AS (
            SELECT fa.date AS day, count(*) AS n_mentions, count(DISTINCT e.article_id) AS n_articles
            FROM entities e JOIN fa ON fa.id = e.article_id
            LEFT JOIN actor_aliases al ON al.alias = e.actor
            WHERE e.actor IS NOT NULL AND coalesce(al.actor, e.actor) = $actor
            GROUP BY fa.date
        ), its_places AS (
            SELECT p.name, p.country_code, count(DISTINCT p.article_id) AS n_articles
            FROM places p WHERE p.name IS NOT NULL
              AND p.article_id IN (SELECT e.article_id FROM entities e JOIN fa ON fa.id = e.article_id
                                   LEFT JOIN actor_aliases al ON al.alias = e.actor
                                   WHERE e.actor IS NOT NULL AND coalesce(al.actor, e.actor) = $actor)
            GROUP BY ALL
        )
        SELECT (SELECT coalesce(any_value(actor_type), (SELECT mode(actor_type) FROM entities
                                                         WHERE actor = $actor))
                FROM actors WHERE actor = $actor) AS actor_type,
               (SELECT any_value(aliases) FROM actors WHERE actor = $actor) AS aliases,
               (SELECT any_value(roles) FROM actors WHERE actor = $actor) AS roles,
               (SELECT coalesce(sum(n_mentions), 0) FROM per_day) AS n_mentions,
               (SELECT coalesce(sum(n_articles), 0) FROM per_day) AS n_articles,  -- one date per article
               (SELECT list({'day': day, 'n_mentions': n_mentions} ORDER BY day)
                FROM per_day WHERE day """ + IN_WINDOW + """) AS timeline,
               (SELECT list({'name': name, 'country_code': country_code, 'n_articles': n_articles}
                            ORDER BY n_articles DESC, name) FROM its_places) AS places""", actor=actor)
    row = store.query(sql, params, limit=1)
    r = row.iloc[0] if len(row) else pd.Series(dtype=object)

    def rows(name: str, columns: tuple[str, ...]) -> pd.DataFrame:
        value = r.get(name)
        return pd.DataFrame(list(value), columns=list(columns)) if _is_list(value) else _empty(*columns)

    actor_type = r.get("actor_type")
    aliases, roles = r.get("aliases"), r.get("roles")
    return {"actor": actor, "actor_type": None if actor_type is None or pd.isna(actor_type) else actor_type,
            "aliases": [str(a) for a in aliases] if _is_list(aliases) else [actor],
            "roles": [str(x) for x in roles] if _is_list(roles) else [],
            "n_mentions": int(r.get("n_mentions", 0) or 0), "n_articles": int(r.get("n_articles", 0) or 0),
            "places": _typed(rows("places", ("name", "country_code", "n_articles")),
                             ("name", "country_code", "n_articles"), ints=("n_articles",)),
            "timeline": _typed(rows("timeline", ("day", "n_mentions")), ("day", "n_mentions"),
                               ints=("n_mentions",), days=("day",)),
            "quotes": quotes(store, scope)}


# --- places --------------------------------------------------------------------------------------

def places(store: Store, f: Filter, *, limit: int = 1000) -> pd.DataFrame:
    """Resolved places (with coordinates) mentioned in the filtered articles (dateline places
    included), most mentioned first; one row per name and country, at the coordinates most of
    its mentions resolved to. Columns: name, country_code, feature, lat, lon, n_mentions,
    n_articles."""
    sql, params = _with_filter(f, """
        SELECT p.name, p.country_code,
               mode({'feature': p.feature, 'lat': p.lat, 'lon': p.lon}) AS at,
               count(*) AS n_mentions, count(DISTINCT p.article_id) AS n_articles
        FROM places p JOIN fa ON fa.id = p.article_id
        WHERE p.name IS NOT NULL AND p.lat IS NOT NULL AND p.lon IS NOT NULL
        GROUP BY p.name, p.country_code
        ORDER BY n_mentions DESC, p.name LIMIT $lim""", lim=int(limit))
    frame = store.query(sql, params, limit=max(int(limit), 0))
    columns = ("name", "country_code", "feature", "lat", "lon", "n_mentions", "n_articles")
    if frame.empty:
        return _typed(_empty(*columns), columns, ints=("n_mentions", "n_articles"),
                      floats=("lat", "lon"))
    at = pd.DataFrame(frame.pop("at").tolist(), index=frame.index)
    frame = frame.join(at)
    return _typed(frame, columns, ints=("n_mentions", "n_articles"), floats=("lat", "lon"))


def countries(store: Store, f: Filter) -> pd.DataFrame:
    """Mentions per country in the filtered articles (places resolved to a country, dateline
    places included), most mentioned first. Columns: country_code, n_mentions, n_articles."""
    sql, params = _with_filter(f, """
        SELECT p.country_code, count(*) AS n_mentions, count(DISTINCT p.article_id) AS n_articles
        FROM places p JOIN fa ON fa.id = p.article_id
        WHERE p.country_code IS NOT NULL
        GROUP BY p.country_code ORDER BY n_mentions DESC, p.country_code""")
    frame = store.query(sql, params, limit=1000)
    return _typed(frame, ("country_code", "n_mentions", "n_articles"),
                  ints=("n_mentions", "n_articles"))


# --- time ----------------------------------------------------------------------------------------

def timeline(store: Store, f: Filter) -> pd.DataFrame:
    """Per day (articles dated within :data:`~components.filters.DATE_WINDOW` only, days
    without articles left out): the filtered articles and the actor mentions in them (see
    :func:`date_span` for how many are left out). Columns: day (datetime64), n_articles,
    n_mentions."""
    sql, params = _with_filter(f, f"""
        , per_article AS (
            SELECT article_id, count(*) AS n FROM entities
            WHERE actor IS NOT NULL AND article_id IN (SELECT id FROM fa) GROUP BY article_id)
        SELECT fa.date AS day, count(*) AS n_articles, coalesce(sum(pa.n), 0) AS n_mentions
        FROM fa LEFT JOIN per_article pa ON pa.article_id = fa.id
        WHERE fa.date {IN_WINDOW} GROUP BY fa.date ORDER BY day""")
    frame = store.query(sql, params, limit=100_000)
    return _typed(frame, ("day", "n_articles", "n_mentions"), ints=("n_articles", "n_mentions"),
                  days=("day",))


def timeline_by_actor(store: Store, f: Filter, *, top: int = 8) -> pd.DataFrame:
    """Per day and actor, mentions of the ``top`` most mentioned actors in the filtered
    articles dated within the window (as :func:`timeline`), the actors ranked as :func:`top_actors`
    ranks them (the Filter's own actors first, so a selected actor always has its line).
    Columns: day, actor, n_mentions."""
    params: dict = {"top": int(top), "v_selected": list(f.actors)}
    sql, params = _with_filter(f, f""", {_mentions_cte(f, params)},
        best AS (SELECT actor FROM m GROUP BY actor
                 ORDER BY list_contains($v_selected::VARCHAR[], actor) DESC, count(*) DESC, actor
                 LIMIT $top)
        SELECT date AS day, actor, count(*) AS n_mentions FROM m
        WHERE date {IN_WINDOW} AND actor IN (SELECT actor FROM best)
        GROUP BY ALL ORDER BY day, actor""", **params)
    frame = store.query(sql, params, limit=1_000_000)
    return _typed(frame, ("day", "actor", "n_mentions"), ints=("n_mentions",), days=("day",))


def busiest_days(store: Store, f: Filter, *, limit: int = 10) -> pd.DataFrame:
    """Days (within :data:`~components.filters.DATE_WINDOW`) with the most filtered articles,
    busiest first (ties: latest first). Columns: day, n_articles."""
    sql, params = _with_filter(f, f"""
        SELECT date AS day, count(*) AS n_articles FROM fa WHERE date {IN_WINDOW}
        GROUP BY date ORDER BY n_articles DESC, day DESC LIMIT $lim""", lim=int(limit))
    frame = store.query(sql, params, limit=max(int(limit), 0))
    return _typed(frame, ("day", "n_articles"), ints=("n_articles",), days=("day",))


# --- quotes and articles -------------------------------------------------------------------------

def _quote_scope(f: Filter, *, search: str = "") -> tuple[str, str, dict]:
    """What :func:`quotes` selects: ``(cte, where, params)``. ``cte`` defines ``fq``, the
    articles whose quotes count (the filtered articles; without the actors condition when the
    Filter has actors, as those then select the speaker); ``where`` is the condition on a
    ``quotes q LEFT JOIN actor_aliases sal ON sal.alias = q.speaker`` row."""
    sql, params = filter_sql(f, ignore=("actors",) if f.actors else (), prefix="q")
    where = ["q.article_id IN (SELECT id FROM fq)"]
    if f.actors:
        params["q_actors"] = list(f.actors)
        where.append(f"{SPEAKER_OF_QUOTE} IN (SELECT unnest($q_actors::VARCHAR[]))")
    for i, word in enumerate(search_terms(search)):
        params[f"q_search{i}"] = _like(word)
        where.append(f"(q.content ILIKE $q_search{i} ESCAPE '{LIKE_ESCAPE}' OR "
                     f"{SPEAKER_OF_QUOTE} ILIKE $q_search{i} ESCAPE '{LIKE_ESCAPE}')")
    return f"fq AS ({sql})", " AND ".join(where), params


def quotes(store: Store, f: Filter, *, search: str = "", limit: int = 5000) -> pd.DataFrame:
    """Quotes in the filtered articles, newest first (undated last, then in text order). When
    the Filter has actors, the quotes *by* those actors (canonical speaker) in the articles of
    the Filter's other fields. ``search``: words (or "quoted phrases") that must each occur,
    case-insensitively, in the quote or its speaker's name. ``speaker`` is the canonical actor (the name as found when
    it has none), or None. ``frame.attrs["truncated"]`` says whether more than ``limit``
    matched. Columns: date (NaT when undated), speaker, quote, kind, cue, title, source, article_id."""
    cte, where, params = _quote_scope(f, search=search)
    sql = f"""WITH {cte}
        SELECT {ARTICLE_DAY} AS date, {SPEAKER_OF_QUOTE} AS speaker, q.content AS quote, q.kind, q.cue,
               {TITLE_OR_OPENING} AS title, a.source, q.article_id
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
        WHERE {where}
        ORDER BY 1 DESC NULLS LAST, a.id, q.idx LIMIT $q_lim"""
    frame = store.query(sql, {**params, "q_lim": int(limit) + 1}, limit=max(int(limit), 0))
    return _typed(frame, QUOTE_COLUMNS, days=("date",))


def articles(store: Store, f: Filter, *, limit: int = 5000) -> pd.DataFrame:
    """The filtered articles, newest first (undated last). ``dateline`` is the dateline's place
    names joined with ", " ("" when none); ``n_actors``/``n_places`` count distinct canonical
    actors and resolved place names. ``frame.attrs["truncated"]`` says whether more than
    ``limit`` matched. Columns: article_id, date (datetime64, NaT when undated: see
    :func:`day_text`), title, source, dateline, n_words, n_actors, n_places, n_quotes."""
    sql, params = _with_filter(f, """
        , page AS (
            SELECT a.id, """ + ARTICLE_DAY + """ AS date, """ + TITLE_OR_OPENING + """ AS title, a.source,
                   a.dateline, a.n_words FROM articles a
            WHERE a.id IN (SELECT id FROM fa)
            ORDER BY 2 DESC NULLS LAST, a.title, a.id LIMIT $lim
        ), na AS (
            SELECT e.article_id, count(DISTINCT coalesce(al.actor, e.actor)) AS n FROM entities e
            LEFT JOIN actor_aliases al ON al.alias = e.actor
            WHERE e.actor IS NOT NULL AND e.article_id IN (SELECT id FROM page) GROUP BY 1
        ), np AS (
            SELECT article_id, count(DISTINCT name) AS n FROM places
            WHERE name IS NOT NULL AND article_id IN (SELECT id FROM page) GROUP BY 1
        ), nq AS (
            SELECT article_id, count(*) AS n FROM quotes
            WHERE article_id IN (SELECT id FROM page) GROUP BY 1
        )
        SELECT page.id AS article_id, page.date, page.title, page.source,
               coalesce(array_to_string(page.dateline, ', '), '') AS dateline, page.n_words,
               coalesce(na.n, 0) AS n_actors, coalesce(np.n, 0) AS n_places,
               coalesce(nq.n, 0) AS n_quotes
        FROM page LEFT JOIN na ON na.article_id = page.id LEFT JOIN np ON np.article_id = page.id
        LEFT JOIN nq ON nq.article_id = page.id
        ORDER BY page.date DESC NULLS LAST, page.title, page.id""", lim=int(limit) + 1)
    frame = store.query(sql, params, limit=max(int(limit), 0))
    return _typed(frame, ARTICLE_COLUMNS, ints=("n_words", "n_actors", "n_places", "n_quotes"),
                  days=("date",))


def article(store: Store, article_id: str) -> dict | None:
    """One article for the reader: ``{"id", "date"`` (a ``datetime.date`` or None) ``, "title",
    "source", "url", "dateline"`` (list of names) ``, "text", "entities": DataFrame(start_char,
    end_char, text, label, actor, actor_type)`` (actor canonical, type as in ``actors``, in text
    order) ``, "quotes": DataFrame(start_char, end_char, speaker)`` (speaker canonical) ``}``,
    or None if unknown."""
    row = store.query(f"""
        SELECT a.id, {ARTICLE_DAY} AS date, a.title, a.source, a.url, a.dateline, a.text,
               (SELECT list({{'start_char': e.start_char, 'end_char': e.end_char, 'text': e.text,
                             'label': e.label,
                             'actor': CASE WHEN e.actor IS NULL THEN NULL
                                           ELSE coalesce(al.actor, e.actor) END,
                             'actor_type': coalesce(ac.actor_type, e.actor_type)}} ORDER BY e.idx)
                FROM entities e LEFT JOIN actor_aliases al ON al.alias = e.actor
                LEFT JOIN actors ac ON ac.actor = al.actor WHERE e.article_id = $id) AS entities,
               (SELECT list({{'start_char': q.start_char, 'end_char': q.end_char,
                             'speaker': {SPEAKER_OF_QUOTE}}} ORDER BY q.idx)
                FROM quotes q LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
                WHERE q.article_id = $id) AS quotes
        FROM articles a WHERE a.id = $id""", {"id": article_id}, limit=1)
    if row.empty:
        return None
    r = row.iloc[0]

    def rows(name: str, columns: tuple[str, ...]) -> pd.DataFrame:
        frame = pd.DataFrame(list(r[name]), columns=list(columns)) if _is_list(r[name]) else _empty(*columns)
        return _typed(frame, columns, ints=("start_char", "end_char"))

    day = r["date"]
    return {"id": r["id"], "date": None if pd.isna(day) else day.date(), "title": _or_none(r["title"]),
            "source": _or_none(r["source"]), "url": _or_none(r["url"]),
            "dateline": [str(d) for d in r["dateline"]] if _is_list(r["dateline"]) else [],
            "text": r["text"],
            "entities": rows("entities", ("start_char", "end_char", "text", "label", "actor", "actor_type")),
            "quotes": rows("quotes", ("start_char", "end_char", "speaker"))}


def ingest_history(store: Store, *, limit: int = 20) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``limit`` most recent ingest runs (run_id, started_at, finished_at, inputs: the paths
    joined with ", ", counts: the JSON text) and the problems logged by those runs (run_id,
    origin, reason), newest first."""
    runs = store.query("""
        SELECT run_id, started_at, finished_at, array_to_string(inputs, ', ') AS inputs,
               CAST(counts AS VARCHAR) AS counts
        FROM ingest_runs ORDER BY started_at DESC, run_id DESC LIMIT $lim""",
                       {"lim": int(limit)}, limit=max(int(limit), 0))
    problems = store.query("""
        SELECT p.run_id, p.origin, p.reason FROM ingest_problems p
        JOIN (SELECT run_id, started_at FROM ingest_runs ORDER BY started_at DESC, run_id DESC
              LIMIT $lim) r USING (run_id)
        ORDER BY r.started_at DESC, p.logged_at DESC, p.origin""", {"lim": int(limit)}, limit=10_000)
    return (_typed(runs, ("run_id", "started_at", "finished_at", "inputs", "counts")),
            _typed(problems, ("run_id", "origin", "reason")))


# --- frame tidying -------------------------------------------------------------------------------

def day_text(value) -> str:
    """A date cell (``datetime.date``, Timestamp or datetime64; None, NaT or NaN for none) as
    ``YYYY-MM-DD`` (``0001-01-01`` for year 1), or :data:`UNDATED` when missing."""
    if value is None or pd.isna(value):
        return UNDATED
    day = value if type(value) is date else pd.Timestamp(value).date()
    return day.isoformat()


def _is_list(value) -> bool:
    """Whether ``value`` (a list cell of a frame: list, array, or NULL) holds a list."""
    return isinstance(value, (list, tuple)) or hasattr(value, "tolist")


def _or_none(value):
    return None if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else value


def _typed(frame: pd.DataFrame, columns: tuple[str, ...], *, ints: tuple[str, ...] = (),
           floats: tuple[str, ...] = (), days: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` (missing ones added empty), count columns as int64,
    ``floats`` as float64 and ``days`` as datetime64 even when empty, missing text as None;
    ``attrs`` kept."""
    attrs = dict(frame.attrs)
    out = frame.reindex(columns=list(columns)) if list(frame.columns) != list(columns) else frame
    for c in ints:
        out[c] = out[c].fillna(0).astype("int64")
    for c in floats:
        out[c] = out[c].astype("float64")
    for c in days:
        out[c] = pd.to_datetime(out[c])
    for c in out.columns:  # missing text as None (DuckDB gives NaN), for display and export
        if pd.api.types.is_string_dtype(out[c]) and out[c].isna().any():
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    out.attrs.update(attrs)
    return out
