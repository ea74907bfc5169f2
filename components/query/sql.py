"""The SQL every view starts from: :func:`filter_sql` turns a :class:`~components.filters.Filter`
into the SQL of the filtered article set (``WITH fa AS (<filtered ids>) …``), plus the fragments
and clauses the views share.

SQL is built with parameters only (never a user value formatted into the SQL). Actor names are
corpus-level canonical names (``actors.actor``); the article-level names of ``entities.actor``
and ``quotes.speaker`` map to them through ``actor_aliases`` (a name with no alias row stands for
itself, so a store whose actors were not rebuilt yet still filters by the names it has). The
analysts' corrections apply through those tables too: ``actor_aliases`` holds the corrected
actors and the names hidden (:data:`IS_SHOWN_ACTOR`), and a ``places`` row is read only if it
is no name inside an organisation's name and no correction hides it (:func:`place_shown`).
"""
from __future__ import annotations

from ..filters import DATE_WINDOW, Filter
from ..store import PLACE_SHOWN, TAGGED_ITEM, Kept, Store, hits_kept, kept_name
from ..store.search_index import QUOTE_SLOTS
from .search_syntax import match_of

#: The canonical actor of an ``entities`` row ``e`` joined ``LEFT JOIN actor_aliases al``.
ACTOR_OF_ENTITY = "coalesce(al.actor, e.actor)"
#: The ``entities`` row ``e`` joined ``LEFT JOIN actor_aliases al`` names an actor no correction hides.
IS_SHOWN_ACTOR = "e.actor IS NOT NULL AND al.hidden IS NOT TRUE"
#: The canonical speaker of a ``quotes`` row ``q`` joined ``LEFT JOIN actor_aliases sal`` (None when
#: a correction hid it).
SPEAKER_OF_QUOTE = "CASE WHEN sal.hidden THEN NULL ELSE coalesce(sal.actor, q.speaker) END"
#: An article ``a``'s date as every view sees it: NULL (undated) for a DATE that no Python date can
#: hold (DuckDB's infinity, years before 1 or after 9999: only a hand-edited file has them), so
#: every frame converts.
ARTICLE_DAY = "CASE WHEN a.date BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN a.date END"
#: ``<date column> IN_WINDOW``: the date lies within :data:`~components.filters.DATE_WINDOW`
#: (the days a time axis draws; false for NULL).
IN_WINDOW = f"BETWEEN DATE '{DATE_WINDOW[0].isoformat()}' AND DATE '{DATE_WINDOW[1].isoformat()}'"
#: An article ``a`` extracted by a pipeline of another language than its own (so not analysed:
#: no entities, places or quotes): its language is known (not ``und``) and its pipeline version,
#: ``lang_name@version+rules-HASH``, does not start with it. False for an article not extracted yet.
NOT_ANALYSED = ("a.language IS NOT NULL AND a.language <> 'und'"
                " AND NOT starts_with(a.pipeline_version, a.language || '_')")
#: The title an article ``a`` is shown by: its title, else its opening words (stored at ingest:
#: ``articles.display_title``, see :data:`components.store.schema.DISPLAY_TITLE`).
TITLE_OR_OPENING = "a.display_title"


def place_shown(alias: str) -> str:
    """The condition that the ``places`` row ``alias`` is shown: no place name inside an
    organisation's name, and not hidden by a correction (:data:`~components.store.PLACE_SHOWN`)."""
    return PLACE_SHOWN.format(p=alias)


