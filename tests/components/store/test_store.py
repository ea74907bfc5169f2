"""Tests of components.store: round trip, idempotence, versions, atomic batches, concurrent
readers, locking, actors, Parquet export, and the docs of every column. Extractions are built by
hand (no spaCy)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from components.records import Article, Entity, Extraction, Place, Problem, Quote
from components.store import Store, StoreError, StoreLocked, StoreOutdated, connection, database, schema, writes
from components.store.schema import TABLES
from tests.conftest import ROOT



def make_extraction(speaker: str = "Dmitry Peskov", content: str = "No comment.", *, version: str = "v1",
                    origin: str | None = "a.txt", date: str | None = "2024-12-02",
                    role: str | None = "Kremlin spokesman") -> Extraction:
    """One article ``<speaker> said "<content>" in Moscow.`` with its entity, place, dateline
    place and quote, offsets computed from the text."""
    text = f'{speaker} said "{content}" in Moscow.'
    q0 = text.index('"')
    q1 = text.index('"', q0 + 1) + 1
    m = text.index("Moscow")
    moscow = dict(name="Moscow", country_code="RU", lat=55.75, lon=37.62, geonameid=524901, feature="city")
    return Extraction(
        article=Article.from_text(text, date=date, dateline=("Moscow",), title="Talks", source="wire",
                                  origin=origin, language="en"),
        pipeline_version=version,
        entities=[Entity(0, len(speaker), speaker, "PERSON", speaker, "person", role),
                  Entity(m, m + 6, "Moscow", "GPE", "Moscow", "state")],
        places=[Place(m, m + 6, "Moscow", **moscow)],
        quotes=[Quote(q0, q1, content, "full", speaker, 0, len(speaker), "said")],
        dateline_places=[Place(None, None, "Moscow", **moscow)],
    )


def snapshot(store: Store) -> dict[str, str]:
    """Every table's full content, in a stable order, as text."""
    return {t: store.query(f"SELECT * FROM {t} ORDER BY ALL").to_csv() for t in TABLES}


def run_python(code: str, *args: str, wait: bool = True, env: dict[str, str] | None = None):
    """Run ``code`` in a fresh Python process with the project importable (and ``env`` added to
    its environment)."""
    cmd = [sys.executable, "-c", textwrap.dedent(code), *args]
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    if wait:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "test.duckdb", timeout=10)


# --- a store that does not exist ----------------------------------------------------------------

def test_reading_a_missing_store_returns_empty_results_and_creates_nothing(store: Store, tmp_path: Path):
    assert store.summary() == {}
    frame = store.query("SELECT id, date, dateline FROM articles")
    assert list(frame.columns) == ["id", "date", "dateline"] and len(frame) == 0
    assert store.needs_extraction(["a", "b"], "v1") == {"a", "b"}
    assert list(store.stale_articles("v1")) == []
    store.rebuild_actors()
    exported = store.export_parquet(tmp_path / "export")
    assert [p.stem for p in exported] == list(TABLES)
    assert pq.read_table(tmp_path / "export" / "articles.parquet").num_rows == 0
    assert not store.path.exists() and not store.path.parent.exists()


# --- writing and reading back -------------------------------------------------------------------

def test_write_stores_one_article_row_and_its_extraction_rows(store: Store):
    ex = make_extraction()
    store.write([ex])
    art = store.query("SELECT * FROM articles").iloc[0]
    assert art["id"] == ex.article.id
    assert str(art["date"].date()) == "2024-12-02"
    assert list(art["dateline"]) == ["Moscow"] and list(art["origins"]) == ["a.txt"]
    assert art["n_words"] == ex.article.n_words and art["text"] == ex.article.text
    assert art["pipeline_version"] == "v1"

    ents = store.query("SELECT start_char, end_char, text, label, actor, actor_type, coalesce(role, '-')"
                       " FROM entities ORDER BY idx")
    assert ents.values.tolist() == [[e.start, e.end, e.text, e.label, e.actor, e.actor_type, e.role or "-"]
                                    for e in ex.entities]
    assert ex.entities[0].role == "Kremlin spokesman" and ex.entities[1].role is None
    places = store.query("SELECT from_dateline, start_char, name, geonameid FROM places ORDER BY idx")
    assert places["from_dateline"].tolist() == [False, True]
    assert places["start_char"].iloc[0] == ex.places[0].start and places["start_char"].isna().iloc[1]
    assert places["geonameid"].tolist() == [524901, 524901]
    quote = store.query("SELECT content, speaker, cue, content_spans FROM quotes").iloc[0]
    assert (quote["content"], quote["speaker"], quote["cue"]) == ("No comment.", "Dmitry Peskov", "said")
    q = ex.quotes[0]
    assert [list(s) for s in quote["content_spans"]] == [[q.start, q.end]]


def test_split_quote_pieces_are_stored_as_content_spans(store: Store):
    ex = make_extraction()
    ex.quotes[0].spans = [(19, 25), (30, 33)]
    store.write([ex])
    spans = store.query("SELECT content_spans FROM quotes")["content_spans"].iloc[0]
    assert [list(s) for s in spans] == [[19, 25], [30, 33]]


def test_reingesting_the_same_batch_changes_nothing(store: Store):
    batch = [make_extraction(), make_extraction("Maria Zakharova", "We will see.")]
    store.write(batch)
    before = snapshot(store)
    store.write(batch)
    assert snapshot(store) == before


def test_reingest_from_another_file_only_adds_the_origin(store: Store):
    ex = make_extraction(origin="a.txt")
    store.write([ex])
    before = store.query("SELECT * EXCLUDE (origins) FROM articles").to_csv()
    again = replace(ex, article=replace(ex.article, origin="b.zip!a.txt", title="Other title"))
    store.write([again])
    store.write([again])
    assert store.query("SELECT origins FROM articles")["origins"].iloc[0].tolist() == ["a.txt", "b.zip!a.txt"]
    assert store.query("SELECT * EXCLUDE (origins) FROM articles").to_csv() == before
    assert store.summary()["entities"] == 2


def page(text: str, *, origin: str = "pages/storm.html", url: str | None = "https://example.org/storm") -> Extraction:
    """An extraction of a web page ``origin`` with canonical ``url`` whose body reads ``text``."""
    ex = make_extraction(origin=origin)
    return replace(ex, article=replace(ex.article, text=text, url=url, id=Article.from_text(text).id))


