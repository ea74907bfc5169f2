"""The command line (``python -m components``) over the sample article and a small corpus."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from components.__main__ import main
from tests.conftest import ROOT



def km(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(x)))


@pytest.fixture(scope="module")
def seed_result(tmp_path_factory):
    from tests.conftest import SEED

    out = tmp_path_factory.mktemp("x") / "seed.jsonl"
    assert main(["extract", str(SEED), "-o", str(out), "-q"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.mark.model
def test_seed_header_becomes_date_and_dateline(seed_result):
    assert seed_result["date"] == "2024-12-02"
    assert seed_result["dateline"] == ["Moscow", "Tehran"]
    assert seed_result["text"].startswith("The Kremlin said on Monday")


@pytest.mark.model
def test_contract_offsets_index_the_text(seed_result):
    text = seed_result["text"]
    for e in seed_result["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    for p in seed_result["places"]:
        assert text[p["start"]:p["end"]] == p["text"]
    for q in seed_result["quotes"]:
        assert q["kind"] in ("full", "partial")
        assert q["content"].split()[0] in text[q["start"]:q["end"]]
        if q["speaker_start"] is not None:
            assert q["speaker_end"] > q["speaker_start"]


@pytest.mark.model
@pytest.mark.parametrize("name,lat,lon,tolerance_km", [
    ("Moscow", 55.76, 37.62, 161), ("Tehran", 35.69, 51.42, 161), ("Aleppo", 36.20, 37.16, 161),
    ("Damascus", 33.51, 36.29, 161), ("Syria", 35.0, 38.0, 400), ("Ukraine", 49.0, 32.0, 400),
])
def test_seed_places_on_the_map_where_they_belong(seed_result, name, lat, lon, tolerance_km):
    hits = [p for p in seed_result["places"] if name in p["text"]]
    assert hits, f"{name} not found"
    for p in hits:
        assert p["lat"] is not None and km(lat, lon, p["lat"], p["lon"]) < tolerance_km


@pytest.mark.model
@pytest.mark.parametrize("opening,speaker", [
    ("We of course continue to support", "Dmitry Peskov"),
    ("We entered Syria many years ago", "Esmaeil Baqaeil"),
    ("Our military advisers were present", "Esmaeil Baqaeil"),  # "… he told a news conference"
])
def test_seed_quotes_with_their_speakers(seed_result, opening, speaker):
    quotes = [q for q in seed_result["quotes"] if opening in q["content"]]
    assert quotes and quotes[0]["kind"] == "full"
    assert quotes[0]["speaker"] == speaker


@pytest.mark.model
def test_seed_assad_is_one_actor(seed_result):
    actors = {e["actor"] for e in seed_result["entities"] if "Assad" in e["text"]}
    assert len(actors) == 1 and None not in actors
    peskov = [e for e in seed_result["entities"] if "Peskov" in e["text"]]
    assert peskov and all(e["actor_type"] == "person" for e in peskov)


@pytest.mark.model
def test_extract_refuses_to_overwrite_without_force(tmp_path, seed_path, capsys):
    out = tmp_path / "o.jsonl"
    out.write_text("keep me", encoding="utf-8")
    assert main(["extract", str(seed_path), "-o", str(out), "-q"]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "--force" in capsys.readouterr().err


@pytest.mark.model
def test_extract_reads_jsonl_and_keeps_given_ids(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "doc-7", "text": "Officials met in Nairobi on Monday."}) + "\n"
                   + "not json\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    main(["extract", str(src), "-o", str(out), "-q"])
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["doc-7"]


@pytest.mark.model
def test_ingest_info_and_export_from_the_shell(tmp_path, small_corpus):
    db = tmp_path / "c.duckdb"
    run = [sys.executable, "-m", "components"]
    r = subprocess.run(run + ["ingest", str(small_corpus), "--db", str(db)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "broken.txt" in r.stderr and "3 articles read" in r.stderr
    # the bar goes through the inputs' bytes, the articles beside it
    bar = r.stderr.replace("\r", "\n").splitlines()
    assert any(line.startswith("ingest: 100%") and "B/s" in line and "articles=3" in line for line in bar), r.stderr
    info = subprocess.run(run + ["info", "--db", str(db)], cwd=ROOT, capture_output=True, text=True)
    assert "articles" in info.stdout
    exp = subprocess.run(run + ["export", str(tmp_path / "pq"), "--db", str(db)], cwd=ROOT,
                         capture_output=True, text=True)
    assert exp.returncode == 0, exp.stderr
    assert (tmp_path / "pq" / "articles.parquet").exists()


def running_in_group(pgid: int) -> list[str]:
    """The processes of process group ``pgid`` still running (dead ones not yet reaped left out),
    as ``/proc/PID/stat`` lines."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":  # (state, ppid, pgrp)
            found.append(stat.read_text())
    return found


