"""The Data page under Streamlit's AppTest: the app reads folders only under its ingest roots,
uploads are read in memory and stored under their own names, the upload box's limit is the real
one, and the store switcher refuses what cannot be a store with the store's own message."""
from __future__ import annotations

import io
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from components import settings
from components.store import Store
from dashboard import state
from tests.dashboard.test_app import ingest_ended, run_app
from tests.components.ingest.reading import word_document, word_paragraph
from tests.components.store.test_store import not_a_store

DATA = "views/data.py"


def errors(at) -> str:
    return "\n".join(e.value for e in at.error)


# --- folder ingest is limited to the ingest roots -----------------------------------------------

def test_a_file_outside_the_ingest_roots_is_refused_with_the_roots_named(monkeypatch, tmp_path):
    monkeypatch.delenv("DATELINE_INGEST_ROOTS", raising=False)
    db = tmp_path / "s.duckdb"
    at = run_app(monkeypatch, db, page=DATA)
    at.text_input(key="data_folder").input("/etc/passwd").run()
    at.button(key="data_ingest_folder").click().run()
    assert not at.exception
    shown = errors(at)
    assert "/etc/passwd is hidden or outside the folders" in shown
    assert str(settings.PROJECT_ROOT / "data") in shown and str(Path.home()) in shown
    assert "DATELINE_INGEST_ROOTS" in shown
    assert not at.success and Store(db).summary().get("articles", 0) == 0


@pytest.mark.parametrize("typed", ["{root}/link/passwd", "{root}/../../../etc/passwd", "~/../etc/passwd"])
def test_links_and_dot_dots_do_not_get_out_of_the_roots(monkeypatch, tmp_path, typed):
    root = tmp_path / "corpora"
    root.mkdir()
    (root / "link").symlink_to("/etc")
    monkeypatch.setenv("DATELINE_INGEST_ROOTS", str(root))
    db = tmp_path / "s.duckdb"
    at = run_app(monkeypatch, db, page=DATA)
    at.text_input(key="data_folder").input(typed.format(root=root)).run()
    at.button(key="data_ingest_folder").click().run()
    assert not at.exception
    assert "outside the folders" in errors(at) and str(root) in errors(at)
    assert not db.exists()