def test_a_page_read_anew_replaces_its_older_reading(store: Store):
    # a newer Dateline drops the page's newsletter line: the same file, another text and id
    store.write([page('Dmitry Peskov said "No comment." in Moscow.\nSign up for our newsletter.')])
    store.write([page('Dmitry Peskov said "No comment." in Moscow.')])
    rows = store.query("SELECT text FROM articles")["text"].tolist()
    assert rows == ['Dmitry Peskov said "No comment." in Moscow.']
    assert store.summary()["entities"] == 2


def test_a_page_read_anew_without_extraction_makes_the_corpus_counts_due(store: Store):
    """The older reading was extracted and counted; the new one comes in unanalysed (stored to be
    extracted later): the corpus-level tables no longer match the rows, so they lag behind
    (and the views count from the rows) until the next rebuild, which counts them again."""
    store.write([page('Dmitry Peskov said "No comment." in Moscow.\nSign up for our newsletter.')])
    store.rebuild_actors()
    assert not store.actors_stale() and len(store.query("SELECT * FROM place_counts"))
    store.add_articles([page('Dmitry Peskov said "No comment." in Moscow.').article])
    assert store.actors_stale() and store.summary()["entities"] == 0
    store.rebuild_actors()
    assert store.query("SELECT * FROM place_counts").empty and store.query("SELECT * FROM actors").empty


@pytest.mark.parametrize("other", [
    dict(origin="mirror/storm.html"),                         # another file of the same story
    dict(url="https://example.org/flood"),                    # another page in the same file path
    dict(url=None),                                           # a page without a canonical URL
])
def test_a_different_page_is_not_taken_for_an_older_reading(store: Store, other):
    store.write([page("First text.")])
    store.write([page("Second text.", **{"origin": "pages/storm.html", "url": "https://example.org/storm", **other})])
    assert store.summary()["articles"] == 2


def test_an_article_twice_in_one_batch_is_one_row_with_both_origins(store: Store):
    ex = make_extraction(origin="a.txt")
    twin = replace(ex, article=replace(ex.article, origin="b.txt"))
    store.write([ex, twin])
    assert store.summary()["articles"] == 1 and store.summary()["entities"] == 2
    assert store.query("SELECT origins FROM articles")["origins"].iloc[0].tolist() == ["a.txt", "b.txt"]


# --- pipeline versions --------------------------------------------------------------------------

def test_needs_extraction_lists_new_articles_and_those_of_another_version(store: Store):
    old, current = make_extraction("A B", version="v1"), make_extraction("C D", version="v2")
    store.write([old, current])
    new_id = make_extraction("E F").article.id
    ids = [old.article.id, current.article.id, new_id]
    assert store.needs_extraction(ids, "v2") == {old.article.id, new_id}
    assert [a.id for a in store.stale_articles("v2")] == [old.article.id]


def test_each_language_is_expected_under_its_own_pipelines_version(store: Store):
    english, french, german = (Article.from_text(text, language=lang) for text, lang in (
        ("A B", "en"), ("C D", "fr"), ("E F", "de")))
    store.write([Extraction(english, "en_v1", [], [], []), Extraction(french, "fr_v1", [], [], []),
                 Extraction(german, "en_v1", [], [], [])])
    ids = [english.id, french.id, german.id]
    assert store.needs_extraction(ids, "en_v1", by_language={"fr": "fr_v1"}) == set()
    assert store.needs_extraction(ids, "en_v1", by_language={"fr": "fr_v2"}) == {french.id}
    assert store.needs_extraction(ids, "en_v1") == {french.id}  # no French pipeline any more
    assert store.needs_extraction(ids, "en_v1", by_language={"de": "de_v1", "fr": "fr_v1"}) == {german.id}
    assert {a.id for a in store.stale_articles("en_v2", by_language={"fr": "fr_v1"})} == {english.id, german.id}


def test_a_new_pipeline_version_replaces_the_article_rows(store: Store):
    ex = make_extraction(version="v1")
    store.write([ex])
    newer = replace(ex, pipeline_version="v2", entities=ex.entities[:1], quotes=[])
    store.write([newer])
    counts = store.query("SELECT (SELECT count(*) FROM entities) e, (SELECT count(*) FROM quotes) q,"
                         " (SELECT list(DISTINCT pipeline_version) FROM places) p").iloc[0]
    assert (counts["e"], counts["q"], list(counts["p"])) == (1, 0, ["v2"])
    assert store.query("SELECT pipeline_version FROM articles")["pipeline_version"].tolist() == ["v2"]
    assert store.needs_extraction([ex.article.id], "v2") == set()


def test_stale_articles_gives_back_the_stored_article(store: Store):
    ex = make_extraction(version="v1")
    store.write([ex])
    (article,) = store.stale_articles("v2")
    assert article == ex.article and article.language == "en"


ENGLISH = ("The harbour authority said on Monday that the new ferry terminal would open in the spring, "
           "two years later than planned, after a long dispute over the cost of dredging the channel.")
GERMAN = ("Die Hafenbehörde teilte am Montag mit, dass das neue Fährterminal im Frühjahr eröffnet werde, "
          "zwei Jahre später als geplant, nach einem langen Streit über die Kosten der Ausbaggerung.")


def test_each_article_is_stored_with_its_language(store: Store):
    german, english = Article.from_text(GERMAN, language="de"), Article.from_text(ENGLISH, language="en")
    store.write([Extraction(a, "v1", [], [], []) for a in (german, english)])
    rows = store.query("SELECT id, language FROM articles")
    assert dict(zip(rows["id"], rows["language"])) == {german.id: "de", english.id: "en"}
    store.add_articles([replace(english, language=None, origin="copy.txt")])  # a copy: the language stays
    assert store.query("SELECT language FROM articles WHERE id = ?", [english.id])["language"].tolist() == ["en"]
    assert [a.language for a in store.stale_articles("v2")] == ["de", "en"]


