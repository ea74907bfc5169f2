"""The store's SQL schema, versioned: the tables that ``docs/store.md`` documents for analysts, and
the checks and upgrades of a store's schema version.

``SCHEMA_VERSION`` is written to the ``meta`` table when a store is created. A later change to the
tables bumps it and adds the statements that bring a store of the previous version up to date to
``MIGRATIONS`` (``{from_version: [sql, …]}``); :func:`_ensure_schema` applies them inside the
first write transaction that opens an older store. Column names avoid SQL keywords (``start_char``
rather than ``start``/``end``) so that analysts never need to quote them.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from .connection import ALIAS, StoreError, StoreOutdated, _exec

SCHEMA_VERSION = 7

#: The title an article is shown by, over the columns ``title`` and ``text`` of one row: its title,
#: else its opening words (whitespace runs made one space, 72 characters, "…" when the text is
#: longer), computed once when the article is stored (``articles.display_title``).
DISPLAY_TITLE = ("COALESCE(NULLIF(trim(title), ''), rtrim(left(ltrim(regexp_replace(text, '\\s+', ' ', 'g')), 72))"
                 " || CASE WHEN length(text) > 72 THEN '…' ELSE '' END)")

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
            extracted_at     TIMESTAMP,
            language         VARCHAR,
            display_title    VARCHAR,
            seq              BIGINT
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
            role             VARCHAR,
            article_seq      BIGINT
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
            feature          VARCHAR,
            article_seq      BIGINT,
            in_organisation  VARCHAR,
            machine          STRUCT(name VARCHAR, country_code VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
                                    feature VARCHAR)
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
            content_spans    INTEGER[][] NOT NULL,
            article_seq      BIGINT
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
            alias         VARCHAR PRIMARY KEY,
            actor         VARCHAR NOT NULL,
            n_mentions    BIGINT NOT NULL,
            machine_actor VARCHAR,
            hidden        BOOLEAN
        )""",
    "article_actors": """
        CREATE TABLE article_actors (
            actor       VARCHAR NOT NULL,
            article_id  VARCHAR NOT NULL,
            article_seq BIGINT,
            n_mentions  BIGINT
        )""",
    "article_places": """
        CREATE TABLE article_places (
            article_seq  BIGINT NOT NULL,
            name         VARCHAR,
            country_code VARCHAR,
            n_mentions   BIGINT NOT NULL
        )""",
    "place_counts": """
        CREATE TABLE place_counts (
            name         VARCHAR NOT NULL,
            country_code VARCHAR,
            feature      VARCHAR,
            lat          DOUBLE,
            lon          DOUBLE,
            n_mentions   BIGINT NOT NULL,
            n_articles   BIGINT NOT NULL
        )""",
    "country_counts": """
        CREATE TABLE country_counts (
            country_code VARCHAR NOT NULL,
            n_mentions   BIGINT NOT NULL,
            n_articles   BIGINT NOT NULL
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
    "corrections": """
        CREATE TABLE corrections (
            id          INTEGER PRIMARY KEY,
            uid         VARCHAR NOT NULL,
            made_at     TIMESTAMP NOT NULL,
            made_by     VARCHAR NOT NULL,
            action      VARCHAR NOT NULL,
            name        VARCHAR NOT NULL,
            value       VARCHAR,
            article_id  VARCHAR,
            undone_at   TIMESTAMP,
            undone_by   VARCHAR
        )""",
    "saved_views": """
        CREATE TABLE saved_views (
            name        VARCHAR PRIMARY KEY,
            filter      JSON NOT NULL,
            page        VARCHAR NOT NULL,
            saved_at    TIMESTAMP NOT NULL,
            saved_by    VARCHAR NOT NULL
        )""",
    "tags": """
        CREATE TABLE tags (
            what        VARCHAR NOT NULL,
            which       VARCHAR NOT NULL,
            tag         VARCHAR NOT NULL,
            tagged_at   TIMESTAMP NOT NULL,
            tagged_by   VARCHAR NOT NULL,
            PRIMARY KEY (what, which, tag)
        )""",
    "notes": """
        CREATE TABLE notes (
            note_id     VARCHAR PRIMARY KEY,
            what        VARCHAR NOT NULL,
            which       VARCHAR NOT NULL,
            text        VARCHAR NOT NULL,
            written_at  TIMESTAMP NOT NULL,
            written_by  VARCHAR NOT NULL
        )""",
}

#: The ``places`` row ``{p}`` (a table alias) is shown: it is no place name inside an
#: organisation's name (``in_organisation``: "Arctic" of "Arctic Research Forum", kept for the
#: record but no place the article speaks of), and no analyst's correction in force hides it
#: (``corrections``: action ``place_hide``, not undone, its ``name`` the row's text in any case,
#: everywhere or in the row's article). Every count, list and map of places reads ``places``
#: through it. (Two anti-joins on equal keys: over 600,000 rows they cost 0.03 s,
#: where one NOT EXISTS with an OR cost 0.2 s; no value is NULL, so NOT IN means what it says.)
PLACE_SHOWN = ("({p}.in_organisation IS NULL AND lower({p}.text) NOT IN (SELECT lower(c.name) FROM corrections c WHERE c.action = 'place_hide'"
               " AND c.undone_at IS NULL AND c.article_id IS NULL) AND ({p}.article_id, lower({p}.text)) NOT IN"
               " (SELECT (c.article_id, lower(c.name)) FROM corrections c WHERE c.action = 'place_hide'"
               " AND c.undone_at IS NULL AND c.article_id IS NOT NULL))")
#: The ``places`` rows shown (see :data:`PLACE_SHOWN`), as a table.
SHOWN_PLACES = "(SELECT * FROM places sp WHERE " + PLACE_SHOWN.format(p="sp") + ")"

#: One ``article_actors`` row per article and canonical actor mentioned in it, with its mentions
#: there, from the rows of ``<entities>`` (``entities``, or a batch's new rows): the names
#: canonical by ``actor_aliases``, those an analyst hid (``actor_aliases.hidden``) left out.
ARTICLE_ACTORS_FROM = ("SELECT coalesce(al.actor, e.actor), e.article_id, a.seq, count(*) FROM {entities} e"
                       " JOIN articles a ON a.id = e.article_id"
                       " LEFT JOIN actor_aliases al ON al.alias = e.actor WHERE e.actor IS NOT NULL AND al.hidden IS NOT TRUE"
                       " GROUP BY ALL")

#: The tables whose rows belong to one article: ``article_id`` (``articles.id``) and
#: ``article_seq`` (``articles.seq``, the article's number, which the views join on).
ARTICLE_ROW_TABLES = ("entities", "places", "quotes", "article_actors")

#: Statements that refill ``article_actors`` (sorted by actor, so that a filter on a few actors
#: reads a few blocks).
FILL_ARTICLE_ACTORS = [
    "DELETE FROM article_actors",
    "INSERT INTO article_actors " + ARTICLE_ACTORS_FROM.format(entities="entities") + " ORDER BY 1, 3",
]
#: The refill as stores before version 6 (no ``actor_aliases.hidden``) ran it, for their migrations.
_FILL_ARTICLE_ACTORS_BEFORE_6 = [sql.replace(" AND al.hidden IS NOT TRUE", "") for sql in FILL_ARTICLE_ACTORS]
#: The ``place_counts`` rows of the places in ``<places>`` (``places``, or some of its rows): per
#: name and country, the commonest coordinates, the mentions and the articles.
PLACE_COUNTS_FROM = """
       SELECT name, country_code, spot.feature, spot.lat, spot.lon, n_mentions, n_articles FROM (
           SELECT name, country_code, mode({{'feature': feature, 'lat': lat, 'lon': lon}}) AS spot,
                  count(*) AS n_mentions, count(DISTINCT article_id) AS n_articles
           FROM {places} WHERE name IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL
           GROUP BY name, country_code)"""


def _fill_place_counts(places: str) -> list[str]:
    """Statements that refill ``place_counts`` and ``country_counts`` from ``places`` (a table)."""
    return ["DELETE FROM place_counts",
            "INSERT INTO place_counts " + PLACE_COUNTS_FROM.format(places=places),
            "DELETE FROM country_counts",
            f"""INSERT INTO country_counts
       SELECT country_code, count(*), count(DISTINCT article_id) FROM {places} p
       WHERE country_code IS NOT NULL GROUP BY country_code"""]


#: Statements that refill ``place_counts`` and ``country_counts`` (the places shown).
FILL_PLACE_COUNTS = _fill_place_counts(SHOWN_PLACES)

#: One ``article_places`` row per article and resolved place (name and country; a place located
#: in a country but not named, e.g. a street, has no name) in ``<places>`` (``places``, or the rows
#: of some articles), with its mentions there.
ARTICLE_PLACES_FROM = ("SELECT article_seq, name, country_code, count(*) FROM {places}"
                       " WHERE name IS NOT NULL OR country_code IS NOT NULL GROUP BY ALL")
#: Statements that refill ``article_places`` (sorted by article number, so that an article's rows
#: sit together, as in ``places``).
FILL_ARTICLE_PLACES = [
    "DELETE FROM article_places",
    "INSERT INTO article_places " + ARTICLE_PLACES_FROM.format(places=SHOWN_PLACES) + " ORDER BY 1, 2, 3",
]
#: The refills as stores before version 6 (no ``corrections``) ran them, for their migrations.
_FILLS_BEFORE_6 = [*_fill_place_counts("places"), *(sql.replace(SHOWN_PLACES, "places") for sql in FILL_ARTICLE_PLACES)]
#: Statements that record every article as counted in ``place_counts``, ``country_counts`` and
#: ``article_places`` (after they were refilled): ``meta.counts_seq``, the highest article number.
COUNTED_ALL = [
    "INSERT OR REPLACE INTO meta SELECT 'counts_seq', coalesce(max(seq), 0)::VARCHAR FROM articles",
    "DELETE FROM meta WHERE key = 'counts_refill'",
]

#: Statements that migrate a store of version ``key`` to version ``key + 1``.
#: 1 → 2: ``articles.language`` (added last, as in ``TABLES``); NULL until the next ``ingest`` or
#: ``reextract`` detects it (:meth:`Store.stale_articles` gives those articles back).
#: 2 → 3: ``articles.display_title`` (added last), filled from ``title`` and ``text``; the
#: tables ``article_actors`` (from ``entities``), ``place_counts`` and ``country_counts`` (from
#: ``places``), filled (``article_actors`` in the next step, which numbers the articles).
#: 3 → 4: ``articles.seq``, each article's number (in the order articles were first stored), and
#: ``article_seq`` beside ``article_id`` in :data:`ARTICLE_ROW_TABLES`: the views join on this
#: integer, and an article's rows, stored together, are found without reading the whole table;
#: ``article_actors.n_mentions`` (the actor's mentions in the article), refilled.
#: 4 → 5: the table ``article_places`` (the places of each article, with their mentions), filled
#: with ``place_counts`` and ``country_counts`` (refilled: all three then count every article, as
#: ``meta.counts_seq`` records, and the next rebuild adds only the articles numbered since).
#: 5 → 6: the table ``corrections`` (analysts' corrections, applied by every rebuild and query);
#: ``actor_aliases.machine_actor`` (the automatic merge's actor, so a correction applies without
#: merging again) and ``actor_aliases.hidden`` (hidden by a correction), filled as the actor and
#: false (a store of version 5 has no corrections); ``places.in_organisation`` (added last): NULL until the next ``ingest`` or ``reextract``
#: re-extracts the articles (the rules changed, so every article is stale). The analyst's own
#: tables, empty: ``saved_views`` (a named Filter and its page), ``tags`` and ``notes`` (on
#: articles and actors).
#: 6 → 7: ``places.machine`` (added last): what the machine chose for a row an analyst's
#: ``place_pick`` correction changed (:mod:`components.store.place_picks`); NULL on every row (a
#: store of version 6 has no picks).
MIGRATIONS: dict[int, list[str]] = {
    1: ["ALTER TABLE articles ADD COLUMN language VARCHAR"],
    2: ["ALTER TABLE articles ADD COLUMN display_title VARCHAR",
        f"UPDATE articles SET display_title = {DISPLAY_TITLE}",
        TABLES["article_actors"], TABLES["place_counts"], TABLES["country_counts"], *_fill_place_counts("places")],
    3: ["ALTER TABLE articles ADD COLUMN seq BIGINT",
        "UPDATE articles SET seq = n.seq FROM (SELECT id, row_number() OVER (ORDER BY first_ingested, id) AS seq"
        " FROM articles) n WHERE n.id = articles.id",
        *(sql for table in ARTICLE_ROW_TABLES for sql in (
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS article_seq BIGINT",
            f"UPDATE {table} SET article_seq = a.seq FROM articles a WHERE a.id = {table}.article_id")
          if table != "article_actors"),
        "ALTER TABLE article_actors ADD COLUMN IF NOT EXISTS article_seq BIGINT",
        "ALTER TABLE article_actors ADD COLUMN IF NOT EXISTS n_mentions BIGINT", *_FILL_ARTICLE_ACTORS_BEFORE_6],
    4: [TABLES["article_places"], *_FILLS_BEFORE_6, *COUNTED_ALL],
    5: [TABLES["corrections"],
        "ALTER TABLE actor_aliases ADD COLUMN machine_actor VARCHAR",
        "ALTER TABLE actor_aliases ADD COLUMN hidden BOOLEAN",
        "UPDATE actor_aliases SET machine_actor = actor, hidden = false",
        "ALTER TABLE places ADD COLUMN in_organisation VARCHAR",
        TABLES["saved_views"], TABLES["tags"], TABLES["notes"]],
    6: ["ALTER TABLE places ADD COLUMN machine STRUCT(name VARCHAR, country_code VARCHAR, lat DOUBLE, lon DOUBLE,"
        " geonameid BIGINT, feature VARCHAR)"],
}


def _utcnow() -> datetime:
    """Now in UTC, without time zone (the store's TIMESTAMP columns are UTC)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- schema versions and meta ---------------------------------------------------------------------

def _schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    """The attached store's schema version, or None if the database holds nothing yet (a new
    file, or one whose creation was interrupted). Raises StoreError for a DuckDB database that
    holds other tables (or views) and no Dateline schema version: Dateline never writes into
    another program's database, nor reads it as an empty store."""
    names = [r[0] for r in _exec(
        con, "SELECT table_name FROM duckdb_tables() WHERE database_name = $db"
        " UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = $db AND NOT internal"
        " ORDER BY 1", {"db": ALIAS})]
    if not names:
        return None
    rows = _exec(con, "SELECT value FROM meta WHERE key = 'schema_version'") if "meta" in names else []
    if not rows:
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        raise StoreError(f"{path} is a DuckDB database but not a Dateline store (it holds other tables: {shown}): "
                         "give the path of a Dateline store, or of a new file to create one")
    return int(rows[0][0])


def _check_version(version: int, path: Path, *, writing: bool) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, written by a newer Dateline; this one "
                         f"knows versions up to {SCHEMA_VERSION}: upgrade Dateline to use it")
    if version < SCHEMA_VERSION and not writing:
        raise StoreOutdated(f"{path} was written by an older Dateline (store schema {version}, this one reads "
                            f"{SCHEMA_VERSION}): upgrade it once with `python -m components upgrade --db {path}` "
                            "(or the app's Upgrade button, or any ingest into it); older Dateline versions "
                            "cannot read it afterwards")


def _ensure_schema(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create the tables in an empty store, or migrate an older one (inside the caller's
    transaction)."""
    version = _schema_version(con, path)
    if version is None:
        for sql in TABLES.values():
            _exec(con, sql)
        _set_meta(con, "schema_version", str(SCHEMA_VERSION))
        _set_meta(con, "created_at", _utcnow().isoformat(timespec="seconds"))
        return
    _check_version(version, path, writing=True)
    while version < SCHEMA_VERSION:
        for sql in MIGRATIONS[version]:
            _exec(con, sql)
        version += 1
        _set_meta(con, "schema_version", str(version))


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    _exec(con, "INSERT OR REPLACE INTO meta VALUES ($key, $value)", {"key": key, "value": value})

