"""The analyst's tags and notes on what a view covers (:func:`annotations`): the filtered
articles that carry any, and the given actors that do (for the briefing)."""
from __future__ import annotations

import pandas as pd

from ..filters import Filter
from ..store import Store
from .frames import is_list, typed
from .sql import ARTICLE_DAY, with_filter, within

#: Columns of :func:`annotations`.
ANNOTATION_COLUMNS = ("what", "which", "title", "date", "tags", "notes")


def annotations(store: Store, f: Filter, *, actors: tuple[str, ...] = (), limit: int = 200) -> pd.DataFrame:
    """Tags and notes of the filtered articles and of ``actors`` (canonical names, e.g. the
    actors a briefing lists): one row per article or actor that has any, actors first (in the
    order given), then articles newest first; at most ``limit`` articles.

    Columns: what ("actor" or "article"), which (actor name or article id), title (the actor's
    name, or the article's title as shown), date (the article's; NaT for actors), tags (list of
    str, alphabetical), notes (list of dicts ``{"text", "written_by", "written_at"}``, oldest first)."""
    sql, params, kept = with_filter(f, f""",
        marked AS (SELECT what, which FROM tags UNION SELECT what, which FROM notes),
        items AS (
            SELECT 'actor' AS what, t.name AS which, t.name AS title, NULL::DATE AS date, t.i AS rank
            FROM unnest($actors::VARCHAR[]) WITH ORDINALITY AS t(name, i)
            WHERE t.name IN (SELECT which FROM marked WHERE what = 'actor')
            UNION ALL
            SELECT * FROM (  -- from the few annotated articles, not from every filtered one
                SELECT 'article', a.id, a.display_title, {ARTICLE_DAY}, NULL FROM articles a
                WHERE a.id IN (SELECT which FROM marked WHERE what = 'article') AND {within(f, "a.seq")}
                ORDER BY 4 DESC NULLS LAST, a.display_title, a.id LIMIT $lim)
        )
        SELECT i.what, i.which, i.title, i.date,
               (SELECT list(tag ORDER BY lower(tag), tag) FROM tags t WHERE t.what = i.what AND t.which = i.which) AS tags,
               (SELECT list({{'text': n.text, 'written_by': n.written_by, 'written_at': n.written_at}}
                            ORDER BY n.written_at, n.note_id)
                FROM notes n WHERE n.what = i.what AND n.which = i.which) AS notes
        FROM items i ORDER BY i.what, i.rank, i.date DESC NULLS LAST, i.title, i.which""",
        actors=[str(a) for a in actors], lim=int(limit))
    frame = store.query(sql, params, kept=kept, limit=int(limit) + len(actors))
    frame = typed(frame, ANNOTATION_COLUMNS, days=("date",))
    frame["tags"] = [list(v) if is_list(v) else [] for v in frame["tags"]]
    frame["notes"] = [[dict(n) for n in v] if is_list(v) else [] for v in frame["notes"]]
    return frame