def test_a_store_from_before_languages_gains_the_column_and_gives_its_articles_back_for_detection(store: Store):
    store.write([make_extraction(version="v1")])
    with store._attached(str(store.path), read_only=False) as con:  # as schema version 1 wrote it
        _as_version_2(con)
        con.execute(f"ALTER TABLE {connection.ALIAS}.articles DROP COLUMN language")
        schema._set_meta(con, "schema_version", "1")
    with pytest.raises(StoreOutdated, match="older Dateline"):
        store.summary()
    store.migrate()
    assert store.query("SELECT language FROM articles")["language"].tolist() == [None]
    (article,) = store.stale_articles("v1")  # up to date, but no language yet
    assert article.language is None and store.needs_extraction([article.id], "v1") == {article.id}
    store.write([Extraction(replace(article, language="en"), "v1", [], [], [])])
    assert list(store.stale_articles("v1")) == [] and store.needs_extraction([article.id], "v1") == set()
    assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")["value"].tolist() == [
        str(schema.SCHEMA_VERSION)]


LONG_TEXT = "  The port\n\nauthority   said on Monday that the new ferry terminal would open in spring, two years late."


def test_each_article_is_stored_with_the_title_it_is_shown_by(store: Store):
    titled = Article.from_text(ENGLISH, title="Ferry terminal delayed")
    untitled, short = Article.from_text(LONG_TEXT), Article.from_text("Port closed.")
    store.add_articles([titled, untitled, short])
    rows = store.query("SELECT id, display_title FROM articles")
    assert dict(zip(rows["id"], rows["display_title"])) == {
        titled.id: "Ferry terminal delayed",
        untitled.id: "The port authority said on Monday that the new ferry terminal would open…",
        short.id: "Port closed."}


def _as_version_6(con) -> None:
    """Undo in the attached store what schema version 7 added: ``places.machine``."""
    con.execute(f"ALTER TABLE {connection.ALIAS}.places DROP COLUMN machine")


def _as_version_5(con) -> None:
    """Undo in the attached store what schema versions 6 and 7 added: the tables version 6
    creates, ``actor_aliases.machine_actor`` and ``hidden``, ``places.in_organisation``, and
    ``places.machine``."""
    _as_version_6(con)
    for table, sql in schema.TABLES.items():
        if sql in schema.MIGRATIONS[5]:
            con.execute(f"DROP TABLE {connection.ALIAS}.{table}")
    for column in ("machine_actor", "hidden"):
        con.execute(f"ALTER TABLE {connection.ALIAS}.actor_aliases DROP COLUMN {column}")
    con.execute(f"ALTER TABLE {connection.ALIAS}.places DROP COLUMN in_organisation")


def _as_version_4(con) -> None:
    """Undo in the attached store what schema versions 5 to 7 added."""
    _as_version_5(con)
    con.execute(f"DROP TABLE {connection.ALIAS}.article_places")


def _as_version_3(con) -> None:
    """Undo in the attached store what schema versions 4 to 7 added."""
    _as_version_4(con)
    con.execute(f"ALTER TABLE {connection.ALIAS}.articles DROP COLUMN seq")
    for table in schema.ARTICLE_ROW_TABLES:
        con.execute(f"ALTER TABLE {connection.ALIAS}.{table} DROP COLUMN article_seq")
    con.execute(f"ALTER TABLE {connection.ALIAS}.article_actors DROP COLUMN n_mentions")


def store_of_schema_3(path: Path) -> Store:
    """A store at ``path`` holding one article, as Dateline's schema 3 wrote it (an older
    Dateline's store: the current one reads nothing from it until it is upgraded)."""
    store = Store(path)
    store.write([make_extraction()])
    store.rebuild_actors()
    with store._attached(str(path), read_only=False) as con:
        _as_version_3(con)
        schema._set_meta(con, "schema_version", "3")
    return store


def _as_version_2(con) -> None:
    """Undo in the attached store what schema versions 3 to 7 added."""
    _as_version_3(con)
    con.execute(f"ALTER TABLE {connection.ALIAS}.articles DROP COLUMN display_title")
    con.execute(f"DROP TABLE {connection.ALIAS}.article_actors")
    con.execute(f"DROP TABLE {connection.ALIAS}.place_counts")
    con.execute(f"DROP TABLE {connection.ALIAS}.country_counts")


def test_a_store_from_before_the_kept_counts_gains_them_filled(store: Store):
    store.write([make_extraction(version="v1")])
    store.rebuild_actors()
    before = store.query("SELECT * FROM place_counts"), store.query("SELECT * FROM country_counts")
    actors = store.query("SELECT * FROM article_actors ORDER BY ALL")
    assert len(before[0]) and len(before[1]) and len(actors)
    with store._attached(str(store.path), read_only=False) as con:
        _as_version_2(con)
        schema._set_meta(con, "schema_version", "2")
    store.migrate()
    assert store.query("SELECT * FROM place_counts").equals(before[0])
    assert store.query("SELECT * FROM country_counts").equals(before[1])
    assert store.query("SELECT * FROM article_actors ORDER BY ALL").equals(actors)


def test_a_store_from_before_article_numbers_gains_them_and_keeps_every_row(store: Store):
    """Schema 4 numbers the articles (``seq``, the order they were first stored) and gives every
    row of an article that number; nothing else changes, and the next writes go on numbering."""
    first, second = make_extraction("Ann Lee", origin="1.txt"), make_extraction("Bo Chen", origin="2.txt")
    store.write([first])
    store.write([second])
    store.rebuild_actors()
    tables = ("articles", *schema.ARTICLE_ROW_TABLES)
    before = {t: store.query(f"SELECT * EXCLUDE ({'seq' if t == 'articles' else 'article_seq'}) FROM {t} ORDER BY ALL")
              for t in tables}
    with store._attached(str(store.path), read_only=False) as con:
        _as_version_3(con)
        schema._set_meta(con, "schema_version", "3")
    store.migrate()
    for t in tables:
        key = "seq" if t == "articles" else "article_seq"
        assert store.query(f"SELECT * EXCLUDE ({key}) FROM {t} ORDER BY ALL").equals(before[t]), t
    seqs = store.query("SELECT id, seq FROM articles ORDER BY seq")
    assert seqs["id"].tolist() == [first.article.id, second.article.id] and seqs["seq"].tolist() == [1, 2]
    for t in schema.ARTICLE_ROW_TABLES:
        assert store.query(f"SELECT count(*) AS n FROM {t} x JOIN articles a ON a.id = x.article_id"
                           " WHERE x.article_seq IS DISTINCT FROM a.seq")["n"].iloc[0] == 0, t
    assert _article_places(store) == _article_places(store, refilled=True) != ""
    third = make_extraction("Cy Diaz", origin="3.txt")
    store.write([third])
    assert store.query("SELECT seq FROM articles WHERE id = $id", {"id": third.article.id})["seq"].iloc[0] == 3


