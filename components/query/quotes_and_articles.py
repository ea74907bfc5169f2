"""The texts themselves: the quotes of the filtered articles (:func:`quotes`), the list of
filtered articles (:func:`articles`) and one article for the reader (:func:`article`).

The two lists come one page at a time (``limit`` rows from ``offset``) with the number of rows
that match in ``frame.attrs["total"]`` (counted by the same statement), so a table can say
"rows 1–200 of 124,580" without sending 124,580 rows."""
from __future__ import annotations

import pandas as pd

from ..filters import Filter
from ..store import Store
from .frames import empty_frame, is_list, or_none, typed, with_country_names
from .search_syntax import match_of
from .sql import (ARTICLE_DAY, IS_SHOWN_ACTOR, SPEAKER_OF_QUOTE, TITLE_OR_OPENING, actor_rows_serve, place_rows_serve,
                  only_a_search, place_shown, quote_scope, ranked_hits, search_table, with_filter, within)

QUOTE_COLUMNS = ("date", "speaker", "quote", "kind", "cue", "title", "source", "article_id")
ARTICLE_COLUMNS = ("article_id", "date", "title", "source", "language", "dateline", "n_words", "n_actors",
                   "n_places", "n_quotes")


#: The columns of the reader's places (see :func:`article`); ``country`` is named from ``country_code``.
PLACE_COLUMNS = ("start_char", "end_char", "text", "name", "country_code", "country", "from_dateline")
#: Rows per page of the Quotes and Articles tables.
PAGE_ROWS = 200
#: Rows a download of one of those tables holds at most (the first ones, in the table's order).
EXPORT_ROWS = 100_000
#: Under a Filter that is only a search, the Articles list's pages that end within this many
#: rows come from the best hits alone (:func:`~components.store.search_hits.hits`, scope
#: "best"); pages further on, from every hit ranked.
BEST_ROWS = 5_000


def _paged(frame: pd.DataFrame, limit: int, offset: int) -> pd.DataFrame:
    """One page from the rows of a paged statement: ``frame`` holds the page's rows (up to
    ``limit + 1``, the one past the page saying more follow) each with ``total`` (the rows that
    match), or a single row of NULLs but ``total`` when the page is empty. Returns the page's
    rows (without ``total``), with ``attrs`` ``total``, ``offset``, ``truncated`` (more than
    ``limit`` rows follow the offset) and ``limit``."""
    total = int(frame["total"].iloc[0]) if len(frame) else 0
    rows = frame[frame["article_id"].notna()] if len(frame) else frame
    if rows.empty:  # text columns of no rows as DuckDB gives them (object), whatever the NULL row held
        rows = rows.astype({c: object for c in rows.columns if pd.api.types.is_string_dtype(rows[c])})
    page = rows.iloc[:max(int(limit), 0)].drop(columns=["total"], errors="ignore").reset_index(drop=True)
    page.attrs.update(total=total, offset=int(offset), truncated=len(rows) > max(int(limit), 0),
                      limit=max(int(limit), 0))
    return page