def test_a_missing_path_inside_the_roots_says_nothing_is_there(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_INGEST_ROOTS", str(tmp_path))
    at = run_app(monkeypatch, tmp_path / "s.duckdb", page=DATA)
    at.text_input(key="data_folder").input(str(tmp_path / "nothing-here")).run()
    at.button(key="data_ingest_folder").click().run()
    assert not at.exception and "Nothing at" in errors(at)


# --- uploads ------------------------------------------------------------------------------------

def test_the_upload_box_limit_is_the_max_file_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_MAX_FILE_MB", "7")
    at = run_app(monkeypatch, tmp_path / "s.duckdb", page=DATA)
    assert at.file_uploader(key="data_uploads").proto.max_upload_size_mb == 7


def test_the_server_upload_cap_is_the_max_file_setting():
    import tomllib

    config = tomllib.loads((settings.PROJECT_ROOT / "dashboard" / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == settings.SETTINGS["max_file_mb"].default


@pytest.mark.model
def test_uploads_are_stored_under_their_own_names_without_temporary_files(monkeypatch, tmp_path, nlp):
    def no_temp_folder(*a, **k):
        raise AssertionError("uploads are read in memory")

    monkeypatch.setattr(tempfile, "mkdtemp", no_temp_folder)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("inner/b.txt", "Officials in Paris and Berlin met on Tuesday.\n")
    story = "Officials in Lisbon met on Friday.".encode()
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz") as tf:
        info = tarfile.TarInfo("week/c.txt")
        info.size = len(story)
        tf.addfile(info, io.BytesIO(story))
    book = io.BytesIO()
    with xlsxwriter.Workbook(book, {"in_memory": True}) as workbook:
        workbook.add_worksheet().write_row(0, 0, ["title", "text"])
        workbook.worksheets()[0].write_row(1, 0, ["Rates", "The central bank in Nairobi held rates on Monday."])
    nexis = word_document("".join(word_paragraph(line) for line in [  # (a Nexis Uni export: two stories)
        "Ferry to run all year", "Harbour Gazette", "May 5, 2019 Sunday", "Body",
        "The harbour board in Portsmouth voted to extend the night ferry.", "End of Document",
        "Tolls to rise", "Transport Weekly", "March 2, 2019", "Body", "Bridge tolls in Lisbon will rise in March.",
        "Load-Date: March 3, 2019", "End of Document"]))
    db = tmp_path / "s.duckdb"
    at = run_app(monkeypatch, db, page=DATA)
    at.file_uploader(key="data_uploads").set_value([
        ("report.txt", b"date 2024-03-01 LONDON: The minister said talks would resume.\n", "text/plain"),
        ("batch.zip", buf.getvalue(), "application/zip"),
        ("week.tar.gz", packed.getvalue(), "application/gzip"),
        ("monitor.xlsx", book.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("nexis.docx", nexis, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("slides.pptx", b"PK\x03\x04", "application/vnd.ms-powerpoint")]).run()
    at.button(key="data_ingest_uploads").click().run()
    assert not at.exception
    at = ingest_ended(at)
    assert any("6 articles read: 6 added" in s.value for s in at.success)
    problems = next(d.value for d in at.dataframe if list(d.value.columns) == ["file", "problem"])
    assert problems["file"].tolist() == ["upload:slides.pptx"]
    origins = sorted(o for row in Store(db).query("SELECT origins FROM articles")["origins"] for o in row)
    assert origins == ["upload:batch.zip!inner/b.txt", "upload:monitor.xlsx:2", "upload:nexis.docx#1",
                       "upload:nexis.docx#2", "upload:report.txt", "upload:week.tar.gz!week/c.txt"]
    logged = Store(db).query("SELECT origin FROM ingest_problems")["origin"].tolist()
    assert logged == ["upload:slides.pptx"]


# --- the store switcher -------------------------------------------------------------------------

@pytest.mark.parametrize("kind,says", [("folder", "is a folder"), ("text", "is not a DuckDB file"),
                                       ("foreign", "not a Dateline store")])
def test_the_store_switcher_refuses_what_is_not_a_store_with_the_stores_message(monkeypatch, tmp_path, kind, says):
    current = tmp_path / "current.duckdb"
    bad = not_a_store(kind, tmp_path)
    at = run_app(monkeypatch, current, page=DATA)
    at.text_input(key="data_store_path").input(str(bad))
    next(b for b in at.button if b.label == "Open").click().run()
    assert not at.exception
    assert says in errors(at) and str(bad) in errors(at)
    assert at.session_state[state.DB_PATH] == str(current.resolve())
    if kind == "foreign":
        import duckdb

        con = duckdb.connect(str(bad), read_only=True)
        assert [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()] == ["sales"]
        con.close()


# --- articles in other languages ----------------------------------------------------------------

def test_the_overview_and_the_data_page_count_articles_in_other_languages(monkeypatch, tmp_path):
    from components.records import Article, Extraction

    db = tmp_path / "languages.duckdb"
    version = "en_core_web_sm@3.8.0+rules-0123456789ab"
    Store(db).write([Extraction(Article.from_text(text, language=lang, title=lang), version, [], [], [])
                     for lang, text in (("de", "Der Hafen öffnet im Frühjahr."), ("de", "Die Fähre fährt wieder."),
                                        ("es", "El puerto abre en primavera."), ("en", "The port opens in spring."))])
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert any(c.value.startswith("3 articles in 2 other languages stored, not analysed (de, es)")
               for c in at.caption)
    at = run_app(monkeypatch, db, page=DATA)
    assert not at.exception
    assert any(c.value == "3 articles in 2 other languages stored, not analysed (de: 2, es: 1)." for c in at.caption)
    # under a filter the Overview counts the filtered ones only, and says nothing where there are none
    at = run_app(monkeypatch, db, params={"languages": "de"})
    assert any(c.value.startswith("2 articles in 1 other language stored, not analysed (de)") for c in at.caption)
    at = run_app(monkeypatch, db, params={"languages": "en"})
    assert not at.exception and not any("not analysed" in c.value for c in at.caption)




def test_the_data_page_names_articles_an_older_pipeline_analysed(monkeypatch, tmp_path):
    from components.records import Article, Extraction

    from dashboard import versions

    db = tmp_path / "versions.duckdb"
    old, new = "en_core_web_sm@3.8.0+rules-0123456789ab", "en_core_web_sm@3.8.0+rules-ba9876543210"
    articles = [Article.from_text(f"The port opens on day {i}.", language="en", title=str(i)) for i in range(3)]
    Store(db).write([Extraction(a, old, [], [], []) for a in articles])
    monkeypatch.setattr(versions, "installed", lambda wait=0.0: None)  # (still being found)
    at = run_app(monkeypatch, db, page=DATA)
    assert not at.exception and not at.warning  # one version throughout: nothing to say
    monkeypatch.setattr(versions, "installed", lambda wait=0.0: {"en": new})  # found: an upgraded Dateline
    at = run_app(monkeypatch, db, page=DATA)
    said = [w.value for w in at.warning]
    assert len(said) == 1 and said[0].startswith("3 of 3 analysed articles were analysed by another version of "
                                                 f"the model or rules ({old}) than this Dateline's ({new})")
    Store(db).write([Extraction(articles[0], new, [], [], [])])
    at = run_app(monkeypatch, db, page=DATA)
    assert not at.exception
    said = [w.value for w in at.warning]
    assert len(said) == 1 and said[0].startswith("2 of 3 analysed articles were analysed by another version")
    assert f"python -m components reextract --db {db}" in said[0]


@pytest.mark.model
def test_the_data_page_analyses_the_older_articles_again_in_the_server(monkeypatch, tmp_path, pipelines):
    from components import query
    from components.records import Article, Extraction
    from tests.dashboard.test_app import ingest_ended

    db = tmp_path / "versions.duckdb"
    texts = ["Port officials in Rotterdam said on Monday that the new terminal would open in May.",
             "The mayor of Lyon, Anne Martin, told reporters the bridge would close for repairs."]
    Store(db).write([Extraction(Article.from_text(t, language="en", title=t[:8]), "en_old@1+rules-0123456789ab",
                                [], [], []) for t in texts])
    from dashboard import versions

    assert versions.installed(wait=60)  # (found by a process of its own, as the page asks)
    at = run_app(monkeypatch, db, page=DATA)
    at.button(key="data_reextract").click().run()
    assert not at.exception
    at = ingest_ended(at)
    assert any(s.value.startswith("2 articles analysed again") for s in at.success)
    assert not at.warning and "data_reextract" not in [b.key for b in at.button]  # all up to date
    versions = query.extraction_versions(Store(db))
    assert len(versions) == 1 and versions["version"].iloc[0] == pipelines.version_for("en")
    assert Store(db).summary()["entities"] > 0  # analysed this time: the old rows had none

def test_the_languages_facet_filters_round_trips_through_the_url_and_the_reader_shows_the_language(
        monkeypatch, tmp_path):
    from components.records import Article, Extraction
    from tests.dashboard.test_app import filter_of

    db = tmp_path / "languages.duckdb"
    Store(db).write([Extraction(Article.from_text(text, language=lang, title=f"In {lang}"), "en_m@1+rules-x",
                                [], [], []) for lang, text in (("de", "Der Hafen öffnet im Frühjahr."),
                                                               ("en", "The port opens in spring."))])
    at = run_app(monkeypatch, db, page="views/articles.py", params={"languages": "de"})
    assert not at.exception and filter_of(at).languages == ("de",)
    widget = at.sidebar.multiselect(key=state.SB_LANGUAGES)
    assert widget.value == ["de"] and widget.options == ["German (de)", "English (en)"]  # named, and coded
    assert list(at.dataframe[0].value["language"]) == ["de"]
    assert any("language: de" in t.value for t in at.text)  # the reader's line
    widget.select("en").run()
    assert filter_of(at).languages == ("de", "en") and at.query_params["languages"] == ["de", "en"]


# --- a store of an older Dateline ---------------------------------------------------------------

def test_a_store_of_an_older_dateline_is_upgraded_from_the_page_with_one_click(monkeypatch, tmp_path):
    from components.store import schema
    from tests.components.store.test_store import store_of_schema_3

    db = tmp_path / "old.duckdb"
    store_of_schema_3(db)
    at = run_app(monkeypatch, db)
    assert not at.exception and not errors(at)
    assert any("older Dateline" in w.value for w in at.warning)
    upgrade = [b for b in at.button if b.label == "Upgrade this store now"]
    assert len(upgrade) == 1  # on the page; the sidebar only says so
    upgrade[0].click().run()
    assert not at.exception and not errors(at) and not at.warning
    assert Store(db).meta()["schema_version"] == str(schema.SCHEMA_VERSION)
    assert any(m.label == "Articles" and m.value == "1" for m in at.metric)