def _article_places(store: Store, *, refilled: bool = False) -> str:
    """``article_places`` as held (or as a refill from ``places`` would fill it), as sorted text."""
    table = f"({schema.ARTICLE_PLACES_FROM.format(places='places')})" if refilled else "article_places"
    return store.query(f"SELECT * FROM {table} ORDER BY ALL").to_csv(index=False, header=False)


def test_a_store_from_before_the_places_of_each_article_gains_them_filled(store: Store, monkeypatch):
    """Schema 5 adds ``article_places``, filled by the upgrade with every article's places (even
    those of articles written since the last rebuild: the counts are refilled with it, so the next
    rebuild adds only the articles written after the upgrade)."""
    import components.actors

    monkeypatch.setattr(components.actors, "merge_corpus", lambda counts, *_: {})
    store.write([make_extraction("Ann Lee", origin="1.txt")])
    store.rebuild_actors()
    store.write([make_extraction("Bo Chen", origin="2.txt")])  # not counted yet: no rebuild since
    rows = _article_places(store, refilled=True)
    assert rows.count("Moscow") == 2
    with store._attached(str(store.path), read_only=False) as con:
        _as_version_4(con)
        schema._set_meta(con, "schema_version", "4")
    store.migrate()
    assert _article_places(store) == rows
    assert store.meta()["counts_seq"] == "2" and store.meta()["schema_version"] == str(schema.SCHEMA_VERSION)
    store.write([make_extraction("Cy Diaz", origin="3.txt")])
    store.rebuild_actors()
    assert _article_places(store) == _article_places(store, refilled=True) != rows


def test_a_store_from_before_stored_titles_gains_them_in_place(store: Store):
    untitled = Article.from_text(LONG_TEXT)
    store.add_articles([untitled, Article.from_text(ENGLISH, title="Ferry terminal delayed")])
    with store._attached(str(store.path), read_only=False) as con:  # as schema version 2 wrote it
        _as_version_2(con)
        schema._set_meta(con, "schema_version", "2")
    store.migrate()
    rows = store.query("SELECT display_title FROM articles ORDER BY display_title")
    assert rows["display_title"].tolist() == [
        "Ferry terminal delayed", "The port authority said on Monday that the new ferry terminal would open…"]


def test_added_articles_wait_for_extraction_and_can_be_written_while_iterating(store: Store, monkeypatch):
    monkeypatch.setattr(database, "STALE_CHUNK", 2)
    exs = [make_extraction(f"Speaker {i}", origin=f"{i}.txt") for i in range(5)]
    store.add_articles([ex.article for ex in exs])
    assert store.summary()["entities"] == 0
    assert store.needs_extraction([ex.article.id for ex in exs], "v1") == {ex.article.id for ex in exs}
    by_id = {ex.article.id: ex for ex in exs}
    seen = []
    for article in store.stale_articles("v1"):  # the iterator does not hold the file
        seen.append(article.id)
        store.write([by_id[article.id]])
    assert sorted(seen) == sorted(by_id)
    assert list(store.stale_articles("v1")) == []
    assert store.summary()["entities"] == 10


# --- atomic batches -----------------------------------------------------------------------------

def test_an_exception_mid_write_leaves_the_store_exactly_as_before(store: Store, monkeypatch):
    store.write([make_extraction(version="v1")])
    before = snapshot(store)

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writes, "_insert_extractions", boom)  # after the delete and the upsert
    newer = [make_extraction(version="v2", origin="b.txt"), make_extraction("Someone Else")]
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.write(newer, problems=[Problem("x.txt", "empty file")])
    assert snapshot(store) == before
    monkeypatch.undo()
    store.write(newer)  # the store is usable afterwards
    assert store.summary()["articles"] == 2


def test_a_process_killed_mid_write_leaves_the_store_as_before_that_batch(store: Store):
    store.write([make_extraction()])
    before = snapshot(store)
    result = run_python("""
        import os, sys
        from components.records import Problem
        from components.store import Store, writes
        from tests.components.store.test_store import make_extraction
        def die(*a, **k):
            os._exit(9)
        writes._log_problems = die
        Store(sys.argv[1]).write([make_extraction("Other Person", version="v2")], problems=[Problem("x", "y")])
        """, str(store.path))
    assert result.returncode == 9, result.stderr
    assert snapshot(store) == before


def test_a_bad_date_is_stored_as_null_and_reported(store: Store):
    store.write([make_extraction(date="2024-13-45", origin="odd.txt")], run_id="r1")
    assert store.query("SELECT date FROM articles")["date"].isna().all()
    problems = store.query("SELECT run_id, origin, reason FROM ingest_problems")
    assert problems[["run_id", "origin"]].values.tolist() == [["r1", "odd.txt"]]
    assert "2024-13-45" in problems["reason"].iloc[0]


# --- concurrency --------------------------------------------------------------------------------

WRITER = """
    import sys, time
    from components.store import Store
    from tests.components.store.test_store import make_extraction
    store = Store(sys.argv[1])
    for b in range(50):
        store.write([make_extraction(f"Speaker {b} {k}", version="v1", origin=f"{b}-{k}.txt")
                     for k in range(4)])
        time.sleep(0.01)  # the NLP work of the next batch, done outside the lock
    print("done")
"""


def test_a_reader_gets_answers_while_another_process_ingests(store: Store):
    store.write([make_extraction()])
    writer = run_python(WRITER, str(store.path), wait=False)
    seen = []
    try:
        while writer.poll() is None:
            counts = store.summary()
            seen.append((counts["articles"], counts["entities"]))
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and "done" in out, err
    assert store.summary()["articles"] == 1 + 50 * 4
    # reads happened while the ingest was half-way, and only ever saw whole batches
    assert any(1 < n < 201 for n, _ in seen)
    assert all((n - 1) % 4 == 0 and e == 2 * n for n, e in seen)
    assert [n for n, _ in seen] == sorted(n for n, _ in seen)


HOLDER = """
    import sys, time
    from components.store import Store
    with Store(sys.argv[1])._transaction():
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
"""


