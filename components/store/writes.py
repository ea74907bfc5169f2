"""One batch of writes: extractions, articles and problems turned into Arrow tables (:class:`_Batch`,
built before the lock is taken), then written by a few set-based statements in the caller's
transaction (:func:`_write_batch`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pyarrow as pa

from ..ingest.dates import WINDOW, in_window
from ..records import Article, Extraction, Problem
from .connection import _exec
from .corpus_tables import _mark_actors_stale, _mark_counts_for_refill
from .place_picks import apply_place_picks
from .schema import ARTICLE_ACTORS_FROM, ARTICLE_ROW_TABLES, DISPLAY_TITLE, _utcnow

_STR = pa.string()
_INT = pa.int32()
_SCHEMAS = {
    "articles": pa.schema([
        ("id", _STR), ("source_id", _STR), ("date", pa.date32()), ("dateline", pa.list_(_STR)),
        ("title", _STR), ("source", _STR), ("url", _STR), ("text", _STR), ("n_words", _INT),
        ("origins", pa.list_(_STR)), ("pipeline_version", _STR), ("language", _STR)]),
    "entities": pa.schema([
        ("article_id", _STR), ("pipeline_version", _STR), ("idx", _INT), ("start_char", _INT),
        ("end_char", _INT), ("text", _STR), ("label", _STR), ("actor", _STR), ("actor_type", _STR),
        ("role", _STR)]),
    "places": pa.schema([
        ("article_id", _STR), ("pipeline_version", _STR), ("idx", _INT), ("from_dateline", pa.bool_()),
        ("start_char", _INT), ("end_char", _INT), ("text", _STR), ("name", _STR), ("country_code", _STR),
        ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()), ("feature", _STR),
        ("in_organisation", _STR)]),
    "quotes": pa.schema([
        ("article_id", _STR), ("pipeline_version", _STR), ("idx", _INT), ("start_char", _INT),
        ("end_char", _INT), ("content", _STR), ("kind", _STR), ("speaker", _STR),
        ("speaker_start", _INT), ("speaker_end", _INT), ("cue", _STR),
        ("content_spans", pa.list_(pa.list_(_INT)))]),
    "problems": pa.schema([("origin", _STR), ("reason", _STR)]),
}


def _rows_to_table(name: str, rows: list[tuple]) -> pa.Table:
    schema = _SCHEMAS[name]
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    return pa.table([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


@dataclass
class _Batch:
    """A batch turned into Arrow tables (built before the lock is taken)."""

    run_id: str | None
    now: datetime
    extracted_ids: list[str]          # articles that come with an extraction
    tables: dict[str, pa.Table]

    @property
    def empty(self) -> bool:
        return all(t.num_rows == 0 for t in self.tables.values())

    @classmethod
    def build(cls, extractions: list[Extraction], articles: list[Article],
              problems: Sequence[Problem], run_id: str | None) -> "_Batch":
        """Collect one row per distinct article (the last extraction of an article wins; the
        origins of all its copies are kept, those of extracted copies first) and the rows of its
        extraction."""
        problems = list(problems)
        first: dict[str, Article] = {}
        extraction: dict[str, Extraction] = {}
        origins: dict[str, list[str]] = {}
        for item in [*extractions, *articles]:
            article = item.article if isinstance(item, Extraction) else item
            if isinstance(item, Extraction):
                extraction[article.id] = item
            first.setdefault(article.id, article)
            seen = origins.setdefault(article.id, [])
            if article.origin and article.origin not in seen:
                seen.append(article.origin)
        rows: dict[str, list[tuple]] = {name: [] for name in _SCHEMAS}
        for aid, a in first.items():
            ex = extraction.get(aid)
            day = _parse_date(a.date)
            if a.date and day is None:
                problems.append(Problem(a.origin or a.source_id or aid,
                                        f"date {a.date!r} is not a YYYY-MM-DD date in {WINDOW}; stored without a date"))
            version = ex.pipeline_version if ex else None
            rows["articles"].append((aid, a.source_id, day, list(a.dateline or ()), a.title, a.source, a.url,
                                     a.text, a.n_words, origins[aid], version,
                                     a.language))
            if ex is not None:
                _extraction_rows(aid, ex, rows)
        rows["problems"] = [(p.origin, p.reason) for p in problems]
        return cls(run_id=run_id, now=_utcnow(),
                   extracted_ids=list(extraction),
                   tables={name: _rows_to_table(name, r) for name, r in rows.items()})


def _extraction_rows(aid: str, ex: Extraction, rows: dict[str, list[tuple]]) -> None:
    v = ex.pipeline_version
    rows["entities"].extend((aid, v, i, e.start, e.end, e.text, e.label, e.actor, e.actor_type, e.role)
                            for i, e in enumerate(ex.entities))
    places = [(p, False) for p in ex.places] + [(p, True) for p in ex.dateline_places]
    rows["places"].extend((aid, v, i, flag, p.start, p.end, p.text, p.name, p.country_code, p.lat, p.lon,
                           p.geonameid, p.feature, p.in_organisation) for i, (p, flag) in enumerate(places))
    rows["quotes"].extend((aid, v, i, q.start, q.end, q.content, q.kind, q.speaker, q.speaker_start,
                           q.speaker_end, q.cue, [list(s) for s in q.spans] or [[q.start, q.end]])
                          for i, q in enumerate(ex.quotes))


def _parse_date(value: str | None) -> date | None:
    """``value`` (``YYYY-MM-DD``) as a date, or None when it is missing, malformed or outside the
    dates an article may carry (:func:`components.ingest.dates.in_window`)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return day if in_window(day) else None