def quotes(store: Store, f: Filter, *, marks: bool = False, limit: int = PAGE_ROWS, offset: int = 0) -> pd.DataFrame:
    """Quotes in the filtered articles, newest first (undated last, then in text order). When
    the Filter has actors, the quotes *by* those actors (canonical speaker) in the articles of
    the Filter's other fields. Under a search (``f.text``) only the quotes whose own words match
    it, best match first; ``marks``: their hits are then marked in ``quote`` between
    :data:`~components.store.HIT_OPEN` and ``HIT_CLOSE``. ``speaker`` is the canonical actor (the name as found when
    it has none), or None. One page: ``limit`` quotes from the ``offset``-th (0 = the newest);
    ``frame.attrs["total"]`` is the number of quotes that match, ``attrs["offset"]`` the offset,
    ``attrs["truncated"]`` whether more than ``limit`` follow the offset.
    Columns: date (NaT when undated), speaker, quote, kind, cue, title, source, article_id."""
    cte, where, params, kept = quote_scope(f)
    ranked = search_table(f, "quotes")  # (one row per quote: joined, three times quicker than a subquery)
    rank, rank_join = (("r.rank", f"LEFT JOIN {ranked} r ON r.seq = h.article_seq AND r.idx = h.idx") if ranked
                       else ("NULL", ""))
    # one statement: the matching quotes are found once, for the page and for the total; the
    # page is picked by keys and date only, then its texts are read by row id
    sql = f"""WITH {cte},
        hits AS MATERIALIZED (
            SELECT q.rowid AS q_row, q.article_seq, q.article_id, q.idx FROM quotes q
            LEFT JOIN actor_aliases sal ON sal.alias = q.speaker WHERE {where}
        ), page AS (
            SELECT h.q_row, a.rowid AS a_row, h.article_id, h.article_seq, h.idx, {ARTICLE_DAY} AS date,
                   {rank} AS rank
            FROM hits h JOIN articles a ON a.seq = h.article_seq {rank_join}
            ORDER BY rank NULLS LAST, date DESC NULLS LAST, h.article_id, h.idx LIMIT $q_lim OFFSET $q_off
        )
        SELECT p.date, {SPEAKER_OF_QUOTE} AS speaker, q.content AS quote, q.kind, q.cue,
               {TITLE_OR_OPENING} AS title, a.source, p.article_id, n.total, p.article_seq, p.idx
        FROM (SELECT count(*) AS total FROM hits) n LEFT JOIN (
            page p JOIN quotes q ON q.rowid = p.q_row JOIN articles a ON a.rowid = p.a_row
            LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
        ) ON TRUE
        ORDER BY p.rank NULLS LAST, p.date DESC NULLS LAST, p.article_id, p.idx"""
    frame = store.query(sql, {**params, "q_lim": int(limit) + 1, "q_off": max(int(offset), 0)},
                        kept=kept, limit=max(int(limit), 0) + 1)
    page = _paged(frame, limit, offset)
    if marks and ranked and len(page):
        keys = list(zip(page["article_seq"].astype(int), page["idx"].astype(int)))
        marked = store.search_quote_marks(match_of(f.text), keys)
        page["quote"] = [marked.get(k, q) for k, q in zip(keys, page["quote"])]
    return typed(page, QUOTE_COLUMNS, days=("date",))