def filter_sql(f: Filter, *, ignore: tuple[str, ...] = (), prefix: str = "f",
               columns: str = "a.id, a.seq") -> tuple[str, dict]:
    """The SQL of the filtered article set and its named parameters.

    f: the Filter. Within a field the values are alternatives, across fields all apply:
        actors (articles with an entity whose canonical actor is one of them), actor_types
        (an entity whose actor is of one of these types: the corpus-level type, else the
        mention's), places (``places.name``), countries (``places.country_code``), the inclusive
        date range (undated articles drop out once a bound is set), sources, languages
        (``articles.language``), tags (the article, or an actor it mentions, carries one of
        them: ``tags``), and text (a search in the analyst's syntax, see
        :mod:`~components.query.search_syntax`, over the title, the body and the quotes: the
        statement reads the search's hits as the kept set named by :func:`search_kept`, which
        must be passed with it; SearchSyntaxError for a search that cannot be read).
    ignore: Filter fields to leave out (e.g. ``("actors",)`` for quotes *by* the actors).
    prefix: prefix of the parameter names, so that two filter sets can share one statement.
    columns: the columns of ``articles a`` selected before the date.
    Returns ``(sql, params)``: ``sql`` is a ``SELECT <columns>, <date> AS date FROM articles a WHERE …``
    statement (the date as :data:`ARTICLE_DAY`), ``params`` the values of its ``$name`` placeholders.
    """
    where, params = _filter_conditions(f, ignore=ignore, prefix=prefix)
    sql = f"SELECT {columns}, {ARTICLE_DAY} AS date FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def _filter_conditions(f: Filter, *, ignore: tuple[str, ...] = (), prefix: str = "f") -> tuple[list[str], dict]:
    """The conditions on ``articles a`` that :func:`filter_sql` joins with AND (none: every
    article is kept), and their named parameters."""
    where: list[str] = []
    params: dict = {}

    def param(name: str, value) -> str:
        key = f"{prefix}_{name}"
        params[key] = value
        return f"${key}"

    def wanted(field: str) -> bool:
        return bool(getattr(f, field)) and field not in ignore

    if wanted("actors"):
        where.append(  # article_actors: the canonical actors of each article, kept by every write
            "a.seq IN (SELECT article_seq FROM article_actors WHERE actor IN (SELECT unnest("
            f"{param('actors', list(f.actors))}::VARCHAR[])))")
    if wanted("actor_types"):
        where.append(
            "a.seq IN (SELECT e.article_seq FROM entities e LEFT JOIN actor_aliases al ON al.alias = e.actor"
            f" LEFT JOIN actors ac ON ac.actor = al.actor WHERE {IS_SHOWN_ACTOR} AND"
            " coalesce(ac.actor_type, e.actor_type) IN (SELECT unnest("
            f"{param('types', list(f.actor_types))}::VARCHAR[])))")
    if wanted("places"):
        where.append(f"a.seq IN (SELECT article_seq FROM places p WHERE {place_shown('p')} AND name IN (SELECT unnest("
                     f"{param('places', list(f.places))}::VARCHAR[])))")
    if wanted("countries"):
        where.append(f"a.seq IN (SELECT article_seq FROM places p WHERE {place_shown('p')} AND country_code IN"
                     f" (SELECT unnest({param('countries', list(f.countries))}::VARCHAR[])))")
    if f.date_from and "date_from" not in ignore:
        where.append(f"{ARTICLE_DAY} >= {param('from', f.date_from)}::DATE")
    if f.date_to and "date_to" not in ignore:
        where.append(f"{ARTICLE_DAY} <= {param('to', f.date_to)}::DATE")
    for field, column in (("sources", "a.source"), ("languages", "a.language")):
        if wanted(field):
            where.append(f"{column} IN (SELECT unnest({param(field, list(getattr(f, field)))}::VARCHAR[]))")
    if wanted("tags"):
        where.append(_tagged(param("tags", list(f.tags))))
    if wanted("text"):
        hits = next(iter(search_kept(f)), None)
        if hits:
            where.append(f"a.seq IN (SELECT seq FROM {hits})")
    return where, params