def test_a_store_locked_too_long_raises_an_error_that_says_what_to_do(store: Store):
    store.write([make_extraction()])
    holder = run_python(HOLDER, str(store.path), "30", wait=False)
    try:
        assert holder.stdout.readline().strip() == "locked"
        impatient = Store(store.path, timeout=0.3)
        t0 = time.monotonic()
        with pytest.raises(StoreLocked) as err:
            impatient.summary()
        assert time.monotonic() - t0 >= 0.3
        assert f"PID {holder.pid}" in str(err.value) and "close that connection" in str(err.value)
        with pytest.raises(StoreLocked):
            impatient.write([make_extraction("Other Person")])
    finally:
        holder.kill()
        holder.communicate()


def test_a_writer_waits_for_a_short_lock_and_then_succeeds(store: Store):
    store.write([make_extraction()])
    holder = run_python(HOLDER, str(store.path), "0.5", wait=False)
    try:
        assert holder.stdout.readline().strip() == "locked"
        store.write([make_extraction("Other Person")])
    finally:
        holder.communicate(timeout=60)
    assert store.summary()["articles"] == 2


# --- queries ------------------------------------------------------------------------------------

def test_query_binds_parameters_and_caps_rows(store: Store):
    store.write([make_extraction(f"Person {i}") for i in range(5)])
    frame = store.query("SELECT text FROM entities WHERE label = ? ORDER BY text", ["PERSON"], limit=3)
    assert frame["text"].tolist() == ["Person 0", "Person 1", "Person 2"]
    assert frame.attrs["truncated"] is True
    named = store.query("SELECT count(*) AS n FROM entities WHERE label = $label", {"label": "GPE"})
    assert named["n"].iloc[0] == 5 and named.attrs["truncated"] is False
    hostile = "x'; DROP TABLE articles; --"
    assert len(store.query("SELECT * FROM articles WHERE title = ?", [hostile])) == 0
    assert store.summary()["articles"] == 5


def test_query_cannot_write(store: Store):
    store.write([make_extraction()])
    with pytest.raises(StoreError):
        store.query("DELETE FROM articles")
    with pytest.raises(StoreError):
        store.query("SELECT no_such_column FROM articles")
    assert store.summary()["articles"] == 1


def test_store_uses_no_extension_it_would_have_to_download(store: Store):
    store.write([make_extraction()])
    store.export_parquet(store.path.parent / "export")
    loaded = set(store.query("SELECT extension_name FROM duckdb_extensions() WHERE loaded")["extension_name"])
    assert loaded <= {"core_functions", "parquet", "json", "icu"}
    setting = store.query("SELECT current_setting('autoinstall_known_extensions') AS v")["v"].iloc[0]
    assert not setting


# --- runs, problems, actors, export -------------------------------------------------------------

def test_runs_and_problems_are_logged(store: Store):
    run = store.start_run(["corpus.zip", "extra/"])
    store.write([make_extraction()], problems=[Problem("corpus.zip!bad.txt", "binary file (NUL bytes)")],
                run_id=run)
    store.finish_run(run, articles=1, problems=1)
    runs = store.query("SELECT run_id, inputs, finished_at, counts->>'articles' AS n FROM ingest_runs")
    assert runs["run_id"].tolist() == [run] and list(runs["inputs"].iloc[0]) == ["corpus.zip", "extra/"]
    assert runs["finished_at"].notna().all() and runs["n"].tolist() == ["1"]
    problems = store.query("SELECT run_id, origin, reason FROM ingest_problems")
    assert problems.values.tolist() == [[run, "corpus.zip!bad.txt", "binary file (NUL bytes)"]]
    assert store.query("SELECT first_run_id FROM articles")["first_run_id"].tolist() == [run]
    with pytest.raises(StoreError, match="no ingest run"):
        store.finish_run("nope")


def test_rebuild_joins_a_party_s_name_to_its_short_name_where_the_articles_name_both(store: Store):
    def article(i: int, *names: str) -> Extraction:
        ex = make_extraction(content=f"Vote {i}.", origin=f"{i}.txt")
        text = ex.article.text + " " + " and ".join(names) + "."
        at, entities = len(ex.article.text) + 1, []
        for name in names:
            entities.append(Entity(at, at + len(name), name, "ORG", name, "organization"))
            at += len(name) + len(" and ")
        return replace(ex, article=replace(ex.article, text=text, id=f"party-{i}"), entities=[*ex.entities, *entities])

    store.write([article(1, "Labour Party", "Labour"), article(2, "Labour Party", "Labour"), article(3, "Labour Party"),
                 article(4, "Congress Party"), article(5, "Congress"), article(6, "Congress Party", "Labour")])
    store.rebuild_actors()
    aliases = dict(store.query("SELECT alias, actor FROM actor_aliases").values.tolist())
    assert aliases["Labour Party"] == aliases["Labour"] == "Labour"      # named together in 2 of its 3 articles
    assert (aliases["Congress Party"], aliases["Congress"]) == ("Congress Party", "Congress")  # never together


def test_rebuild_actors_merges_aliases_across_articles(store: Store, monkeypatch):
    import components.actors

    received = []

    def merge_corpus(actors, *_):
        received.extend(actors)
        return {"Assad": "Bashar al-Assad"}

    monkeypatch.setattr(components.actors, "merge_corpus", merge_corpus)
    first = make_extraction("Bashar al-Assad", date="2024-12-01", role="President")
    later = make_extraction("Assad", "We shall stay.", date="2024-12-08", role=None)
    store.write([first, later])
    store.rebuild_actors()

    assert ("Assad", "person", 1, "en") in received and ("Bashar al-Assad", "person", 1, "en") in received
    actors = store.query("SELECT * FROM actors ORDER BY actor").set_index("actor")
    assad = actors.loc["Bashar al-Assad"]
    assert sorted(assad["aliases"]) == ["Assad", "Bashar al-Assad"] and list(assad["roles"]) == ["President"]
    stats = (assad["actor_type"], assad["n_mentions"], assad["n_articles"], assad["n_quotes"])
    assert stats == ("person", 2, 2, 2)
    assert (str(assad["first_date"].date()), str(assad["last_date"].date())) == ("2024-12-01", "2024-12-08")
    assert actors.loc["Moscow", "n_mentions"] == 2
    aliases = store.query("SELECT alias, actor FROM actor_aliases ORDER BY alias").values.tolist()
    assert aliases == [["Assad", "Bashar al-Assad"], ["Bashar al-Assad", "Bashar al-Assad"],
                       ["Moscow", "Moscow"]]

    monkeypatch.setattr(components.actors, "merge_corpus", lambda actors, *_: {})
    store.rebuild_actors()  # a rebuild replaces the tables
    assert sorted(store.query("SELECT actor FROM actors")["actor"]) == ["Assad", "Bashar al-Assad", "Moscow"]