def articles(store: Store, f: Filter, *, marks: bool = False, limit: int = PAGE_ROWS, offset: int = 0) -> pd.DataFrame:
    """The filtered articles, newest first (undated last); under a search (``f.text``) the best
    match first (bm25 over title and body, the title weighing more), equal matches the article
    stored last first (only the filtered articles are ranked; for a Filter that is only a search
    and a page within the first :data:`BEST_ROWS`, only its best hits: see
    :func:`~components.query.sql.ranked_hits`). ``dateline`` is the dateline's place
    names joined with ", " ("" when none); ``n_actors``/``n_places`` count distinct canonical
    actors and resolved place names. One page: ``limit`` articles from the ``offset``-th;
    ``frame.attrs["total"]`` is the number of articles that match (under a search alone, the
    index's count of its hits: caught up with the store first, it holds every stored article
    once), ``attrs["truncated"]``
    whether more than ``limit`` follow the offset. Columns: article_id, date (datetime64, NaT when undated: see
    :func:`~components.query.day_text`), title, source, language (``articles.language``; None
    when not detected yet), dateline, n_words, n_actors, n_places, n_quotes; with ``marks`` under
    a search also ``snippet``: the article's best passage for it, hits between
    :data:`~components.store.HIT_OPEN` and ``HIT_CLOSE``."""
    rows = max(int(limit), 0) + 1 + max(int(offset), 0)  # (the rows up to this page's end, and one more)
    # (the Filter reads the hits without ranks: quicker to get; the ranked ones are the filtered articles)
    ranked, ranked_kept = ranked_hits(f, rows if rows <= BEST_ROWS else None)
    source = f"{ranked} r JOIN articles a ON a.seq = r.seq WHERE TRUE" if ranked else f"articles a WHERE {within(f, 'a.seq')}"
    order, page_order = (("rank NULLS LAST, a.seq DESC", "page.rank NULLS LAST, page.seq DESC") if ranked else
                         ("3 DESC NULLS LAST, 4, a.id", "page.date DESC NULLS LAST, page.title, page.id"))
    alone = only_a_search(f)  # (its articles are the hits: the index counts them, no set of them is made)
    ctes = """page AS (
            SELECT a.id, a.seq, """ + ARTICLE_DAY + """ AS date, """ + TITLE_OR_OPENING + """ AS title, a.source,
                   a.language, a.dateline, a.n_words, """ + ("r.rank" if ranked else "NULL") + """ AS rank
            FROM """ + source + """ ORDER BY """ + order + """ LIMIT $lim OFFSET $off
        ), na AS (""" + _page_actor_counts(store) + """
        ), np AS (""" + _page_place_counts(store) + """
        ), nq AS (
            SELECT article_seq, count(*) AS n FROM quotes
            WHERE article_seq IN (SELECT seq FROM page) GROUP BY 1
        )  -- one statement: the page and the total come together
        SELECT page.id AS article_id, page.date, page.title, page.source, page.language,
               coalesce(array_to_string(page.dateline, ', '), '') AS dateline, page.n_words,
               coalesce(na.n, 0) AS n_actors, coalesce(np.n, 0) AS n_places,
               coalesce(nq.n, 0) AS n_quotes, n.total, page.seq
        FROM (SELECT """ + ("$total::BIGINT AS total" if alone else "count(*) AS total FROM fa") + """) n LEFT JOIN (
            page LEFT JOIN na ON na.article_seq = page.seq LEFT JOIN np ON np.article_seq = page.seq
            LEFT JOIN nq ON nq.article_seq = page.seq
        ) ON TRUE
        ORDER BY """ + page_order
    if alone:
        sql, params, kept = "WITH " + ctes, {"total": store.search_count(match_of(f.text))}, {}
    else:
        sql, params, kept = with_filter(f, ", " + ctes)
    params.update(lim=int(limit) + 1, off=max(int(offset), 0))
    frame = store.query(sql, params, kept={**kept, **ranked_kept}, limit=max(int(limit), 0) + 1)
    page = _paged(frame, limit, offset)
    columns = ARTICLE_COLUMNS
    if marks and ranked:
        found = store.search_snippets(match_of(f.text), [int(s) for s in page["seq"]]) if len(page) else {}
        page["snippet"] = [found.get(int(s), "") for s in page["seq"]] if len(page) else []
        columns = (*ARTICLE_COLUMNS, "snippet")
    return typed(page, columns, ints=("n_words", "n_actors", "n_places", "n_quotes"), days=("date",))


def _page_actor_counts(store: Store) -> str:
    """SQL of (article_seq, n): the distinct canonical actors each article of ``page`` mentions,
    from ``article_actors`` (a row per article and actor: 3× quicker than the mentions) unless it
    lags behind the mentions."""
    if actor_rows_serve(store, Filter()):
        return "SELECT article_seq, count(*) AS n FROM article_actors WHERE article_seq IN (SELECT seq FROM page) GROUP BY 1"
    return ("SELECT e.article_seq, count(DISTINCT coalesce(al.actor, e.actor)) AS n FROM entities e"
            " LEFT JOIN actor_aliases al ON al.alias = e.actor"
            f" WHERE {IS_SHOWN_ACTOR} AND e.article_seq IN (SELECT seq FROM page) GROUP BY 1")


def _page_place_counts(store: Store) -> str:
    """SQL of (article_seq, n): the distinct names of resolved places of each article of ``page``,
    from ``article_places`` (a row per article and place) unless it lags behind ``places``."""
    rows, shown = ("article_places p", "TRUE") if place_rows_serve(store) else ("places p", place_shown("p"))
    return (f"SELECT article_seq, count(DISTINCT name) AS n FROM {rows}"
            f" WHERE name IS NOT NULL AND article_seq IN (SELECT seq FROM page) AND {shown} GROUP BY 1")


def article_hits(store: Store, f: Filter, article_id: str) -> dict[str, list[tuple[int, int]]]:
    """Where ``f``'s search hits the article ``article_id``, for the reader to mark:
    ``{"title": [(start, end)…], "text": […]}`` character offsets into its title and text
    (empty lists without a search, or where it does not hit)."""
    match = match_of(f.text)
    return store.search_highlights(match, article_id) if match else {"title": [], "text": []}