def _tagged(tags: str) -> str:
    """The condition on ``articles a`` of a tags filter (``tags``: a list parameter): the article
    carries one of the tags, or mentions an actor who does (by ``article_actors``)."""
    return (f"(a.id IN (SELECT which FROM tags WHERE what = 'article' AND tag IN (SELECT unnest({tags}::VARCHAR[])))"
            " OR a.seq IN (SELECT article_seq FROM article_actors WHERE actor IN (SELECT " + TAGGED_ITEM + " FROM tags"
            f" WHERE what = 'actor' AND tag IN (SELECT unnest({tags}::VARCHAR[])))))")


def search_kept(f: Filter, scope: str = "articles", limit: int | None = None) -> Kept:
    """The kept set of the hits of ``f``'s search (``{}`` when it has none): ``{name: Hits}``;
    for ``scope`` "articles" the table the Filter's SQL reads (column seq), "ranked" (seq, rank:
    bm25, lower is better), "best" (the ``limit`` best of "ranked", see
    :data:`~components.store.search_hits.BEST_ORDER`), "quotes" (seq, idx, rank).
    Raises SearchSyntaxError for a search that cannot be read."""
    match = match_of(f.text)
    return hits_kept(match, scope, limit)[1] if match else {}


def ranked_hits(f: Filter, limit: int | None = None) -> tuple[str | None, Kept]:
    """``(table name, kept)`` of ``f``'s hits with their bm25 rank (columns seq, rank; ``(None,
    {})`` without a search), exactly the filtered articles, as few ranked as a list needs: for a
    Filter that is only a search, its ``limit`` best (scope "best"; every hit for None); with
    other conditions too, the hits those conditions keep, ranked within the Filter's kept set
    (an actor's 43,663 of a search's 251,000 hits in 0.1 s, not all in 0.4 s). ``kept`` holds
    the sets to pass to :meth:`Store.query <components.store.Store.query>`, in their order."""
    match = match_of(f.text)
    if not match:
        return None, {}
    if only_a_search(f):
        return hits_kept(match, "ranked" if limit is None else "best", limit)
    source, kept = article_set(f)  # ("FROM kept_…": the Filter has conditions)
    name, ranked = hits_kept(match, "ranked", within=source.removeprefix("FROM "))
    return name, {**kept, **ranked}


def search_table(f: Filter, scope: str = "articles", limit: int | None = None) -> str | None:
    """The name of the table of ``f``'s hits (see :func:`search_kept`), None without a search."""
    return next(iter(search_kept(f, scope, limit)), None)


def only_a_search(f: Filter) -> bool:
    """Whether ``f`` has a search and nothing else that leaves articles out: its articles are
    then exactly the search's hits."""
    return bool(match_of(f.text)) and not _filter_conditions(f, ignore=("text",))[0]


def kept_tables_serve(store: Store, f: Filter) -> bool:
    """Whether the corpus-level tables every ingest keeps (``actors``, ``place_counts``,
    ``country_counts``) can answer for ``f``: with no filter they hold the same counts as the
    rows, unless they lag behind them (:meth:`Store.actors_stale`)."""
    return f.is_empty and not store.actors_stale()


def actor_rows_serve(store: Store, f: Filter) -> bool:
    """Whether ``article_actors`` (one row per article and canonical actor, with its mentions
    there) can stand for every mention (:func:`mentions_cte`) under ``f``: not for a Filter with
    actor types (it has none), nor while the actors tables lag behind ``entities``
    (:meth:`Store.actors_stale`: its names are canonical as of the last rebuild)."""
    return not f.actor_types and not store.actors_stale()


def place_rows_serve(store: Store) -> bool:
    """Whether ``article_places`` (one row per article and resolved place, with its mentions
    there) and ``place_counts`` can stand for the ``places`` rows of the filtered articles: not
    while they lag behind ``places`` (:meth:`Store.actors_stale`: every rebuild brings them up to
    date with the actors tables)."""
    return not store.actors_stale()