def test_a_name_typed_two_ways_as_often_takes_the_type_its_roles_give_and_a_group_comes_last(store: Store, monkeypatch):
    import components.actors

    monkeypatch.setattr(components.actors, "merge_corpus", lambda actors, *_: {})
    written = []

    def typed(name: str, label: str, kind: str, role: str | None = None) -> Extraction:
        text = f"{name} spoke at the port ({len(written)})."
        written.append(text)
        return Extraction(Article.from_text(text, date="2024-12-01", title=text, source="wire"), "v1",
                          [Entity(0, len(name), name, label, name, kind, role)], [], [])

    store.write([typed("Elena Brandt", "ORG", "organization"), typed("Elena Brandt", "PERSON", "person", "president"),
                 typed("Priya Raman", "NORP", "group"), typed("Priya Raman", "PERSON", "person"),
                 typed("Harbour Group", "PERSON", "person"), typed("Harbour Group", "ORG", "organization"),
                 typed("Gurkhas", "NORP", "group"), typed("Gurkhas", "ORG", "organization")])
    store.rebuild_actors()
    types = dict(store.query("SELECT actor, actor_type FROM actors").values.tolist())
    assert types == {"Elena Brandt": "person", "Priya Raman": "person", "Harbour Group": "organization",
                     "Gurkhas": "group"}

    store.write([typed("Priya Raman", "NORP", "group")])
    store.rebuild_actors()  # more mentions still decide
    assert store.query("SELECT actor_type FROM actors WHERE actor = 'Priya Raman'").iat[0, 0] == "group"


def test_export_parquet_writes_one_file_per_table(store: Store, tmp_path: Path):
    store.write([make_extraction(), make_extraction("Maria Zakharova")])
    paths = store.export_parquet(tmp_path / "export")
    assert [p.name for p in paths] == [f"{t}.parquet" for t in TABLES]
    counts = store.summary()
    for path in paths:
        assert pq.read_table(path).num_rows == counts[path.stem]
    assert pq.read_table(tmp_path / "export" / "quotes.parquet").column("content_spans").to_pylist()[0]
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == sorted(p.name for p in paths)


# --- schema versions and docs -------------------------------------------------------------------

def test_a_store_from_a_newer_dateline_is_refused_with_a_clear_error(store: Store):
    store.write([make_extraction()])
    with store._transaction() as con:
        schema._set_meta(con, "schema_version", "99")
    with pytest.raises(StoreError, match="newer Dateline"):
        store.summary()
    with pytest.raises(StoreError, match="newer Dateline"):
        store.write([make_extraction("Other Person")])


def test_a_store_file_without_tables_reads_as_empty_and_takes_writes(store: Store):
    store.path.parent.mkdir(parents=True)
    with store._attached(str(store.path), read_only=False):
        pass  # an empty DuckDB file, as a crash during creation leaves it
    assert store.summary() == {t: 0 for t in TABLES}
    store.write([make_extraction()])
    assert store.summary()["articles"] == 1
    assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")["value"].tolist() == [
        str(schema.SCHEMA_VERSION)]


def not_a_store(kind: str, tmp_path: Path) -> Path:
    """A path that cannot be a Dateline store: a folder, a text file, or another program's
    DuckDB database (a table of its own, no Dateline meta)."""
    import duckdb

    path = tmp_path / f"{kind}.duckdb"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("meeting notes, not a database\n", encoding="utf-8")
    else:
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE sales (region VARCHAR, amount INTEGER)")
        con.execute("INSERT INTO sales VALUES ('north', 3)")
        con.close()
    return path


@pytest.mark.parametrize("kind,says", [("folder", "is a folder"), ("text", "is not a DuckDB file"),
                                       ("foreign", "not a Dateline store")])
def test_a_path_that_is_not_a_store_is_refused_with_a_short_clear_error(tmp_path: Path, kind: str, says: str):
    import duckdb

    path = not_a_store(kind, tmp_path)
    before = path.read_bytes() if path.is_file() else None
    store = Store(path, timeout=2)
    for call in (store.summary, store.check, lambda: store.query("SELECT 1"),
                 lambda: store.write([make_extraction()]), lambda: store.start_run(["x"])):
        with pytest.raises(StoreError, match=says) as err:
            call()
        assert len(str(err.value).splitlines()) <= 2 and "give the path" in str(err.value)
    if kind == "foreign":  # nothing was added to the other program's database
        con = duckdb.connect(str(path), read_only=True)
        assert [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()] == ["sales"]
        con.close()
    elif before is not None:
        assert path.read_bytes() == before


def test_check_accepts_a_store_and_a_path_where_nothing_exists_yet(store: Store):
    store.check()
    store.write([make_extraction()])
    store.check()
    for version in ("0", "99"):  # set without the write's schema check
        with store._attached(str(store.path), read_only=False) as con:
            schema._set_meta(con, "schema_version", version)
        if version == "0":
            store.check()  # an older store: the next write upgrades it
    with pytest.raises(StoreError, match="newer Dateline"):
        store.check()


# --- the actors_stale flag ----------------------------------------------------------------------

def test_every_write_of_extractions_marks_actors_stale_until_they_are_rebuilt(store: Store, monkeypatch):
    import components.actors

    monkeypatch.setattr(components.actors, "merge_corpus", lambda actors, *_: {})
    assert not store.actors_stale()
    store.write([make_extraction()])
    assert store.actors_stale() and "actors_stale" in store.meta()
    store.rebuild_actors()
    assert not store.actors_stale() and "actors_stale" not in store.meta()
    assert "actors_built_at" in store.meta()
    store.add_articles([make_extraction("Maria Zakharova").article])  # no extraction: actors unchanged
    assert not store.actors_stale()
    store.write([make_extraction("Maria Zakharova")])
    assert store.actors_stale()