@pytest.mark.model
@pytest.mark.parametrize(("first", "again"), [("once 256 are stored", "half a second later"),
                                              ("once 256 are stored", "as the line appears"),
                                              ("as the workers start", "half a second later")])
def test_ctrl_c_during_an_ingest_with_workers_ends_it_in_a_line_keeping_what_was_stored(tmp_path, first, again):
    """Ctrl-C in a terminal (SIGINT to every process of the command), pressed twice: the command ends
    within seconds with exit code 130 and one line saying what to do, no traceback from it or its worker
    processes (nor a warning of what they left), none of them left running; the batches stored before stay
    stored. The first press comes ``first``: as the work goes on, or while the workers import spaCy; the
    second ``again``: while the workers stop, or as Python ends once they have."""
    import os
    import signal
    import time
    from contextlib import suppress

    from components.store import Store

    stories, db = tmp_path / "stories", tmp_path / "c.duckdb"
    assert main(["demo", str(stories), "--n", "700"]) == 0
    err = (tmp_path / "err.txt").open("w+")
    # (in a process group of its own, as a terminal's command; Ctrl-C not ignored even where these tests
    # run in the background, whose commands inherit SIGINT ignored)
    ingest = subprocess.Popen([sys.executable, "-m", "components", "ingest", str(stories), "--db", str(db),
                               "--workers", "2"], cwd=ROOT, stderr=err, start_new_session=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 240
        started = "articles=256" if first == "once 256 are stored" else "ingest:"
        while started not in (tmp_path / "err.txt").read_text() and time.monotonic() < deadline:
            assert ingest.poll() is None, (tmp_path / "err.txt").read_text()
            time.sleep(0.2 if first == "once 256 are stored" else 0.01)
        time.sleep(0 if first == "once 256 are stored" else 0.2)  # (the workers take seconds to import spaCy)
        os.killpg(ingest.pid, signal.SIGINT)
        if again == "as the line appears":
            while "interrupted" not in (tmp_path / "err.txt").read_text() and ingest.poll() is None:
                time.sleep(0.005)
        else:
            time.sleep(0.5)
        with suppress(ProcessLookupError):  # pressed again, as a user does when a stop seems slow
            os.killpg(ingest.pid, signal.SIGINT)
        # 130, or killed by the second Ctrl-C once the first had ended its work (a shell shows 130 for both)
        assert ingest.wait(timeout=30) in (130, -signal.SIGINT)
    finally:
        if ingest.poll() is None:
            os.killpg(ingest.pid, signal.SIGKILL)
    time.sleep(0.5)
    assert running_in_group(ingest.pid) == []  # no worker left behind
    text = (tmp_path / "err.txt").read_text()
    assert "Traceback" not in text and "interrupted: what was stored before stays stored" in text
    assert "leaked" not in text
    assert (256 if first == "once 256 are stored" else 0) <= Store(db).summary()["articles"] < 700


@pytest.mark.model
def test_extract_with_two_worker_processes_gives_the_same_result(tmp_path, small_corpus):
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert main(["extract", str(small_corpus), "-o", str(one), "-q"]) == 0
    assert main(["extract", str(small_corpus), "-o", str(two), "-q", "--workers", "2"]) == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert len(one.read_text(encoding="utf-8").splitlines()) == 3


# --- a --db that cannot be a store --------------------------------------------------------------

@pytest.mark.parametrize("verb", [["info"], ["export", "OUT"], ["reextract", "-q"], ["ingest", "SEED", "-q"]])
@pytest.mark.parametrize("kind,says", [("folder", "is a folder"), ("text", "is not a DuckDB file"),
                                       ("foreign", "not a Dateline store")])
def test_a_db_that_is_not_a_store_gets_one_line_and_exit_code_2(tmp_path, seed_path, capsys, verb, kind, says):
    from tests.components.store.test_store import not_a_store

    db = not_a_store(kind, tmp_path)
    args = [str(tmp_path / "out") if x == "OUT" else str(seed_path) if x == "SEED" else x for x in verb]
    assert main([*args, "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0] and str(db) in err[0], err
    assert not (tmp_path / "out").exists()


def test_a_db_that_is_not_a_store_prints_no_traceback_in_the_shell(tmp_path):
    from tests.components.store.test_store import not_a_store

    db = not_a_store("text", tmp_path)
    r = subprocess.run([sys.executable, "-m", "components", "info", "--db", str(db)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_output_piped_into_a_reader_that_stops_early_prints_no_traceback(tmp_path):
    from components.store import Store
    from tests.components.store.test_store import make_extraction

    db = tmp_path / "s.duckdb"
    Store(db).write([make_extraction()])
    r = subprocess.run(f"'{sys.executable}' -m components info --db '{db}' | head -c 1", shell=True, cwd=ROOT,
                       capture_output=True, text=True)
    assert r.stdout == "m" and "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr


def test_info_says_when_actors_are_stale(tmp_path, capsys):
    from components.store import Store
    from tests.components.store.test_store import make_extraction

    db = tmp_path / "s.duckdb"
    Store(db).write([make_extraction()])  # a batch written, then the ingest was killed before the rebuild
    assert main(["info", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "out of date" in out and "reextract" in out



def test_info_names_the_versions_that_analysed_the_store_and_the_older_ones(tmp_path, capsys):
    from components.store import Store
    from tests.components.store.test_store import make_extraction

    db = tmp_path / "s.duckdb"
    from components.nlp.installed import installed_versions

    assert main(["versions", "--json"]) == 0
    current = json.loads(capsys.readouterr().out)["en"]
    assert current == installed_versions()["en"] and "+rules-" in current
    Store(db).write([make_extraction(version="en_m@1+rules-aaaaaaaaaaaa")])  # by another Dateline
    Store(db).write([make_extraction("Sergei Lavrov", version=current)])  # by this one
    assert main(["info", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"{'analysed by':20} {current} (1 article)\n" in out
    assert (f"1 of 2 analysed articles was analysed by another version of the model or rules (en_m@1+rules-aaaaaaaaaaaa)"
            f" than this Dateline's ({current})") in out
    assert f"`python -m components reextract --db {db}`" in out

def test_a_store_of_an_older_dateline_is_named_with_the_upgrade_command_which_upgrades_it(tmp_path, capsys):
    from components.store import schema
    from tests.components.store.test_store import store_of_schema_3

    db = tmp_path / "old.duckdb"
    store = store_of_schema_3(db)
    assert main(["info", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "older Dateline" in err and f"python -m components upgrade --db {db}" in err
    assert main(["upgrade", "--db", str(db)]) == 0
    assert f"upgraded from store schema 3 to {schema.SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["info", "--db", str(db)]) == 0 and store.summary()["articles"] == 1
    assert main(["upgrade", "--db", str(db)]) == 0 and "up to date" in capsys.readouterr().out
    assert main(["upgrade", "--db", str(tmp_path / "none.duckdb")]) == 1 and not (tmp_path / "none.duckdb").exists()


def test_search_index_builds_the_index_of_an_older_store_then_has_nothing_to_do(tmp_path, capsys):
    from components.store import Store
    from tests.components.store.test_store import make_extraction

    db = tmp_path / "s.duckdb"
    store = Store(db)
    store.write([make_extraction()])
    store.search_index_path.unlink()  # a store from before the index
    assert main(["search-index", "--db", str(db), "-q"]) == 0
    assert "1 articles indexed" in capsys.readouterr().err and not store.search_index_behind()
    assert main(["search-index", "--db", str(db)]) == 0 and "up to date" in capsys.readouterr().out
    assert main(["search-index", "--db", str(tmp_path / "none.duckdb")]) == 1


# --- settings and model that cannot be used ----------------------------------------------------

@pytest.mark.parametrize("var,value", [("DATELINE_MAX_FILE_MB", "abc"), ("DATELINE_WORKERS", "two"),
                                       ("DATELINE_BATCH_SIZE", "0")])
def test_a_malformed_setting_gets_one_line_and_exit_code_2(tmp_path, seed_path, capsys, monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    assert main(["ingest", str(seed_path), "--db", str(tmp_path / "s.duckdb"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and var in err[0] and "number" in err[0], err
    assert not (tmp_path / "s.duckdb").exists()


def test_a_model_that_is_not_installed_gets_one_line_and_exit_code_2(tmp_path, seed_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(seed_path), "-o", str(out), "-q", "--model", "no_such_pipeline_xyz"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no_such_pipeline_xyz" in err[0] and "pip install" in err[0], err
    assert not out.exists()


@pytest.mark.model
def test_a_configured_language_whose_model_is_missing_gets_a_one_line_note(tmp_path, seed_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(seed_path), "-o", str(out), "-q", "--models", "fr=fr_core_news_sm,de=no_such_pipeline_de"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "'de'" in notes[0] and "no_such_pipeline_de" in notes[0] and "pip install" in notes[0]
    assert out.exists()


def test_a_malformed_models_setting_gets_one_line_and_exit_code_2(tmp_path, seed_path, capsys):
    assert main(["extract", str(seed_path), "-o", str(tmp_path / "o.jsonl"), "-q", "--models", "french"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "LANG=PACKAGE" in err[0], err


def test_a_scheduler_without_the_dask_engine_is_refused(tmp_path, seed_path, capsys):
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(seed_path), "--db", str(db), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "need --engine dask" in capsys.readouterr().err and not db.exists()


def test_a_dask_scheduler_that_does_not_answer_gets_one_line_and_exit_code_2(tmp_path, seed_path):
    r = subprocess.run([sys.executable, "-m", "components", "ingest", str(seed_path), "--db", str(tmp_path / "s.duckdb"),
                        "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "-q"],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in r.stderr and "dask scheduler" in r.stderr


def test_a_ctrl_c_that_python_drops_in_a_garbage_collector_callback_is_raised_again():
    """A press landing in a gc callback (Dask keeps one) was printed as "Exception ignored" and lost:
    the command went on. It is now raised again in the main thread, where the command answers it."""
    code = """
        import gc, signal, sys, time
        from components.ctrl_c import lost_presses_raised_again
        signal.signal(signal.SIGINT, signal.default_int_handler)  # (as in a terminal; pytest-xdist's ignores it)
        if sys.argv[1] == "on":
            lost_presses_raised_again()
        def pressed_here(phase, info):  # (as the signal's KeyboardInterrupt raised inside the callback)
            if phase == "start":
                gc.callbacks.remove(pressed_here)
                raise KeyboardInterrupt
        gc.callbacks.append(pressed_here)
        try:
            gc.collect()
            time.sleep(5)
            print("went on")
        except KeyboardInterrupt:
            print("answered")
    """
    from tests.components.store.test_store import run_python

    on, off = run_python(code, "on"), run_python(code, "off")
    assert on.stdout.strip() == "answered" and "Exception ignored" not in on.stderr
    assert off.stdout.strip() == "went on" and "Exception ignored" in off.stderr  # (what Python does alone)