#: ``aa``: one row per filtered article and canonical actor mentioned in it: article_seq, date,
#: actor, n_mentions (from ``article_actors``; where :func:`actor_rows_serve` allows).
ACTOR_ROWS_CTE = """
        aa AS (
            SELECT x.article_seq, fa.date, x.actor, x.n_mentions
            FROM article_actors x JOIN fa ON fa.seq = x.article_seq
        )"""


def within(f: Filter, column: str, *, cte: str = "fa", ignore: tuple[str, ...] = ()) -> str:
    """``<column> IN (SELECT seq FROM <cte>)``: the row's article (``column``: its number,
    ``article_seq`` or ``a.seq``) is among the filtered ones; just
    ``TRUE`` when the Filter (without the ``ignore`` fields) keeps every article, so that an
    unfiltered view does not match millions of ids against the whole ``articles`` table."""
    return f"{column} IN (SELECT seq FROM {cte})" if _filter_conditions(f, ignore=ignore)[0] else "TRUE"


def article_set(f: Filter, *, ignore: tuple[str, ...] = ()) -> tuple[str, Kept]:
    """What a CTE of the filtered articles (columns ``seq``, ``date``) selects, without parameters:
    ``(source, kept)`` for ``<name> AS (<source>)``. With no condition (``ignore`` fields left
    out) it is :func:`filter_sql`'s statement over every article, nothing kept; else ``FROM
    kept_…``, a kept set (``kept`` for :meth:`Store.query <components.store.Store.query>`):
    evaluated once however many statements of a page read it."""
    sql, params = filter_sql(f, ignore=ignore, columns="a.seq")  # a kept set of a million: 12 MB
    if not _filter_conditions(f, ignore=ignore)[0]:  # no condition
        return sql, {}
    name = kept_name(sql, params)
    hits = search_kept(f) if "text" not in ignore else {}
    return f"FROM {name}", {**hits, name: (sql, params)}  # (the hits first: the set reads them)


def _kept_over(f: Filter, select: str) -> tuple[str, Kept]:
    """``(source, kept)`` of ``select`` (a statement reading ``fa``, the filtered articles, with
    no parameters) kept as a set of its own (see :func:`article_set`), so that the statements of
    a page that all need it compute it once; with no condition, the statement itself."""
    source, kept = article_set(f)
    sql = f"WITH fa AS ({source}) {select}"
    if not kept:
        return f"FROM ({sql})", {}
    name = kept_name(sql, {})
    return f"FROM {name}", {**kept, name: (sql, {})}


def actor_totals(f: Filter) -> tuple[str, Kept]:
    """``(source, kept)`` for a CTE of the canonical actors mentioned in the filtered articles,
    one row each: actor, n_mentions, n_articles (from ``article_actors``: only where
    :func:`actor_rows_serve` allows). A kept set, shared by :func:`~components.query.top_actors`
    and the actors count of :func:`~components.query.overview`."""
    return _kept_over(f, "SELECT x.actor, sum(x.n_mentions) AS n_mentions, count(*) AS n_articles"
                         " FROM article_actors x JOIN fa ON fa.seq = x.article_seq GROUP BY x.actor")


def place_totals(f: Filter) -> tuple[str, Kept]:
    """``(source, kept)`` for a CTE of the resolved places mentioned in the filtered articles,
    one row per name and country: name, country_code, n_mentions, n_articles (from
    ``article_places``: only where :func:`place_rows_serve` allows); a place resolved to a
    country alone has no name (a row per such country, name NULL). A kept set, shared by
    :func:`~components.query.places`, the places count of :func:`~components.query.overview`
    and the mentions per country of :func:`~components.query.countries`."""
    return _kept_over(f, "SELECT x.name, x.country_code, sum(x.n_mentions)::BIGINT AS n_mentions,"
                         " count(*) AS n_articles FROM article_places x JOIN fa ON fa.seq = x.article_seq"
                         " GROUP BY x.name, x.country_code")