def test_what_a_read_remembers_of_the_file_follows_a_write_by_another_process(store: Store, monkeypatch):
    """The schema version and the actors_stale flag are remembered between statements while the
    file is unchanged; a write by another program (here a plain DuckDB connection, the store
    detached between calls) is seen at the next read."""
    import duckdb

    import components.actors

    monkeypatch.setattr(components.actors, "merge_corpus", lambda actors, *_: {})
    store.write([make_extraction()])
    store.rebuild_actors()
    assert not store.actors_stale()
    with duckdb.connect(str(store.path)) as other:
        other.execute("INSERT INTO meta VALUES ('actors_stale', 'by another process')")
    assert store.actors_stale()
    with duckdb.connect(str(store.path)) as other:
        other.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer Dateline"):
        store.query("SELECT 1")


def test_a_write_during_a_rebuild_leaves_actors_stale(store: Store, monkeypatch):
    import components.actors

    def merge_while_another_batch_comes_in(actors, *_):
        store.write([make_extraction("Maria Zakharova")])  # between the rebuild's read and its write
        return {}

    store.write([make_extraction()])
    monkeypatch.setattr(components.actors, "merge_corpus", merge_while_another_batch_comes_in)
    store.rebuild_actors()
    assert store.actors_stale()


def test_a_store_whose_actors_were_never_built_is_stale(store: Store):
    store.write([make_extraction()])
    with store._transaction() as con:  # as a store written before the flag existed, then killed
        connection._exec(con, "DELETE FROM meta WHERE key = 'actors_stale'")
    assert store.actors_stale()