def _write_batch(con: duckdb.DuckDBPyConnection, batch: _Batch) -> list[int]:
    """All the statements of one batch, inside the caller's transaction; returns the numbers
    (``articles.seq``) of the stored articles it removed (older readings of the same page)."""
    names = {name: f"dl_new_{name}" for name in batch.tables}
    for name, table in batch.tables.items():
        con.register(names[name], table)
    try:
        _mark_counts_for_refill(con, batch.extracted_ids)  # (extracted again: rows replaced)
        _delete_old_extractions(con, batch)
        removed = _replace_older_readings(con, batch)
        _upsert_articles(con, batch)
        _insert_extractions(con, batch)
        _log_problems(con, batch)
        if batch.extracted_ids:  # in the same transaction: a crash before the rebuild leaves it set
            _mark_actors_stale(con, batch.now)
    finally:
        for view in names.values():
            con.unregister(view)
    return removed


#: The tables that hold rows of an article's extraction, keyed by ``article_id``.
EXTRACTION_TABLES = ARTICLE_ROW_TABLES


def _delete_extraction_rows(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Delete the rows of :data:`EXTRACTION_TABLES` of the articles ``ids``."""
    for table in EXTRACTION_TABLES:
        _exec(con, f"DELETE FROM {table} WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": ids})


def _delete_old_extractions(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """Remove the stored rows of every batch article that comes with a new extraction."""
    if not batch.extracted_ids:
        return
    stored = [r[0] for r in _exec(
        con, "SELECT id FROM articles WHERE pipeline_version IS NOT NULL"
        " AND id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": batch.extracted_ids})]
    if stored:  # skipped on a first ingest: no scan of the big tables
        _delete_extraction_rows(con, stored)


def _replace_older_readings(con: duckdb.DuckDBPyConnection, batch: _Batch) -> list[int]:
    """Remove each stored article that an article of the batch reads anew: one with the same URL
    and the same single origin (the same page file) but another id, because the page's text is
    now read differently (boilerplate lines dropped by a newer Dateline) or the file changed.
    Re-ingesting a folder of pages then updates them instead of storing each story twice. When
    an older reading was extracted, the corpus-level tables count its rows: the next rebuild is
    due (``actors_stale``), even if the new reading comes without an extraction. Returns the
    removed articles' numbers."""
    older = _exec(con, """
        SELECT a.id, a.pipeline_version IS NOT NULL, a.seq FROM articles a JOIN dl_new_articles n
          ON a.url = n.url AND a.origins = n.origins AND len(n.origins) = 1 AND a.id <> n.id""")
    if any(extracted for _, extracted, _ in older):
        _mark_actors_stale(con, batch.now)
    seqs = [seq for _, _, seq in older]
    older = [id_ for id_, _, _ in older]
    if older:
        _mark_counts_for_refill(con, older)
        _delete_extraction_rows(con, older)
        _exec(con, "DELETE FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": older})
    return seqs


def _upsert_articles(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    _exec(con, """
        INSERT INTO articles
        SELECT id, source_id, date, dateline, title, source, url, text, n_words, origins,
               $now, $run_id, pipeline_version, CASE WHEN pipeline_version IS NOT NULL THEN $now END,
               language, """ + DISPLAY_TITLE + """,
               (SELECT coalesce(max(seq), 0) FROM articles) + row_number() OVER (ORDER BY id)
        FROM dl_new_articles
        ON CONFLICT (id) DO UPDATE SET
            origins = list_concat(articles.origins, list_filter(excluded.origins,
                                  lambda o: NOT list_contains(articles.origins, o))),
            pipeline_version = coalesce(excluded.pipeline_version, articles.pipeline_version),
            language = coalesce(excluded.language, articles.language),
            extracted_at = CASE WHEN excluded.pipeline_version IS NULL
                                  OR excluded.pipeline_version = articles.pipeline_version
                                THEN articles.extracted_at ELSE excluded.extracted_at END
        """, {"now": batch.now, "run_id": batch.run_id})


def _insert_extractions(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """The batch's entities, places (with the analysts' place picks applied) and quotes, and its
    articles' ``article_actors`` rows (kept up to date on every write; the actors rebuild re-sorts
    them)."""
    for table in ("entities", "places", "quotes"):
        if batch.tables[table].num_rows:
            _exec(con, f"INSERT INTO {table} BY NAME SELECT n.*, a.seq AS article_seq FROM dl_new_{table} n"
                  " JOIN articles a ON a.id = n.article_id ORDER BY a.seq, n.idx")
    if batch.tables["places"].num_rows:
        apply_place_picks(con, new_rows="dl_new_places")
    if batch.tables["entities"].num_rows:
        _exec(con, "INSERT INTO article_actors " + ARTICLE_ACTORS_FROM.format(entities="dl_new_entities"))


def _log_problems(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    if batch.tables["problems"].num_rows:
        _exec(con, "INSERT INTO ingest_problems SELECT $run_id, origin, reason, $now FROM dl_new_problems",
                    {"run_id": batch.run_id, "now": batch.now})

