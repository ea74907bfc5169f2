"""The search index beside the store: written with every ingest, idempotent, replaced articles
leave it, a crash between the store's commit and the index write is noticed and caught up, an
older store without an index gets one built with progress, accents and case are ignored."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import query
from components.filters import Filter
from components.query.search_syntax import match_of
from components.records import Article, Extraction, Quote
from components.store import SearchIndexMissing, Store, search_hits, search_index

from .test_store import make_extraction


def extraction(text: str, *, origin: str = "a.txt", url: str | None = None, version: str = "v1",
               quote: str | None = None) -> Extraction:
    """An article of ``text`` (with one quote of ``quote``'s words when given)."""
    quotes = []
    if quote:
        start = text.index(quote)
        quotes = [Quote(start, start + len(quote), quote, "full", None, None, None, None)]
    article = Article.from_text(text, date="2024-03-01", title="Wire", source="wire", origin=origin, url=url,
                                language="en")
    return Extraction(article, version, [], [], quotes, [])


def found(store: Store, text: str) -> list[str]:
    """The texts of the articles the search ``text`` finds."""
    ids = query.articles(store, Filter(text=text))["article_id"].tolist()
    rows = store.query("SELECT id, text FROM articles")
    texts = dict(zip(rows["id"], rows["text"]))
    return sorted(texts[i] for i in ids)


def indexed_rows(store: Store) -> tuple[int, int]:
    """(articles, quotes) rows in the index file."""
    with closing(sqlite3.connect(store.search_index_path)) as con:
        return (con.execute("SELECT count(*) FROM article_text").fetchone()[0],
                con.execute("SELECT count(*) FROM quote_text").fetchone()[0])


def test_an_ingest_writes_the_index_beside_the_store_and_accents_are_ignored(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.write([extraction("Talks in Zürich ended."), extraction("Talks in Geneva ended.", origin="b.txt")])
    assert store.search_index_path == tmp_path / "s.duckdb.search" and store.search_index_path.exists()
    assert found(store, "zurich") == ["Talks in Zürich ended."]
    assert found(store, "ZÜRICH talks") == ["Talks in Zürich ended."]
    assert not store.search_index_behind()


def test_reingesting_changes_nothing_and_a_new_reading_replaces_the_old(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.write([extraction("Port fees rose.", url="http://x/1", quote="fees rose")])
    before = search_index.index_generation(store.path), store.meta()["search_generation"]
    store.write([extraction("Port fees rose.", url="http://x/1", quote="fees rose")])
    assert indexed_rows(store) == (1, 1)
    assert (search_index.index_generation(store.path), store.meta()["search_generation"]) == before
    store.write([extraction("Port fees fell.", url="http://x/1")])  # the same page, read anew
    assert found(store, "fees") == ["Port fees fell."] and found(store, "rose") == []
    assert indexed_rows(store) == (1, 0)


def test_a_reextraction_indexes_the_new_quotes(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.write([extraction("He said we stay.")])
    assert query.quotes(store, Filter(text="stay")).empty
    store.write([extraction("He said we stay.", version="v2", quote="we stay")])
    assert query.quotes(store, Filter(text="stay"))["quote"].tolist() == ["we stay"]


def test_a_crash_before_the_index_write_is_noticed_and_caught_up(tmp_path, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    store.write([extraction("First story.")])

    def crash(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")  # (or the process killed right there)

    monkeypatch.setattr(search_index, "apply", crash)
    store.write([extraction("Second story.", origin="b.txt")])
    monkeypatch.undo()
    assert store.search_index_behind()
    assert found(store, "story") == ["First story.", "Second story."]  # a search catches up first
    assert not store.search_index_behind()
    monkeypatch.setattr(search_index, "apply", crash)
    store.write([extraction("Third story.", origin="c.txt")])
    monkeypatch.undo()
    store.write([extraction("Fourth story.", origin="d.txt")])  # the next write catches up too
    assert not store.search_index_behind() and indexed_rows(store) == (4, 0)


def test_an_older_store_gets_its_index_built_with_progress(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.write([make_extraction(), extraction("Talks in Geneva.", origin="b.txt")])
    store.search_index_path.unlink()  # as a store written before the index existed
    store.write([extraction("Talks in Oslo.", origin="c.txt")])
    assert not store.search_index_path.exists()  # not one holding only the newest articles
    assert store.search_index_behind()
    with pytest.raises(SearchIndexMissing, match="search-index"):
        query.articles(store, Filter(text="talks"))
    seen = []
    assert store.build_search_index(progress=lambda done, total: seen.append((done, total))) == 3
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert found(store, "geneva OR oslo") == ["Talks in Geneva.", "Talks in Oslo."]
    assert indexed_rows(store) == (3, 1) and store.build_search_index() == 0


def test_a_missing_store_finds_nothing(tmp_path):
    store = Store(tmp_path / "none.duckdb")
    assert query.articles(store, Filter(text="x")).empty and not store.search_index_behind()
    assert not store.search_index_path.exists() and not store.exists


def test_a_changed_article_is_reindexed_by_a_build(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    first = extraction("Old words here.")
    store.write([first])
    store.write([replace(first, pipeline_version="v2")])
    with closing(sqlite3.connect(store.search_index_path)) as con, con:
        con.execute("UPDATE indexed SET stamp = 'stale'")
        con.execute("DELETE FROM meta")
    assert store.search_index_behind() and store.build_search_index() == 1
    assert found(store, "old") == ["Old words here."]


def test_a_store_made_anew_beside_an_old_index_finds_only_its_own_articles(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.add_articles([Article.from_text("Old harbour story.", origin="a.txt")])
    store.path.unlink()  # the store deleted, its index left behind
    store.add_articles([Article.from_text("New harbour story.", origin="b.txt")])  # numbered 1 again
    assert found(store, "harbour") == ["New harbour story."] and found(store, "old") == []


def test_searches_go_on_while_another_process_writes_the_index(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.write([extraction("Talks in Zürich ended.")])
    writer = sqlite3.connect(store.search_index_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # as an ingest's index write, in the middle of its batch
        writer.execute("INSERT INTO article_text (rowid, title, body) VALUES (99, '', 'zurich again')")
        assert found(store, "zurich") == ["Talks in Zürich ended."]  # (what was committed)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_reading_in_parts_gives_the_hits_and_ranks_of_reading_at_once(tmp_path, monkeypatch):
    """A large index reads a search's hits in ranges of article numbers at once; every hit and
    its bm25 rank are those of one pass, for articles (unranked and ranked) and for quotes."""
    store = Store(tmp_path / "s.duckdb")
    words = ["port", "fees", "harbour", "grain", "talks"]
    texts = [f"Story {i}: " + " ".join(words[j % 5] for j in range(i % 7, i % 7 + 3 + i % 4)) for i in range(60)]
    store.write([extraction(t, origin=f"{i}.txt", quote=t.split(": ")[1]) for i, t in enumerate(texts)])
    expected = sum(("grain" in t or "talks" in t) for t in texts)
    whole = {scope: search_hits.hits(store.path, "grain OR talks", scope) for scope in ("articles", "ranked", "quotes")}
    monkeypatch.setattr(search_hits, "SPLIT_ROWS", 10)
    monkeypatch.setattr(search_hits, "PARTS", 3)
    assert len(search_hits._part_ranges(store.path, "article_text")) == 3
    for scope, table in whole.items():
        parts = search_hits.hits(store.path, "grain OR talks", scope)
        assert table.num_rows == expected
        assert "rank" not in table.column_names or len(set(table.column("rank").to_pylist())) > 3
        assert sorted(parts.to_pylist(), key=str) == sorted(table.to_pylist(), key=str)
    # the best hits, each part's best put together, are the best of every hit ranked
    best = search_hits.hits(store.path, "grain OR talks", "best", 7).to_pylist()
    ordered = sorted(whole["ranked"].to_pylist(), key=lambda r: (r["rank"], -r["seq"]))
    assert best == ordered[:7]


def test_the_articles_list_ranks_only_the_articles_it_lists(tmp_path, monkeypatch):
    """Under a search and another condition the list ranks only the hits that condition keeps
    (the index checks each hit against them, whole or in parts), in the order ranking every hit
    gives; when it keeps most of them, every hit is ranked once and the next filter under the
    same search needs no index read; under a search alone the list asks for the best hits only,
    and the index counts the hits (none read out unranked)."""
    from components.store import drop_kept_tables, forget_hits

    store = Store(tmp_path / "s.duckdb")
    texts = [f"Story {i}: " + " ".join(["talks"] * (1 + i % 4) + ["port"] * (i % 3)) for i in range(30)]
    items = [extraction(t, origin=f"{i}.txt") for i, t in enumerate(texts)]
    store.write([replace(x, article=replace(x.article, source="desk" if i % 3 == 0 else "wire"))
                 for i, x in enumerate(items)])
    rows = store.query("SELECT id, seq, source FROM articles")
    seq, desk = dict(zip(rows["id"], rows["seq"])), set(rows["seq"][rows["source"] == "desk"])
    every = {int(r["seq"]): r["rank"] for r in search_hits.hits(store.path, '"talks"', "ranked").to_pylist()}
    assert len(every) == 30 and len(desk) == 10
    asked = []
    real = search_hits.hits

    def counted(*a, among=None):
        asked.append((a[2], None if among is None else sorted(among.to_pylist())))
        return real(*a, among=among)

    monkeypatch.setattr(search_hits, "hits", counted)
    for split_rows in (100_000, 5):  # (whole, then in parts)
        monkeypatch.setattr(search_hits, "SPLIT_ROWS", split_rows)
        monkeypatch.setattr(search_hits, "PARTS", 3)
        forget_hits(), drop_kept_tables(), asked.clear()
        listed = query.articles(store, Filter(text="talks", sources=("desk",)))
        assert asked == [("articles", None), ("ranked", sorted(desk))]
        assert listed.attrs["total"] == 10
        assert [seq[i] for i in listed["article_id"]] == sorted(desk, key=lambda s: (every[s], -s))
    # most of the hits kept: every hit ranked, once; the next filter under the search reads them from memory
    forget_hits(), drop_kept_tables(), asked.clear()
    wire = query.articles(store, Filter(text="talks", sources=("wire",)))
    assert asked == [("articles", None), ("ranked", None)]
    assert [seq[i] for i in wire["article_id"]] == sorted(set(every) - desk, key=lambda s: (every[s], -s))
    drop_kept_tables(), asked.clear()
    listed = query.articles(store, Filter(text="talks", sources=("desk",)))
    assert asked == [] and [seq[i] for i in listed["article_id"]] == sorted(desk, key=lambda s: (every[s], -s))
    forget_hits(), drop_kept_tables(), asked.clear()
    counts = []
    real_count = search_hits.count
    monkeypatch.setattr(search_hits, "count", lambda *a: counts.append(a[1]) or real_count(*a))
    listed = query.articles(store, Filter(text="talks"), limit=4)
    assert (listed["article_id"].size, listed.attrs["total"]) == (4, 30)
    assert [a[0] for a in asked] == ["best"] and counts == [match_of("talks")]
    # a new hit: the index catches up before it counts
    store.write([extraction("Story 30: talks again", origin="30.txt")])
    assert query.articles(store, Filter(text="talks"), limit=4).attrs["total"] == 31


def test_the_pages_of_a_search_alone_are_those_of_every_hit_ranked(tmp_path, monkeypatch):
    """Under a search alone the first pages come from the best hits only: page after page they
    hold the articles, in the order, that ranking every hit gives (the best match first, equal
    matches the article stored last first), up to the page where every hit is ranked."""
    from components.query import quotes_and_articles
    from components.store import forget_hits

    store = Store(tmp_path / "s.duckdb")
    # equal texts but for the number: equal ranks, in groups
    texts = [f"Story {i}: " + " ".join(["port"] * (1 + i % 3) + ["fees"] * (i % 2)) for i in range(23)]
    store.write([extraction(t, origin=f"{i}.txt") for i, t in enumerate(texts)])

    def pages(best_rows: int) -> list[list[str]]:
        monkeypatch.setattr(quotes_and_articles, "BEST_ROWS", best_rows)
        forget_hits()
        out = []
        for offset in range(0, 25, 4):
            page = query.articles(store, Filter(text="port"), limit=4, offset=offset)
            assert page.attrs["total"] == 23
            out.append(page["article_id"].tolist())
        return out

    every_hit_ranked = pages(0)
    assert pages(10) == pages(1000) == every_hit_ranked
    monkeypatch.setattr(search_hits, "SPLIT_ROWS", 5)  # (read in parts, each with its best)
    monkeypatch.setattr(search_hits, "PARTS", 3)
    assert pages(10) == pages(1000) == every_hit_ranked
    assert sum(len(p) for p in every_hit_ranked) == 23
    rows = store.query("SELECT id, seq FROM articles")
    seq = dict(zip(rows["id"], rows["seq"]))
    ranks = {int(r["seq"]): r["rank"] for r in search_hits.hits(store.path, '"port"', "ranked").to_pylist()}
    listed = [seq[i] for p in every_hit_ranked for i in p]
    assert listed == sorted(listed, key=lambda s: (ranks[s], -s))
    assert len(set(ranks.values())) < 23  # (ties were there to order)


WORDS = ("talks", "port", "fees", "grain", "harbour")


@pytest.fixture(scope="module")
def word_store(tmp_path_factory) -> Store:
    """A store of 40 short articles, each of a few of :data:`WORDS`."""
    store = Store(tmp_path_factory.mktemp("words") / "s.duckdb")
    texts = [f"Story {i}: " + " ".join(w for k, w in enumerate(WORDS) if (i >> k) & 1 or i % (k + 2) == 0)
             for i in range(40)]
    store.write([extraction(t, origin=f"{i}.txt") for i, t in enumerate(texts)])
    return store


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(terms=st.lists(st.sampled_from(WORDS + tuple(w[:3] + "*" for w in WORDS)), min_size=1, max_size=3),
       joiner=st.sampled_from([" ", " OR ", " -"]))
def test_the_articles_lists_count_under_a_search_is_the_overviews(word_store, terms, joiner):
    """Under a search alone the Articles list's total (the index's count of the hits) is the
    number of articles the Overview counts (the Filter's set of them), whatever the search."""
    from components.store import drop_kept_tables, forget_hits

    f = Filter(text=joiner.join(terms))
    forget_hits(), drop_kept_tables()
    listed = query.articles(word_store, f, limit=5)
    assert listed.attrs["total"] == query.overview(word_store, f)["articles"]
    assert len(listed) == min(5, listed.attrs["total"])