def article(store: Store, article_id: str) -> dict | None:
    """One article for the reader: ``{"id", "date"`` (a ``datetime.date`` or None) ``, "title"``
    (as read, or None) ``, "display_title"`` (the title, else the text's opening words, as lists
    show it) ``, "source", "url", "language"`` (``articles.language`` or None) ``, "dateline"`` (list of
    names) ``, "text", "entities": DataFrame(start_char,
    end_char, text, label, actor, actor_type)`` (actor canonical, type as in ``actors``, in text
    order) ``, "quotes": DataFrame(start_char, end_char, speaker, quote, kind, cue)`` (speaker
    canonical; quote: the quoted words, as the Quotes page shows them; in text order) ``, "places":
    DataFrame(start_char, end_char, text, name, country_code, country, from_dateline)`` (the places
    found in it and in its dateline, in order, those a correction hides left out; country: the
    country's name) ``}``, or None if unknown.
    An entity whose actor a correction hides has no actor nor actor type."""
    row = store.query(f"""
        WITH this AS (SELECT seq FROM articles WHERE id = $id)  -- its rows are found by their number
        SELECT a.id, {ARTICLE_DAY} AS date, a.title, {TITLE_OR_OPENING} AS display_title, a.source, a.url,
               a.language, a.dateline, a.text,
               (SELECT list({{'start_char': e.start_char, 'end_char': e.end_char, 'text': e.text,
                             'label': e.label,
                             'actor': CASE WHEN {IS_SHOWN_ACTOR} THEN coalesce(al.actor, e.actor) END,
                             'actor_type': CASE WHEN {IS_SHOWN_ACTOR} THEN coalesce(ac.actor_type, e.actor_type) END}}
                            ORDER BY e.idx)
                FROM entities e LEFT JOIN actor_aliases al ON al.alias = e.actor
                LEFT JOIN actors ac ON ac.actor = al.actor WHERE e.article_seq = (SELECT seq FROM this)) AS entities,
               (SELECT list({{'start_char': q.start_char, 'end_char': q.end_char,
                             'speaker': {SPEAKER_OF_QUOTE}, 'quote': q.content, 'kind': q.kind,
                             'cue': q.cue}} ORDER BY q.idx)
                FROM quotes q LEFT JOIN actor_aliases sal ON sal.alias = q.speaker
                WHERE q.article_seq = (SELECT seq FROM this)) AS quotes,
               (SELECT list({{'start_char': p.start_char, 'end_char': p.end_char, 'text': p.text, 'name': p.name,
                             'country_code': p.country_code, 'from_dateline': p.from_dateline}} ORDER BY p.idx)
                FROM places p WHERE p.article_seq = (SELECT seq FROM this) AND {place_shown("p")}) AS places
        FROM articles a WHERE a.id = $id""", {"id": article_id}, limit=1)
    if row.empty:
        return None
    r = row.iloc[0]

    def rows(name: str, columns: tuple[str, ...]) -> pd.DataFrame:
        frame = pd.DataFrame(list(r[name]), columns=list(columns)) if is_list(r[name]) else empty_frame(*columns)
        return typed(frame, columns, ints=("start_char", "end_char"))

    day = r["date"]
    return {"id": r["id"], "date": None if pd.isna(day) else day.date(), "title": or_none(r["title"]),
            "display_title": or_none(r["display_title"]),
            "source": or_none(r["source"]), "url": or_none(r["url"]), "language": or_none(r["language"]),
            "dateline": [str(d) for d in r["dateline"]] if is_list(r["dateline"]) else [],
            "text": r["text"],
            "entities": rows("entities", ("start_char", "end_char", "text", "label", "actor", "actor_type")),
            "quotes": rows("quotes", ("start_char", "end_char", "speaker", "quote", "kind", "cue")),
            "places": typed(with_country_names(rows("places", tuple(c for c in PLACE_COLUMNS if c != "country"))),
                            PLACE_COLUMNS)}