def documented_columns() -> dict[str, list[str]]:
    """Column names listed under each ``### `table` `` heading of docs/store.md."""
    docs, table = {}, None
    for line in (ROOT / "docs" / "store.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"###\s+`(\w+)`", line)
        if heading:
            table = heading.group(1)
            docs[table] = []
        elif table and (cell := re.match(r"\|\s*`(\w+)`\s*\|", line)):
            docs[table].append(cell.group(1))
    return docs


def test_every_table_and_column_is_documented(store: Store):
    docs = documented_columns()
    assert list(docs) == list(TABLES)
    for table in TABLES:
        columns = store.query(f"SELECT * FROM {table}").columns.tolist()
        assert docs[table] == columns, table


def test_every_meta_key_is_documented(store: Store, monkeypatch):
    import components.actors

    monkeypatch.setattr(components.actors, "merge_corpus", lambda actors, *_: {})
    store.write([make_extraction()])
    keys = set(store.meta())
    store.rebuild_actors()
    keys |= set(store.meta())
    assert {"schema_version", "actors_stale", "actors_built_at"} <= keys
    meta_row = next(line for line in (ROOT / "docs" / "store.md").read_text(encoding="utf-8").splitlines()
                    if line.startswith("| `key` |"))
    assert [k for k in sorted(keys) if f"`{k}`" not in meta_row] == []


def test_missing_articles_and_articles_seen_again_without_extraction(store: Store):
    ex = make_extraction(origin="a.txt")
    other = make_extraction("Maria Zakharova", origin="z.txt")
    store.write([ex])
    assert store.missing_articles([ex.article.id, other.article.id]) == {other.article.id}
    seen_again = replace(ex.article, origin="copy/a.txt")
    store.write([other], articles=[seen_again])
    assert store.missing_articles([ex.article.id, other.article.id]) == set()
    origins = store.query("SELECT origins FROM articles WHERE id = ?", [ex.article.id])["origins"].iloc[0]
    assert list(origins) == ["a.txt", "copy/a.txt"]
    assert store.needs_extraction([ex.article.id], "v1") == set()  # its extraction is kept
    assert store.summary()["entities"] == 4


def test_threads_of_one_process_can_read_while_another_thread_writes(store: Store):
    import threading

    store.write([make_extraction()])
    errors = []

    def writer():
        try:
            for b in range(20):
                store.write([make_extraction(f"Speaker {b}")])
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    thread = threading.Thread(target=writer)
    thread.start()
    reads = 0
    while thread.is_alive():
        assert store.summary()["articles"] >= 1
        reads += 1
    thread.join()
    assert not errors and reads > 0
    assert store.summary()["articles"] == 21


def test_a_runaway_query_is_stopped_and_frees_the_store(store: Store):
    store.write([make_extraction()])
    t0 = time.monotonic()
    with pytest.raises(StoreError, match="longer than 0.3 s"):
        store.query("SELECT count(*) FROM range(1000000000000) r(i) WHERE i % 7 = 3", time_limit=0.3)
    assert time.monotonic() - t0 < 10
    store.write([make_extraction("Other Person")])
    assert store.summary()["articles"] == 2


def test_a_time_limit_never_stops_a_later_statement(store: Store):
    """Hundreds of quick statements each with a time limit, then slower ones without any for
    longer than that limit: no interrupt armed for an earlier statement reaches them."""
    store.write([make_extraction()])
    for _ in range(200):
        try:
            assert store.query("SELECT count(*) AS n FROM articles", time_limit=0.3)["n"].iloc[0] == 1
        except StoreError:  # on a machine so busy that it took longer than its limit: stopped, as asked
            pass
    t0 = time.monotonic()
    while time.monotonic() - t0 < 0.6:
        slow = store.query("SELECT count(*) AS n FROM range(30000000) r(i) WHERE i % 7 = 3", time_limit=None)
        assert slow["n"].iloc[0] == 4285714


def test_the_actors_of_each_article_follow_every_write_and_the_merges_of_the_rebuild(store: Store):
    first = make_extraction("Peskov")
    store.write([first])
    rows = lambda: store.query("SELECT actor, article_id FROM article_actors WHERE actor <> 'Moscow'"  # noqa: E731
                               " ORDER BY ALL").values.tolist()
    assert rows() == [["Peskov", first.article.id]]  # no merge yet: the name as found
    store.write([replace(first, pipeline_version="v2", entities=[])])  # re-extracted: no actor any more
    assert rows() == []
    store.write([make_extraction("Peskov", origin="b.txt", version="v3")])
    import components.actors

    original = components.actors.merge_corpus
    components.actors.merge_corpus = lambda counts, *_: {"Peskov": "Dmitry Peskov"}
    try:
        store.rebuild_actors()
    finally:
        components.actors.merge_corpus = original
    assert rows() == [["Dmitry Peskov", first.article.id]]


def _as_refilled(store: Store) -> dict[str, str]:
    """What ``article_actors``, ``article_places``, ``place_counts`` and ``country_counts`` hold,
    and what a refill from ``entities`` and ``places`` would put in them (sorted text, pairs)."""
    fills = {"article_actors": schema.ARTICLE_ACTORS_FROM.format(entities="entities"),
             "article_places": schema.ARTICLE_PLACES_FROM.format(places="places"),
             "place_counts": schema.FILL_PLACE_COUNTS[1].replace("INSERT INTO place_counts", ""),
             "country_counts": schema.FILL_PLACE_COUNTS[3].replace("INSERT INTO country_counts", "")}
    return {t: (store.query(f"SELECT * FROM {t} ORDER BY ALL").to_csv(index=False, header=False),
                store.query(f"SELECT * FROM ({sql}) ORDER BY ALL").to_csv(index=False, header=False))
            for t, sql in fills.items()}


def test_rebuilds_refresh_the_counts_as_a_refill_would(tmp_path: Path, monkeypatch):
    """A rebuild brings ``article_actors`` (after merges change), ``article_places`` and the place
    and country counts (after new articles, articles extracted again, pages read anew) up to date by counting only
    what changed; what they hold is what refilling them whole gives."""
    from dataclasses import replace as changed

    import components.actors
    from tests.components.query.five_articles import A1, A2, A3, A4, A5, PARIS, make

    from components.store import corpus_tables

    merges: dict[str, str] = {}
    monkeypatch.setattr(components.actors, "merge_corpus", lambda counts, *_: dict(merges))
    monkeypatch.setattr(corpus_tables, "REFRESH_SHARE", 1.0)  # a small store: refresh, never refill
    s = Store(tmp_path / "counts.duckdb")

    def rebuilt() -> None:
        s.rebuild_actors()
        for table, (held, refilled) in _as_refilled(s).items():
            assert held == refilled, table

    s.write([A1, A2])
    rebuilt()                                   # the first: everything counted
    merges["Okafor"] = "Jane Okafor"            # a merge changes A2's actors
    s.write([A3, A4])                           # new articles: their places added
    rebuilt()
    assert s.meta()["counts_seq"] == "4"
    again = make(A1.article.text, day="2024-03-01", source="wire", title="Ready in London",
                 places=(("London", PARIS),))  # extracted again, differently: counted anew
    s.write([changed(again, pipeline_version="v2")])
    assert "counts_refill" in s.meta()
    rebuilt()
    assert "counts_refill" not in s.meta()
    s.write([A5])
    rebuilt()
    street = dict(country_code="KE", lat=-4.06, lon=39.67, feature="other")  # located, not named
    s.write([make("Dock Road was shut.", day="2024-03-06", source="wire", title="Shut",
                  places=(("Dock Road", street),))])
    rebuilt()
    named = s.query("SELECT name FROM article_places WHERE country_code = 'KE' AND article_seq = 6")["name"]
    assert named.isna().tolist() == [True]


def test_an_acronym_alone_counts_for_the_name_other_articles_spell_it_out_as(tmp_path):
    """Two articles say "European Union … EU" (the article resolved its "EU" to the name); a
    third says "EU" alone: after the rebuild all three count for the European Union."""
    def article(text: str, origin: str) -> Extraction:
        entities = [Entity(m.start(), m.end(), m.group(), "ORG", "European Union" if "European" in text else "EU",
                           "organization") for m in re.finditer(r"European Union|EU", text)]
        return Extraction(Article.from_text(text, date="2024-12-02", title="EU", source="wire", origin=origin,
                                            language="en"), "v1", entities, [], [], [])

    store = Store(tmp_path / "s.duckdb")
    store.write([article("The European Union met. The EU agreed.", "a.txt"),
                 article("Ministers of the European Union met; the EU said no.", "b.txt"),
                 article("The EU met again.", "c.txt")])
    store.rebuild_actors()
    actors = store.query("SELECT actor, n_articles FROM actors ORDER BY actor")
    assert actors.to_dict("records") == [{"actor": "European Union", "n_articles": 3}]


# --- the memory DuckDB may hold ----------------------------------------------------------------

def test_the_store_holds_no_more_memory_than_its_setting_and_says_how_to_allow_more(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    store.add_articles([Article.from_text("A story about the harbour.", title="Harbour")])
    code = """
        import sys, tempfile
        from components.store import Store, StoreError
        store = Store(sys.argv[1])
        row = store.query("SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t")
        print(row["m"].iloc[0]); print(row["t"].iloc[0].startswith(tempfile.gettempdir()))
        try:  # (one text of 20 million numbers is built whole in memory: DuckDB cannot spill it)
            store.query("SELECT string_agg(i::VARCHAR || 'padding', ',') AS l FROM range(20000000) t(i)")
        except StoreError as e:
            print(e)
    """
    done = run_python(code, str(store.path), env={"DATELINE_STORE_MEMORY_MB": "64"})
    limit, in_tmp, error = done.stdout.splitlines()[:3]
    assert limit == "61.0 MiB" and in_tmp == "True", done.stderr  # (64 MB as DuckDB counts it)
    assert "Out of Memory" in error and "DATELINE_STORE_MEMORY_MB=128" in error
    assert "Traceback" not in done.stderr


def test_a_spill_folder_left_by_a_killed_process_is_deleted_and_a_running_ones_kept(tmp_path: Path):
    from components.store.connection import SPILL_PREFIX, sweep_spills
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # (its number is free now: no process runs under it)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        folders = {name: tmp_path / f"{SPILL_PREFIX}{pid}" for name, pid in
                   (("dead", dead.pid), ("alive", alive.pid), ("own", os.getpid()), ("huge", 10**30))}
        for folder in folders.values():
            folder.mkdir()
            (folder / "duckdb_temp_storage-0.tmp").write_bytes(b"x" * 1000)
        other = tmp_path / "not-ours-123"
        other.mkdir()
        assert sweep_spills(tmp_path) == [folders["dead"]]
        assert not folders["dead"].exists()
        assert all(folders[n].exists() for n in ("alive", "own", "huge")) and other.exists()
    finally:
        alive.kill()
        alive.wait()
