"""The store's SQL schema, versioned: the tables that ``docs/store.md`` documents for analysts.

``SCHEMA_VERSION`` is written to the ``meta`` table when a store is created. A later change to the
tables bumps it and adds the statements that bring a store of the previous version up to date to
``MIGRATIONS`` (``{from_version: [sql, …]}``); :mod:`components.store` applies them inside the
first write transaction that opens an older store. Column names avoid SQL keywords (``start_char``
rather than ``start``/``end``) so that analysts never need to quote them.
"""
from __future__ import annotations

SCHEMA_VERSION = 1

#: ``CREATE TABLE`` statement of every table, in creation order (the order of the docs, too).
TABLES: dict[str, str] = {
    "meta": """
        CREATE TABLE meta (
            key   VARCHAR PRIMARY KEY,
            value VARCHAR NOT NULL
        )""",
    "articles": """
        CREATE TABLE articles (
            id               VARCHAR PRIMARY KEY,
            source_id        VARCHAR,
            date             DATE,
            dateline         VARCHAR[] NOT NULL,
            title            VARCHAR,
            source           VARCHAR,
            url              VARCHAR,
            text             VARCHAR NOT NULL,
            n_words          INTEGER NOT NULL,
            origins          VARCHAR[] NOT NULL,
            first_ingested   TIMESTAMP NOT NULL,
            first_run_id     VARCHAR,
            pipeline_version VARCHAR,
            extracted_at     TIMESTAMP
        )""",
    "entities": """
        CREATE TABLE entities (
            article_id       VARCHAR NOT NULL,
            pipeline_version VARCHAR NOT NULL,
            idx              INTEGER NOT NULL,
            start_char       INTEGER NOT NULL,
            end_char         INTEGER NOT NULL,
            text             VARCHAR NOT NULL,
            label            VARCHAR NOT NULL,
            actor            VARCHAR,
            actor_type       VARCHAR,
            role             VARCHAR
        )""",
    "places": """
        CREATE TABLE places (
            article_id       VARCHAR NOT NULL,
            pipeline_version VARCHAR NOT NULL,
            idx              INTEGER NOT NULL,
            from_dateline    BOOLEAN NOT NULL,
            start_char       INTEGER,
            end_char         INTEGER,
            text             VARCHAR NOT NULL,
            name             VARCHAR,
            country_code     VARCHAR,
            lat              DOUBLE,
            lon              DOUBLE,
            geonameid        BIGINT,
            feature          VARCHAR
        )""",
    "quotes": """
        CREATE TABLE quotes (
            article_id       VARCHAR NOT NULL,
            pipeline_version VARCHAR NOT NULL,
            idx              INTEGER NOT NULL,
            start_char       INTEGER NOT NULL,
            end_char         INTEGER NOT NULL,
            content          VARCHAR NOT NULL,
            kind             VARCHAR NOT NULL,
            speaker          VARCHAR,
            speaker_start    INTEGER,
            speaker_end      INTEGER,
            cue              VARCHAR,
            content_spans    INTEGER[][] NOT NULL
        )""",
    "actors": """
        CREATE TABLE actors (
            actor       VARCHAR PRIMARY KEY,
            actor_type  VARCHAR,
            aliases     VARCHAR[] NOT NULL,
            roles       VARCHAR[] NOT NULL,
            n_mentions  BIGINT NOT NULL,
            n_articles  BIGINT NOT NULL,
            n_quotes    BIGINT NOT NULL,
            first_date  DATE,
            last_date   DATE
        )""",
    "actor_aliases": """
        CREATE TABLE actor_aliases (
            alias       VARCHAR PRIMARY KEY,
            actor       VARCHAR NOT NULL,
            n_mentions  BIGINT NOT NULL
        )""",
    "ingest_runs": """
        CREATE TABLE ingest_runs (
            run_id      VARCHAR PRIMARY KEY,
            started_at  TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            inputs      VARCHAR[] NOT NULL,
            counts      JSON
        )""",
    "ingest_problems": """
        CREATE TABLE ingest_problems (
            run_id      VARCHAR,
            origin      VARCHAR NOT NULL,
            reason      VARCHAR NOT NULL,
            logged_at   TIMESTAMP NOT NULL
        )""",
}

#: Statements that migrate a store of version ``key`` to version ``key + 1``.
MIGRATIONS: dict[int, list[str]] = {}
