"""Ingest into the store end to end: idempotent, incremental by pipeline version, crash-safe,
and reporting unreadable files by name while the rest goes in."""
from __future__ import annotations

import pytest

from components import corpus, nlp as nlp_mod
from components.store import Store

pytestmark = pytest.mark.model


def test_ingest_folder_stores_articles_and_reports_bad_file(small_corpus, tmp_path, nlp):
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert report.added == 3
    assert [p.origin.endswith("broken.txt") for p in report.problems] == [True]
    assert store.summary()["articles"] == 3
    dates = set(store.query("SELECT CAST(date AS VARCHAR) AS d FROM articles")["d"].dropna())
    assert dates == {"2024-03-01", "2024-03-05"}


def test_reingest_is_idempotent(small_corpus, tmp_path, nlp):
    store = Store(tmp_path / "s.duckdb")
    corpus.ingest([small_corpus], store=store, nlp=nlp)
    before = store.summary()
    again = corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert (again.added, again.reextracted, again.unchanged) == (0, 0, 3)
    after = store.summary()
    for table in ("articles", "entities", "places", "quotes"):
        assert after[table] == before[table]


def test_same_article_twice_in_one_run_is_stored_once(tmp_path, nlp):
    folder = tmp_path / "dup"
    folder.mkdir()
    body = "Rain fell on Lisbon on Monday, officials said.\n"
    (folder / "one.txt").write_text(body, encoding="utf-8")
    (folder / "two.txt").write_text(body.replace("\n", "\r\n"), encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([folder], store=store, nlp=nlp)
    assert (report.added, report.duplicates) == (1, 1)
    assert store.summary()["articles"] == 1


def test_new_pipeline_version_reextracts_only_stale(small_corpus, tmp_path, nlp, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    corpus.ingest([small_corpus / "a.txt", small_corpus / "b.txt"], store=store, nlp=nlp)
    monkeypatch.setattr(nlp_mod, "RULES_VERSION", nlp_mod.RULES_VERSION + "-test")
    report = corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert (report.added, report.reextracted) == (1, 2)
    version = nlp_mod.pipeline_version(nlp)
    assert store.needs_extraction([r for r in store.query("SELECT id FROM articles")["id"]], version) == set()


def test_reextract_brings_store_to_current_version(small_corpus, tmp_path, nlp, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    corpus.ingest([small_corpus], store=store, nlp=nlp)
    monkeypatch.setattr(nlp_mod, "RULES_VERSION", nlp_mod.RULES_VERSION + "-test")
    assert corpus.reextract(store=store, nlp=nlp) == 3
    assert corpus.reextract(store=store, nlp=nlp) == 0


def test_crash_mid_ingest_keeps_what_was_stored(small_corpus, tmp_path, nlp, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    corpus.ingest([small_corpus / "a.txt"], store=store, nlp=nlp)
    before = store.summary()
    real = corpus.extract_articles

    def failing(articles, **kw):
        for i, ex in enumerate(real(articles, **kw)):
            if i == 1:
                raise RuntimeError("simulated crash")
            yield ex

    monkeypatch.setattr(corpus, "extract_articles", failing)
    with pytest.raises(RuntimeError):
        corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert store.summary()["articles"] == before["articles"]
    monkeypatch.setattr(corpus, "extract_articles", real)
    report = corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert report.added == 2 and store.summary()["articles"] == 3
