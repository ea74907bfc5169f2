"""Ingest into the store end to end: idempotent, incremental by pipeline version, crash-safe,
and reporting unreadable files by name while the rest goes in."""
from __future__ import annotations

import pytest

from components import corpus
from components.nlp import version as nlp_version
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
    monkeypatch.setattr(nlp_version, "rules_hash", lambda: "0123456789ab")  # as after a rule change
    report = corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert (report.added, report.reextracted) == (1, 2)
    version = nlp_version.pipeline_version(nlp)
    assert store.needs_extraction([r for r in store.query("SELECT id FROM articles")["id"]], version) == set()


def test_reextract_brings_store_to_current_version(small_corpus, tmp_path, nlp, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    corpus.ingest([small_corpus], store=store, nlp=nlp)
    monkeypatch.setattr(nlp_version, "rules_hash", lambda: "0123456789ab")  # as after a rule change
    totals: list[int] = []
    steps: list[int] = []
    assert corpus.reextract(store=store, nlp=nlp, total=totals.append, progress=steps.append, commit_every=2) == 3
    assert totals == [3] and steps == [2, 1]  # (the CLI's bar: its total known before the first batch)
    assert corpus.reextract(store=store, nlp=nlp, total=totals.append) == 0 and totals == [3, 0]


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


# -- long articles -------------------------------------------------------------------------------
# spaCy refuses texts over nlp.max_length (E088). These tests lower max_length to 20,000 so that
# a 60,000-character article exercises the same path as a 1.2-million-character one, in seconds.

LONG_PARAGRAPHS = (
    "Officials in Accra said on Tuesday that boats stayed in port along the coast near Accra.",
    "\u201cThe new quotas will empty our villages,\u201d guild secretary Kofi Mensah told reporters in Accra.",
    "The Pacific Relief Network declined to comment on the figures.",
    "Harbour workers in Lima gathered outside the ministry on Wednesday, and a spokesman for the "
    "port authority said talks would resume next week.",
)
LONG_ENDING = "\u201cThe harbour will reopen in March,\u201d said Marta Kowalczyk, the port director in Gdansk.\n"


def _long_body(n_chars: int) -> str:
    """Realistic paragraphs repeated to ``n_chars``, then a last paragraph with a name and a quote."""
    paragraphs, size = [], 0
    while size < n_chars:
        paragraph = LONG_PARAGRAPHS[len(paragraphs) % len(LONG_PARAGRAPHS)] + "\n\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "".join(paragraphs) + LONG_ENDING


@pytest.fixture
def short_max_length(nlp, monkeypatch):
    """The session's model with ``max_length`` lowered to 20,000 characters for one test."""
    monkeypatch.setattr(nlp, "max_length", 20_000)
    return nlp


def _assert_long_article_stored_with_right_offsets(store: Store, body: str, nlp) -> None:
    (article_id,) = store.query("SELECT id FROM articles WHERE length(text) > ?", [nlp.max_length])["id"]
    (text,) = store.query("SELECT text FROM articles WHERE id = ?", [article_id])["text"]
    assert text.strip() == body.strip()
    entities = store.query("SELECT start_char, end_char, text, label FROM entities WHERE article_id = ?",
                           [article_id], limit=100_000)
    assert len(entities) > 100
    assert all(text[s:e] == t for s, e, t in zip(entities.start_char, entities.end_char, entities.text))
    name_start = text.rindex("Marta Kowalczyk")
    assert name_start > 2 * nlp.max_length
    person = entities[(entities.label == "PERSON") & (entities.start_char == name_start)]
    assert list(person.end_char) == [name_start + len("Marta Kowalczyk")]
    quotes = store.query("SELECT start_char, end_char, content, speaker, speaker_start, speaker_end "
                         "FROM quotes WHERE article_id = ? ORDER BY start_char DESC LIMIT 1", [article_id])
    (q,) = quotes.to_dict(orient="records")
    assert q["content"] == "The harbour will reopen in March,"
    assert text[q["start_char"]:q["end_char"]].strip("\u201c\u201d") == q["content"]
    assert (q["speaker"], text[q["speaker_start"]:q["speaker_end"]]) == ("Marta Kowalczyk", "Marta Kowalczyk")
    runs = store.query("SELECT finished_at FROM ingest_runs")
    assert len(runs) == 1 and runs.finished_at.notna().all()


def test_a_long_txt_is_stored_whole_next_to_a_good_file(small_corpus, tmp_path, short_max_length):
    folder = tmp_path / "long"
    folder.mkdir()
    body = _long_body(60_000)
    (folder / "long.txt").write_text(body, encoding="utf-8")
    (folder / "good.txt").write_text((small_corpus / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([folder], store=store, nlp=short_max_length)
    assert (report.added, report.problems) == (2, [])
    _assert_long_article_stored_with_right_offsets(store, body, short_max_length)


def test_a_long_csv_cell_and_a_long_jsonl_record_are_stored(tmp_path, short_max_length):
    import csv
    import json

    body = _long_body(60_000)
    folder = tmp_path / "records"
    folder.mkdir()
    with (folder / "table.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "text"])
        writer.writerow(["Harbour", body])
        writer.writerow(["Rates", "Kenya's central bank held rates steady on Tuesday."])
    with (folder / "lines.jsonl").open("w", encoding="utf-8") as f:
        f.write(json.dumps({"title": "Talks", "text": "Officials in Paris and Berlin met on Tuesday."}) + "\n")
        f.write(json.dumps({"title": "Harbour", "text": body}) + "\n")
    for name in ("table.csv", "lines.jsonl"):
        store = Store(tmp_path / f"{name}.duckdb")
        report = corpus.ingest([folder / name], store=store, nlp=short_max_length)
        assert (report.added, report.problems) == (2, []), name
        (text,) = store.query("SELECT text FROM articles WHERE length(text) > 50000")["text"]
        _assert_long_article_stored_with_right_offsets(store, text, short_max_length)


def test_a_long_upload_is_stored_next_to_a_good_one(small_corpus, tmp_path, short_max_length):
    body = _long_body(60_000)
    uploads = [("long.txt", body.encode("utf-8")), ("good.txt", (small_corpus / "a.txt").read_bytes())]
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([], uploads=uploads, store=store, nlp=short_max_length)
    assert (report.added, report.problems) == (2, [])
    _assert_long_article_stored_with_right_offsets(store, body, short_max_length)


def test_progress_moves_through_the_bytes_of_one_large_file_as_batches_are_stored(tmp_path, nlp, monkeypatch):
    """The CLI's bar through a JSON Lines file of a million stories: each stored batch says how far
    into the inputs it read, never past what it stored, reaching every byte at the end."""
    import json

    import components.ingest as ingest

    monkeypatch.setattr(ingest, "STREAM_JSONL_BYTES", 0)  # streamed, as a large file is
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": f"Rain fell on Lisbon on day {i}, officials said."}) + "\n" for i in range(7)]
    lines.insert(3, lines[0])  # a copy, and a line that cannot be read
    lines.insert(5, "{not json\n")
    feed.write_text("".join(lines), encoding="utf-8")
    ends = [sum(len(x.encode()) for x in lines[:k + 1]) for k in range(len(lines))]
    seen: list[tuple[int, int]] = []
    report = corpus.ingest([feed], store=Store(tmp_path / "s.duckdb"), nlp=nlp, commit_every=2,
                           progress=lambda n, at: seen.append((n, at)))
    assert report.added == 7 and report.duplicates == 1 and len(report.problems) == 1
    assert [n for n, _ in seen] == [2, 2, 2, 1]
    # each batch of two fresh stories read up to the end of its second one's line
    fresh_ends = [ends[k] for k in (0, 1, 2, 4, 6, 7, 8)]
    assert [at for _, at in seen] == [fresh_ends[1], fresh_ends[3], fresh_ends[5], feed.stat().st_size]
    assert ingest.count_bytes([feed]) == feed.stat().st_size


@pytest.mark.parametrize("commit_every", [1, 256])
def test_a_copy_read_in_the_same_run_adds_its_file_to_origins(tmp_path, nlp, commit_every):
    folder = tmp_path / "dup"
    folder.mkdir()
    body = "Rain fell on Lisbon on Monday, officials said.\n"
    (folder / "one.txt").write_text(body, encoding="utf-8")
    (folder / "three.txt").write_text("Snow fell on Oslo on Tuesday.\n", encoding="utf-8")
    (folder / "two.txt").write_text(body, encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([folder], store=store, nlp=nlp, commit_every=commit_every)
    assert (report.added, report.duplicates) == (2, 1)
    origins = store.query("SELECT origins FROM articles WHERE text LIKE 'Rain%'")["origins"].tolist()
    assert [list(o) for o in origins] == [[str(folder / "one.txt"), str(folder / "two.txt")]]


def test_actors_are_rebuilt_when_an_ingest_died_before_its_rebuild(small_corpus, tmp_path, nlp, monkeypatch):
    store = Store(tmp_path / "s.duckdb")

    def killed(self):
        raise KeyboardInterrupt("killed after the last batch was written")

    with monkeypatch.context() as m:
        m.setattr(Store, "rebuild_actors", killed)
        with pytest.raises(KeyboardInterrupt):
            corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert store.summary()["articles"] == 3 and store.summary()["actors"] == 0
    assert store.actors_stale()
    again = corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert again.added == 0
    counts = store.summary()
    assert counts["actors"] > 0 and counts["actor_aliases"] > 0
    assert not store.actors_stale()


def test_reextract_rebuilds_stale_actors_with_nothing_to_reextract(small_corpus, tmp_path, nlp, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    with monkeypatch.context() as m:
        m.setattr(Store, "rebuild_actors", lambda self: None)
        corpus.ingest([small_corpus], store=store, nlp=nlp)
    assert store.summary()["actors"] == 0
    assert corpus.reextract(store=store, nlp=nlp) == 0
    assert store.summary()["actors"] > 0 and not store.actors_stale()


def test_uploads_are_read_in_memory_and_stored_under_their_names(tmp_path, nlp):
    import io
    import zipfile

    from components.ingest import count_uploads

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("inner/b.txt", "Officials in Paris met on Tuesday.\n")
        z.writestr("c.txt", "Kenya's central bank held rates steady.\n")
    uploads = [("report.txt", b"date 2024-03-01 LONDON: The minister said talks would resume.\n"),
               ("batch.zip", buf.getvalue()), ("slides.pptx", b"PK\x03\x04")]
    store = Store(tmp_path / "s.duckdb")
    seen: list[str] = []
    report = corpus.ingest([], uploads=uploads, store=store, nlp=nlp, on_file=seen.append)
    assert report.added == 3
    assert len(seen) == count_uploads(uploads) == 3
    origins = sorted(o for row in store.query("SELECT origins FROM articles")["origins"] for o in row)
    assert origins == ["upload:batch.zip!c.txt", "upload:batch.zip!inner/b.txt", "upload:report.txt"]
    assert [p.origin for p in report.problems] == ["upload:slides.pptx"]
    inputs = store.query("SELECT inputs FROM ingest_runs")["inputs"].iloc[0]
    assert list(inputs) == ["upload:report.txt", "upload:batch.zip", "upload:slides.pptx"]


ENGLISH = ("Officials in Lisbon said on Monday that Maria Santos, the port director, would resign. "
           "\u201cWe will rebuild the harbour,\u201d Santos told reporters in Porto.\n")
GERMAN = ("Die Behörden in Lissabon teilten am Montag mit, dass Maria Santos, die Direktorin des Hafens, "
          "zurücktreten werde. \u201eWir werden den Hafen wieder aufbauen\u201c, sagte Santos in Porto.\n")
SPANISH = ("Las autoridades de Lisboa dijeron el lunes que Maria Santos, directora del puerto, dimitirá. "
           "\u201cVamos a reconstruir el puerto\u201d, dijo Santos a los periodistas en Oporto.\n")


def test_articles_in_other_languages_are_stored_and_counted_but_not_analysed(tmp_path, nlp):
    folder = tmp_path / "languages"
    folder.mkdir()
    for name, text in (("a_en.txt", ENGLISH), ("b_de.txt", GERMAN), ("c_es.txt", SPANISH)):
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([folder], store=store, nlp=nlp)
    assert report.added == 3 and report.not_analysed == {"de": 1, "es": 1}
    assert report.summary().endswith("; 2 articles in 2 other languages stored, not analysed")
    rows = store.query("""
        SELECT a.language, a.pipeline_version IS NOT NULL AS extracted,
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM places p WHERE p.article_id = a.id) AS places,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
        FROM articles a ORDER BY a.language""")
    assert rows["language"].tolist() == ["de", "en", "es"] and rows["extracted"].all()
    counts = rows.set_index("language")[["entities", "places", "quotes"]]
    assert (counts.loc[["de", "es"]] == 0).all().all()
    assert (counts.loc["en"] > 0).all()
    again = corpus.ingest([folder], store=store, nlp=nlp)  # not analysed is not stale
    assert (again.unchanged, again.not_analysed) == (3, {})


def test_each_language_is_stored_under_its_pipelines_version_and_a_missing_one_is_noted(tmp_path):
    from components.nlp import Pipelines
    from components.query import not_analysed
    from components.filters import Filter
    from tests.handmade_docs import blank_pipeline

    folder = tmp_path / "languages"
    folder.mkdir()
    french = ("Les autorités de Lisbonne ont annoncé lundi que Maria Santos, directrice du port, allait "
              "démissionner, et elle a déclaré à Porto que le port serait reconstruit.\n")
    for name, text in (("a_en.txt", ENGLISH), ("b_de.txt", GERMAN), ("c_fr.txt", french)):
        (folder / name).write_text(text, encoding="utf-8")
    english_only = Pipelines(blank_pipeline("en", [("Maria Santos", "PERSON")]))
    both = Pipelines(english_only.default, {"fr": blank_pipeline("fr", [("Maria Santos", "PER")])},
                     missing={"de": "de_core_news_sm"})
    store = Store(tmp_path / "s.duckdb")
    report = corpus.ingest([folder], store=store, nlp=both)
    assert report.added == 3 and report.not_analysed == {"de": 1}
    assert report.summary().endswith("1 article in 1 other language stored, not analysed; articles in 'de' are "
                                     "stored, not analysed: spaCy pipeline 'de_core_news_sm' is not installed "
                                     "(pip install de-core-news-sm)")
    versions = dict(store.query("SELECT language, pipeline_version FROM articles").values.tolist())
    assert versions == {"en": both.version_for("en"), "de": both.version_for("en"), "fr": both.version_for("fr")}
    assert not_analysed(store, Filter()) == {"de": 1}
    again = corpus.ingest([folder], store=store, nlp=both)
    assert (again.unchanged, again.reextracted) == (3, 0)
    # Without the French pipeline, the French article is stale: re-extracted, then not analysed.
    assert corpus.reextract(store=store, nlp=english_only) == 1
    assert not_analysed(store, Filter()) == {"de": 1, "fr": 1}
    assert corpus.reextract(store=store, nlp=english_only) == 0
    assert corpus.reextract(store=store, nlp=both) == 1


# -- worker processes ----------------------------------------------------------------------------

def _store_rows(store: Store) -> dict[str, list]:
    """Every stored row that an ingest writes from its extractions, in a fixed order."""
    tables = {"articles": "SELECT id, language, pipeline_version, origins FROM articles ORDER BY id",
              **{t: f"SELECT * FROM {t} ORDER BY article_id, idx" for t in ("entities", "places", "quotes")},
              "actors": "SELECT actor, actor_type, aliases FROM actors ORDER BY actor"}
    return {t: store.query(sql).astype(str).values.tolist() for t, sql in tables.items()}


def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path, nlp, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(14):
        (folder / f"{i:02}.txt").write_text(
            f"Officials in Lisbon said on Monday that Maria Santos, port director number {i}, would resign. "
            f"\u201cWe will rebuild the harbour,\u201d she told reporters in Porto.\n", encoding="utf-8")
    (folder / "15_copy.txt").write_text((folder / "03.txt").read_text(encoding="utf-8"), encoding="utf-8")
    first = [folder / f"{i:02}.txt" for i in range(4, 10)]   # stored before: chunks with nothing to extract
    monkeypatch.setattr(corpus, "PLANS_AHEAD", 1)   # the stream of chunks ends and starts again
    stores = []
    for workers in (1, 2):
        store = Store(tmp_path / f"w{workers}.duckdb")
        corpus.ingest(first, store=store, nlp=nlp)
        report = corpus.ingest([folder], store=store, nlp=nlp, batch_size=2, commit_every=3, workers=workers)
        assert (report.added, report.unchanged, report.duplicates) == (8, 6, 1)
        stores.append(_store_rows(store))
    assert stores[1] == stores[0] and len(stores[0]["articles"]) == 14 and stores[0]["quotes"]
