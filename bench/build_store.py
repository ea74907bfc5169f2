"""Build a store of a million articles by replicating a 10,000-article synthetic one, in minutes.

    python bench/build_store.py [--source FILE] [--out FILE] [--copies N] [--force]

The source store (``python -m components demo DIR --n 10000`` then ``ingest``; built by
``bench/pages.py``'s recipe when missing, several minutes) is upgraded to this Dateline's schema,
then copied ``--copies`` times (100 by default: 1,000,000 articles) inside DuckDB, in SQL:

- copy 0 keeps the source's ids; copy k gives every article the new id ``md5(id || ':' || k)``
  (32 hex digits, never a content hash, so never taken for a real article) and moves its date
  ``15 × k`` days back, so 100 copies of the source's 6 weeks spread over about 4 years;
- in copies k > 0 actor names (entities' actors and quotes' speakers, through the source's
  ``actor_aliases`` to their canonical name first) and place names get a long tail: per article
  and name a variant number ``v = floor(1 / u)`` with ``u`` uniform in (0, 1] from a hash (a
  Zipf-like law: half keep the name, a sixth become ``"<name> 2"``, and so on, with variants
  seen once), the same in an article's entities and quotes;
- every article gets a new number (``articles.seq``), copy after copy, and its rows are stored
  in that order, as an ingest stores them (an article's rows together);
- ``entities``, ``places`` and ``quotes`` rows are copied with the new ids; ``actors`` and
  ``actor_aliases`` are rebuilt in SQL from the copied entities (the source's alias merges kept).

It prints the time of each step, the row counts and the file size. The file is written under a
temporary name and renamed at the end, so an interrupted build leaves nothing half-done.
Benchmarks print figures; they never fail on a time.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components.store import Store  # noqa: E402
# The actor tables' rebuild without the corpus-level name merge (which would take long on 100,000
# long-tailed names): the store's own SQL, with the source's merges as the mapping.
from components.store.corpus_tables import (_ACTOR_COUNTS_FINGERPRINT_SQL,  # noqa: E402
                                            _mapping_table, _write_actors)

HERE = Path(__file__).resolve().parent
SOURCE_DB = Path("/tmp/demo10k.duckdb")
SOURCE_DIR = Path("/tmp/demo10k")
OUT_DB = Path("/tmp/dateline1m.duckdb")
COPIES = 100
SHIFT_DAYS = 15

#: Per-copy macros: the new id of article ``aid`` in copy ``k``, its new number (``articles.seq``:
#: copy k's articles numbered after copy k - 1's), and the long-tailed variant of ``name`` in the
#: article ``nid`` (new id); an actor's name (as found: ``found``, canonical: ``canonical``) in
#: article ``aid`` of copy ``k``: as found in copy 0, else the canonical name's variant.
MACROS = [
    "CREATE OR REPLACE TEMP MACRO new_seq(n, k) AS n + k * (SELECT max(seq) FROM src.articles)",
    "CREATE OR REPLACE TEMP MACRO new_id(aid, k) AS CASE WHEN k = 0 THEN aid ELSE md5(aid || ':' || k) END",
    "CREATE OR REPLACE TEMP MACRO variant(name, nid) AS"
    " floor(1000004.0 / ((hash(name, nid) % 1000003) + 1))::BIGINT",
    "CREATE OR REPLACE TEMP MACRO tailed(name, nid, k) AS CASE WHEN name IS NULL OR k = 0 THEN name"
    " WHEN variant(name, nid) <= 1 THEN name ELSE name || ' ' || variant(name, nid)::VARCHAR END",
    "CREATE OR REPLACE TEMP MACRO tailed_actor(found, canonical, aid, k) AS CASE WHEN k = 0 THEN found"
    " ELSE tailed(coalesce(canonical, found), new_id(aid, k), k) END",
]

COPY_SQL = {
    "articles": """
        INSERT INTO articles BY NAME
        SELECT new_id(a.id, k) AS id, a.source_id, a.date - (k * $shift)::INTEGER AS date, a.dateline,
               a.title, a.source, a.url, a.text, a.n_words,
               list_transform(a.origins, lambda o: o || CASE WHEN k = 0 THEN '' ELSE '#' || k END) AS origins,
               a.first_ingested, a.first_run_id, a.pipeline_version, a.extracted_at, a.language,
               a.display_title, new_seq(a.seq, k) AS seq
        FROM src.articles a CROSS JOIN range($copies) r(k) ORDER BY seq""",
    "entities": """
        INSERT INTO entities BY NAME
        SELECT new_id(e.article_id, k) AS article_id, e.pipeline_version, e.idx, e.start_char, e.end_char,
               e.text, e.label,
               tailed_actor(e.actor, al.actor, e.article_id, k) AS actor,
               e.actor_type, e.role, new_seq(e.article_seq, k) AS article_seq
        FROM src.entities e LEFT JOIN src.actor_aliases al ON al.alias = e.actor
        CROSS JOIN range($copies) r(k) ORDER BY article_seq, idx""",
    "places": """
        INSERT INTO places BY NAME
        SELECT new_id(p.article_id, k) AS article_id, p.pipeline_version, p.idx, p.from_dateline,
               p.start_char, p.end_char, p.text, tailed(p.name, new_id(p.article_id, k), k) AS name,
               p.country_code, p.lat, p.lon, p.geonameid, p.feature, new_seq(p.article_seq, k) AS article_seq
        FROM src.places p CROSS JOIN range($copies) r(k) ORDER BY article_seq, idx""",
    "quotes": """
        INSERT INTO quotes BY NAME
        SELECT new_id(q.article_id, k) AS article_id, q.pipeline_version, q.idx, q.start_char, q.end_char,
               q.content, q.kind,
               tailed_actor(q.speaker, al.actor, q.article_id, k) AS speaker,
               q.speaker_start, q.speaker_end, q.cue, q.content_spans, new_seq(q.article_seq, k) AS article_seq
        FROM src.quotes q LEFT JOIN src.actor_aliases al ON al.alias = q.speaker
        CROSS JOIN range($copies) r(k) ORDER BY article_seq, idx""",
}


def ensure_source(db: Path, folder: Path) -> None:
    """Build the 10,000-article source store when missing (``bench/pages.py``'s recipe), then
    upgrade it to this Dateline's schema."""
    if not db.exists():
        sys.path.insert(0, str(HERE))
        import pages

        pages.build_large(db, folder, pages.LARGE_N)
    t0 = time.perf_counter()
    Store(db).migrate()
    print(f"source {db}: schema current ({time.perf_counter() - t0:.1f} s)", flush=True)


def replicate(source: Path, out: Path, copies: int) -> dict[str, int]:
    """Write ``copies`` copies of ``source`` into the new store ``out`` (see the module's
    docstring); returns the row count per table."""
    with Store(out)._transaction():  # creates the file with this version's schema
        pass
    con = duckdb.connect(str(out))

    def run(sql: str, params: dict | None = None) -> list[tuple]:
        return con.execute(sql, params).fetchall()  # every result fetched: the connection stays free

    try:
        run("SET preserve_insertion_order = true")  # an article's rows stored together, as ingest stores them
        run(f"ATTACH '{source}' AS src (READ_ONLY)")
        for sql in MACROS:
            run(sql)
        mapping = _mapping_table(dict(run("SELECT alias, actor FROM src.actor_aliases WHERE alias <> actor")))
        run("BEGIN TRANSACTION")
        for table, sql in COPY_SQL.items():
            t0 = time.perf_counter()
            run(sql, {"copies": copies, **({"shift": SHIFT_DAYS} if table == "articles" else {})})
            print(f"  {table:<9} copied in {time.perf_counter() - t0:5.1f} s", flush=True)
        t0 = time.perf_counter()
        run("INSERT INTO ingest_runs SELECT * FROM src.ingest_runs")
        fingerprint = run(_ACTOR_COUNTS_FINGERPRINT_SQL)[0]
        _write_actors(con, mapping, fingerprint)
        print(f"  actors    rebuilt in {time.perf_counter() - t0:5.1f} s", flush=True)
        run("COMMIT")
        run("DETACH src")
        run("CHECKPOINT")
        tables = ("articles", "entities", "places", "quotes", "actors", "actor_aliases", "article_places")
        return {t: run(f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DB, help="the 10,000-article store (built if missing)")
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR, help="folder for its synthetic stories")
    parser.add_argument("--out", type=Path, default=OUT_DB, help="the store to write")
    parser.add_argument("--copies", type=int, default=COPIES, help="copies of the source (100: 1M articles)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args(argv)
    if args.out.exists() and not args.force:
        parser.error(f"{args.out} exists: give --force to replace it, or another --out")
    if args.copies < 1:
        parser.error("--copies must be at least 1")
    ensure_source(args.source, args.source_dir)
    tmp = args.out.with_name(args.out.name + ".building")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    print(f"replicating {args.source} {args.copies} times into {args.out} …", flush=True)
    t0 = time.perf_counter()
    counts = replicate(args.source, tmp, args.copies)
    tmp.replace(args.out)
    seconds = time.perf_counter() - t0
    print(f"done in {seconds:.0f} s: {args.out} ({args.out.stat().st_size / 1e9:.2f} GB)")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
