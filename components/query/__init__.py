"""Queries for the views: a :class:`~components.filters.Filter` in, a small pandas frame out.

Every function takes the store and a Filter and returns a DataFrame with the columns its
docstring lists (an empty frame with those columns when nothing matches or the store does not
exist yet). SQL is built with parameters only (never a user value formatted into the SQL) and
run through :meth:`Store.query`; every view starts from the filtered article set of
:func:`~components.query.sql.filter_sql`.

=================================  ==============================================================
module                             what it answers
=================================  ==============================================================
:mod:`.sql`                        the Filter as SQL (:func:`filter_sql`), fragments the views share
:mod:`.search_syntax`              the analyst's search syntax parsed for the index (:func:`parse_search`)
:mod:`.frames`                     frame typing; :func:`day_text` for a date cell
:mod:`.counts`                     :func:`overview`, :func:`not_analysed`, :func:`extraction_versions`, :func:`date_span`, …
:mod:`.actors`                     :func:`top_actors`, :func:`cooccurrence`, :func:`actor_profile`, :func:`actor_places`
:mod:`.geography`                  :func:`places`, :func:`countries`, :func:`place_texts`
:mod:`.per_day`                    :func:`timeline`, :func:`timeline_by_actor`, …
:mod:`.periods`                    :func:`period_for`: a day, week or month per bar
:mod:`.quotes_and_articles`        :func:`quotes`, :func:`articles`, :func:`article`
:mod:`.ingest_runs`                :func:`ingest_history`
:mod:`.annotations`                :func:`annotations`: the analyst's tags and notes on what a view covers
=================================  ==============================================================

Use them through the package: ``from components import query; query.top_actors(store, f)``.
"""
from __future__ import annotations

from .actors import actor_places, actor_profile, cooccurrence, profile_scope, top_actors
from .annotations import ANNOTATION_COLUMNS, annotations
from .counts import (CHOICES_LIMIT, choices, date_span, extraction_versions, not_analysed, older_versions_note,
                     other_languages_note, overview)
from .frames import UNDATED, day_text
from .geography import countries, place_texts, places
from .ingest_runs import RUN_COUNTS, ingest_history
from .per_day import busiest_days, timeline, timeline_by_actor
from .periods import PERIODS, period_for
from .quotes_and_articles import (ARTICLE_COLUMNS, EXPORT_ROWS, PAGE_ROWS, QUOTE_COLUMNS, article, article_hits,
                                  articles, quotes)
from .search_syntax import SearchSyntaxError, parse_search
from .sql import filter_sql

__all__ = [
    "ANNOTATION_COLUMNS", "annotations", "ARTICLE_COLUMNS", "CHOICES_LIMIT", "EXPORT_ROWS", "PAGE_ROWS", "PERIODS", "QUOTE_COLUMNS", "RUN_COUNTS", "UNDATED",
    "actor_places", "actor_profile", "article", "article_hits", "articles", "busiest_days", "choices", "cooccurrence", "countries",
    "date_span", "day_text", "extraction_versions", "filter_sql", "ingest_history", "not_analysed", "older_versions_note",
    "other_languages_note", "overview", "period_for", "place_texts", "places",
    "profile_scope", "quotes",
    "SearchSyntaxError", "parse_search", "timeline", "timeline_by_actor", "top_actors",
]