def with_filter(f: Filter, body: str, **params) -> tuple[str, dict, Kept]:
    """``WITH fa AS (<filtered articles>) <body>``, the merged parameters, and the kept set it
    reads (pass all three to :meth:`Store.query <components.store.Store.query>`: ``sql, params,
    kept=kept``)."""
    source, kept = article_set(f)
    return f"WITH fa AS ({source}) {body}", params, kept


def type_clause(f: Filter, column: str, params: dict) -> str:
    """``AND <column> IN <the Filter's actor types>`` when the Filter has any (the actor views
    then show actors of those types only), else an empty string."""
    if not f.actor_types:
        return ""
    params["v_types"] = list(f.actor_types)
    return f" AND {column} IN (SELECT unnest($v_types::VARCHAR[]))"


def names_as_found(param: str) -> str:
    """SQL selecting the names as found (``entities.actor``) of the canonical actors in the list
    parameter ``param``: their aliases, and each one without an alias row itself."""
    return (f"SELECT alias FROM actor_aliases WHERE actor IN (SELECT unnest(${param}::VARCHAR[]))"
            f" UNION ALL SELECT n FROM unnest(${param}::VARCHAR[]) t(n) WHERE n NOT IN (SELECT alias FROM actor_aliases)")


def mentions_cte(f: Filter, params: dict, *, only: str | None = None) -> str:
    """``m``: one row per actor mention in the filtered articles (article_seq, date, actor,
    actor_type), the actor canonical and typed as in ``actors`` (else as in the mention); only
    actors of the Filter's actor types when it has any. ``only``: the name of a parameter holding
    canonical actors (a list) to keep only their mentions, picked by the names as found before
    any join (so a view of a few actors reads a few rows, not every mention)."""
    raw = f" AND e.actor IN ({names_as_found(only)})" if only else ""
    return f"""
        m AS (
            SELECT e.article_seq, fa.date, coalesce(al.actor, e.actor) AS actor,
                   coalesce(ac.actor_type, e.actor_type) AS actor_type
            FROM entities e JOIN fa ON fa.seq = e.article_seq
            LEFT JOIN actor_aliases al ON al.alias = e.actor
            LEFT JOIN actors ac ON ac.actor = al.actor
            WHERE {IS_SHOWN_ACTOR}{raw}{type_clause(f, "coalesce(ac.actor_type, e.actor_type)", params)}
        )"""


def quote_scope(f: Filter) -> tuple[str, str, dict, Kept]:
    """What :func:`~components.query.quotes` selects: ``(cte, where, params, kept)``. ``cte`` defines ``fq``, the
    articles whose quotes count (the filtered articles; without the actors condition when the
    Filter has actors, as those then select the speaker); ``where`` is the condition on a
    ``quotes q LEFT JOIN actor_aliases sal ON sal.alias = q.speaker`` row (under a search: the
    quote's own words match it too, see :func:`search_kept` with scope "quotes"); ``kept`` the
    kept sets it reads (see :func:`article_set`)."""
    ignore = ("actors",) if f.actors else ()
    source, kept = article_set(f, ignore=ignore)
    params: dict = {}
    where = [within(f, "q.article_seq", cte="fq", ignore=ignore)]
    if f.actors:  # (the speakers as found first: a few rows reach the join, not every quote)
        params["q_actors"] = list(f.actors)
        where.append(f"q.speaker IN ({names_as_found('q_actors')})")
        where.append(f"{SPEAKER_OF_QUOTE} IN (SELECT unnest($q_actors::VARCHAR[]))")
    quote_hits = search_kept(f, "quotes")
    for name in quote_hits:
        where.append(f"q.article_seq * {QUOTE_SLOTS} + q.idx IN (SELECT seq * {QUOTE_SLOTS} + idx FROM {name})")
    return f"fq AS ({source})", " AND ".join(where), params, {**quote_hits, **kept}
