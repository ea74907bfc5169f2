"""The dashboard under Streamlit's AppTest: every page on the sample corpus and on an empty store,
the URL ⇄ Filter round trip, sidebar widgets and chips, chart and table selections, and the
article reader's escaping."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import charts
from components.filters import Filter
from dashboard import bootstrap, downloads, highlight, markdown, search, state
from dashboard.routes import PAGES
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "main.py")
TIMEOUT = 30
PAGE_FILES = [file for file, _, _ in PAGES]


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    """A store path with nothing there yet."""
    return tmp_path / "nothing-yet.duckdb"


def run_app(monkeypatch, db: Path, *, page: str | None = None, params: dict | None = None) -> AppTest:
    """The app on store ``db``, opened with URL query ``params``, switched to ``page``."""
    monkeypatch.setenv("DATELINE_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if params:
        at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def ingest_ended(at: AppTest, timeout: float = 120) -> AppTest:
    """``at`` drawn again once the Data page's ingest (which runs in a thread of its own,
    :mod:`dashboard.ingest_panel`) into its store has ended."""
    from dashboard import ingest_panel

    job = ingest_panel.job_for(Path(at.session_state[state.DB_PATH]).resolve())
    assert job is not None, "no ingest was started"
    job.thread.join(timeout)
    assert not job.running, f"the ingest did not end within {timeout} s"
    return at.run()


def inject_selection(monkeypatch, key: str, event: dict, *, element: str = "plotly_chart") -> None:
    """Make ``st.<element>`` return ``event`` for the widget ``key`` (as if the user had clicked
    or box-selected in the browser); selections cannot be set through session state."""
    original = getattr(st, element)

    def fake(*args, **kwargs):
        result = original(*args, **kwargs)
        return event if kwargs.get("key") == key else result

    monkeypatch.setattr(st, element, fake)


def filter_of(at: AppTest) -> Filter:
    return at.session_state[state.FILTER]


def chip_keys(at: AppTest) -> list[str]:
    """The keys of the sidebar's chip buttons (``sb_chip_<field>_<value>``)."""
    prefix = f"{state.SIDEBAR_PREFIX}chip_"
    return [b.key[len(prefix):] for b in at.sidebar.button if b.key and b.key.startswith(prefix)]


# --- empty store --------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_shows_a_friendly_empty_state_on_an_empty_store(monkeypatch, empty_store, page):
    at = run_app(monkeypatch, empty_store, page=page)
    assert not at.exception
    assert at.info, "an empty store must say what to do, not show empty charts"
    assert not empty_store.exists(), "a store the user named is never filled with the sample"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_file_that_is_not_a_store_shows_an_error_not_a_traceback(monkeypatch, tmp_path, page):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("not a database")
    at = run_app(monkeypatch, bad, page=page)
    assert not at.exception
    assert any("Data page" in e.value for e in at.error)
    if page == "views/data.py":  # the way out is still there
        assert at.text_input(key="data_store_path")


def test_the_data_page_switches_to_another_store_and_clears_the_filter(monkeypatch, empty_store, tmp_path):
    other = tmp_path / "other.duckdb"
    at = run_app(monkeypatch, empty_store, page="views/data.py", params={"q": "harbour"})
    at.text_input(key="data_store_path").input(str(other))
    next(b for b in at.button if b.label == "Open").click().run()
    assert not at.exception
    assert at.session_state[state.DB_PATH] == str(other.resolve())
    assert filter_of(at).is_empty
    assert str(other.resolve()) in [t.value for t in at.text]


def test_only_the_default_store_is_filled_with_the_sample(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "mine.duckdb"))
    assert not bootstrap.is_default_store((tmp_path / "mine.duckdb").resolve())
    monkeypatch.delenv("DATELINE_DB")
    from components import settings

    assert bootstrap.is_default_store(Path(str(settings.get("db"))).resolve())


@pytest.mark.model
def test_the_first_start_fills_the_default_store_with_the_sample(monkeypatch, tmp_path, nlp):
    from components import settings

    default = tmp_path / "dateline.duckdb"
    monkeypatch.setitem(settings.SETTINGS, "db", settings.Setting("db", str(default), "test default"))
    monkeypatch.delenv("DATELINE_DB", raising=False)
    from components.ingest import count_bytes
    from dashboard.ingest_bar import IngestBar

    stored: list[tuple[int, int]] = []  # (articles, bytes read) as the bar heard of each batch
    shown = IngestBar.on_stored
    monkeypatch.setattr(IngestBar, "on_stored", lambda bar, n, read: (stored.append((n, read)), shown(bar, n, read)))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert default.exists()
    assert {m.label: m.value for m in at.metric}["Articles"] == "41"
    assert any("Sample corpus ready" in t.value for t in at.toast)
    # the bar moved batch by batch, through the sample's bytes, to the end
    assert len(stored) >= 5 and sum(n for n, _ in stored) == 41
    reads = [read for _, read in stored]
    assert reads == sorted(reads) and reads[-1] == count_bytes(bootstrap.SAMPLE_DIRS)



@pytest.mark.model
def test_a_first_start_stopped_part_way_is_taken_up_by_the_next_visit(monkeypatch, tmp_path, nlp):
    """The tab closed (or the server stopped) while the sample was being stored: the next visit
    stores the rest, rather than showing the first batches for good."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    from components import settings
    from components.store import Store
    from dashboard.ingest_bar import IngestBar

    default = tmp_path / "dateline.duckdb"
    monkeypatch.setitem(settings.SETTINGS, "db", settings.Setting("db", str(default), "test default"))
    monkeypatch.delenv("DATELINE_DB", raising=False)
    shown = IngestBar.on_stored

    def left_after_one_batch(bar, n, read):  # (as Streamlit stops the run of a session that left)
        shown(bar, n, read)
        raise StopException()

    monkeypatch.setattr(IngestBar, "on_stored", left_after_one_batch)
    AppTest.from_file(APP, default_timeout=120).run()
    assert Store(default).summary()["articles"] == bootstrap.SAMPLE_BATCH
    assert bootstrap.unfinished_mark(default).exists()
    monkeypatch.setattr(IngestBar, "on_stored", shown)
    at = AppTest.from_file(APP, default_timeout=120).run()  # the next visit
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Articles"] == "41"
    assert not bootstrap.unfinished_mark(default).exists()
    assert any("Sample corpus ready" in t.value for t in at.toast)

# --- dates the slider cannot show, undated articles, unexpected errors ----------------------------

def _store_of(path: Path, dates: list[str | None]) -> Path:
    """A store at ``path`` holding one short titled article per entry of ``dates`` (no extraction)."""
    from components.records import Article
    from components.store import Store

    Store(path).add_articles([Article.from_text(f"Story number {i} about the harbour.", date=d, title=f"Story {i}")
                              for i, d in enumerate(dates)])
    return path


@pytest.fixture
def far_dates_store(tmp_path: Path, monkeypatch) -> Path:
    """Articles dated 9999-12-31 and 0001-01-01 (as stores made before ingest refused such dates
    hold them), two within the slider's window and one undated."""
    from components import query, store
    from components.store import writes

    with monkeypatch.context() as m:  # should the store start refusing such dates, write them anyway
        m.setattr(writes, "_parse_date", lambda v: date.fromisoformat(v) if v else None)
        path = _store_of(tmp_path / "far.duckdb", ["9999-12-31", "0001-01-01", "1900-05-01", "2024-03-01", None])
    years = {d.year for d in query.articles(store.Store(path), Filter())["date"].dropna()}
    assert {1, 9999} <= years, "the store must really hold the far dates"
    return path


@pytest.fixture
def undated_store(tmp_path: Path) -> Path:
    """Three articles, none of them dated (a JSONL or CSV without a date column)."""
    return _store_of(tmp_path / "undated.duckdb", [None, None, None])


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_renders_on_a_store_with_dates_outside_the_slider_range(monkeypatch, far_dates_store, page):
    at = run_app(monkeypatch, far_dates_store, page=page)
    assert not at.exception
    assert not at.error
    lo, hi = at.sidebar.slider(key=state.SB_DATES).value
    assert (lo, hi) == (date(1900, 5, 1), date(2024, 3, 1))  # the window's dates; the ends mean "no bound"
    notes = " ".join(c.value for c in at.sidebar.caption)
    assert "2 articles dated outside 1800–2100" in notes and "1 article undated" in notes


@pytest.mark.parametrize("dates", [["9999-12-31"], ["0001-01-01", "2024-03-01"], ["1800-01-01", "1800-01-01", None]],
                         ids=["only-far", "one-day-and-far", "window-edge"])
@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_renders_on_odd_date_sets(monkeypatch, tmp_path, dates, page):
    from components.store import writes

    with monkeypatch.context() as m:  # as in far_dates_store
        m.setattr(writes, "_parse_date", lambda v: date.fromisoformat(v) if v else None)
        path = _store_of(tmp_path / "odd.duckdb", dates)
    at = run_app(monkeypatch, path, page=page)
    assert not at.exception
    assert not at.error
    assert not at.sidebar.slider  # no range to pick: at most one day within the window
    notes = " ".join(c.value for c in at.sidebar.caption)
    if "9999-12-31" in dates or "0001-01-01" in dates:
        assert "dated outside 1800–2100" in notes


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_date_after_today_is_named_in_the_sidebar_and_every_page_renders(monkeypatch, tmp_path, page):
    path = _store_of(tmp_path / "typo.duckdb", ["2024-03-01", "2024-03-05", "2091-05-01"])
    at = run_app(monkeypatch, path, page=page)
    assert not at.exception and not at.error
    notes = " ".join(c.value for c in at.sidebar.caption)
    assert "1 article dated after today (the latest 2091-05-01): a wrong date in the file?" in notes


def test_the_store_switcher_works_on_a_store_with_far_dates(monkeypatch, far_dates_store, empty_store):
    at = run_app(monkeypatch, far_dates_store, page="views/data.py")
    at.text_input(key="data_store_path").input(str(empty_store))
    next(b for b in at.button if b.label == "Open").click().run()
    assert not at.exception
    assert at.session_state[state.DB_PATH] == str(empty_store.resolve())


def test_articles_outside_the_window_stay_listed_and_the_slider_ends_mean_no_bound(monkeypatch, far_dates_store):
    at = run_app(monkeypatch, far_dates_store, page="views/articles.py")
    assert sorted(at.dataframe[0].value["date"]) == ["0001-01-01", "1900-05-01", "2024-03-01", "9999-12-31",
                                                     "undated"]
    assert any("newest first (1 undated, listed last)" in c.value for c in at.caption)
    slider = at.sidebar.slider(key=state.SB_DATES)
    slider.set_range(date(1900, 5, 1), date(2000, 1, 1)).run()
    assert (filter_of(at).date_from, filter_of(at).date_to) == (None, date(2000, 1, 1))
    assert sorted(at.dataframe[0].value["date"]) == ["0001-01-01", "1900-05-01"]
    assert any("the date range leaves them out" in c.value for c in at.sidebar.caption)


def test_a_failing_sidebar_leaves_the_page_and_the_store_switcher_up(monkeypatch, empty_store, caplog):
    from dashboard import sidebar

    def broken() -> None:
        raise RuntimeError("/srv/secret/path exploded")

    monkeypatch.setattr(sidebar, "render", broken)
    at = run_app(monkeypatch, empty_store, page="views/data.py")
    assert not at.exception
    assert any("filter sidebar" in e.value for e in at.sidebar.error)
    assert not any("/srv/secret" in e.value for e in at.error)
    assert at.text_input(key="data_store_path")  # the way out is still there
    assert "/srv/secret/path exploded" in caplog.text  # the details went to the server log


def test_a_failing_widget_callback_is_a_short_toast_and_the_details_are_logged(monkeypatch, empty_store, caplog):
    at = run_app(monkeypatch, empty_store, params={"q": "harbour"})

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/path: cannot")

    monkeypatch.setattr(state, "set_filter", broken)
    at.sidebar.button(key=f"{state.SIDEBAR_PREFIX}clear").click().run()
    assert not at.exception
    assert any("RuntimeError" in t.value and "server log" in t.value for t in at.toast)
    assert filter_of(at) == Filter(text="harbour")  # nothing changed
    assert "/srv/secret/path: cannot" in caplog.text


@pytest.mark.parametrize("page", [p for p in PAGE_FILES if p != "views/data.py"])
def test_an_unexpected_error_on_a_page_is_a_short_message_and_the_details_are_logged(
        monkeypatch, undated_store, caplog, page):
    from dashboard import cached

    real = cached.run

    def failing(name, *args, **kwargs):
        if name not in ("choices", "date_span"):  # the sidebar's own queries still work
            raise ValueError("/srv/secret/path: bad things")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(cached, "run", failing)
    at = run_app(monkeypatch, undated_store, page=page)
    assert not at.exception
    assert len(at.error) == 1 and "ValueError" in at.error[0].value and "server log" in at.error[0].value
    assert "/srv/secret" not in at.error[0].value
    assert "Traceback" in caplog.text and "/srv/secret/path: bad things" in caplog.text


def test_the_articles_page_lists_and_reads_undated_articles(monkeypatch, undated_store):
    at = run_app(monkeypatch, undated_store, page="views/articles.py")
    assert not at.exception and not at.error
    assert list(at.dataframe[0].value["date"]) == ["undated"] * 3
    assert all(option.startswith("undated · Story") for option in at.selectbox(key=state.ARTICLE).options)
    assert any(t.value.startswith("undated") for t in at.text)  # the reader's date line
    assert any("3 articles, none of them dated" in c.value for c in at.caption)



@pytest.mark.parametrize("dates,says", [([None, None], "2 quotes, none of them dated"),
                                        (["2024-03-01", None], "2 quotes, newest first (those of 1 undated article listed last)"),
                                        (["2024-03-01", "2024-03-02"], "2 quotes, newest first.")])
def test_the_quotes_page_says_how_its_quotes_are_ordered_by_their_articles_dates(monkeypatch, tmp_path, dates, says):
    from components.records import Article, Extraction, Quote
    from components.store import Store

    db = tmp_path / "quotes.duckdb"
    Store(db).write([Extraction(Article.from_text(f'Ann Lee said: "We are ready {i}." in Oslo.', date=d), "v1", [], [],
                                [Quote(start=14, end=31, content=f"We are ready {i}.", kind="full", speaker="Ann Lee")])
                     for i, d in enumerate(dates)])
    at = run_app(monkeypatch, db, page="views/quotes.py")
    assert not at.exception
    assert any(c.value.startswith(says) for c in at.caption), [c.value for c in at.caption]

def test_the_overview_counts_undated_articles(monkeypatch, undated_store):
    at = run_app(monkeypatch, undated_store)
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Articles"] == "3"
    assert any("3 of these 3 articles are undated" in c.value for c in at.caption)
    assert any("3 articles undated" in c.value for c in at.sidebar.caption)


def test_the_timeline_of_an_undated_store_says_there_is_nothing_to_plot(monkeypatch, undated_store):
    at = run_app(monkeypatch, undated_store, page="views/timeline.py")
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to plot by date" in i.value and "3 are undated" in i.value for i in at.info)


@pytest.mark.model
def test_a_quote_of_an_undated_article_opens_it_in_the_reader(monkeypatch, undated_corpus_store):
    at = run_app(monkeypatch, undated_corpus_store, page="views/quotes.py")
    quotes = at.dataframe[0].value
    inject_selection(monkeypatch, "quotes_table", {"selection": {"rows": [1], "columns": [], "cells": []}},
                     element="dataframe")
    at.run()
    assert not at.exception and not at.error
    assert at.selectbox(key=state.ARTICLE).value == quotes.iloc[1]["article_id"]
    assert any(t.value.startswith("undated · Harbour Weekly") for t in at.text)
    assert set(quotes["date"]) == {"undated"}


@pytest.mark.model
def test_the_actor_profile_of_an_undated_corpus_says_its_mentions_are_undated(monkeypatch, undated_corpus_store):
    at = run_app(monkeypatch, undated_corpus_store, page="views/actors.py")
    assert not at.exception and not at.error
    assert any(c.value.startswith("No dated mentions") for c in at.caption)
    assert not any("No dated mentions match" in i.value for i in at.info)
    kind = next(m.value for m in at.metric if m.label == "Type")
    assert kind in charts.TYPE_LABELS.values() or kind == "—"  # "Person", not the stored "person"


# --- URL, sidebar, chips ------------------------------------------------------------------------

def test_url_query_params_produce_the_filter_and_chips(monkeypatch, empty_store):
    at = run_app(monkeypatch, empty_store, params={"actors": "Lena Marsh", "from": "2024-09-10",
                                                   "q": "harbour", "actor_types": ["person", "bogus"]})
    assert filter_of(at) == Filter(actors=("Lena Marsh",), actor_types=("person",),
                                   date_from=date(2024, 9, 10), text="harbour")
    assert chip_keys(at) == ["actors_Lena Marsh", "actor_types_person", "date_from_None", "text_None"]
    # the URL is rewritten from the Filter (the unknown type is dropped)
    assert at.query_params["actor_types"] in ("person", ["person"])
    # the widgets show the Filter
    assert at.sidebar.multiselect(key=state.SB_ACTORS).value == ["Lena Marsh"]
    assert at.sidebar.text_input(key=state.SB_TEXT).value == "harbour"


def test_a_chip_removes_its_filter_and_clear_all_resets(monkeypatch, empty_store):
    at = run_app(monkeypatch, empty_store, params={"actors": ["Lena Marsh", "Kofi Mensah"], "q": "port"})
    at.sidebar.button(key=f"{state.SIDEBAR_PREFIX}chip_actors_Lena Marsh").click().run()
    assert filter_of(at) == Filter(actors=("Kofi Mensah",), text="port")
    assert at.sidebar.multiselect(key=state.SB_ACTORS).value == ["Kofi Mensah"]
    assert "actors" in at.query_params and "Lena Marsh" not in str(at.query_params["actors"])
    at.sidebar.button(key=f"{state.SIDEBAR_PREFIX}clear").click().run()
    assert filter_of(at).is_empty
    assert not at.query_params
    assert at.sidebar.text_input(key=state.SB_TEXT).value == ""


def test_the_browsers_back_and_forward_buttons_bring_the_filter_of_that_url_back(monkeypatch, empty_store):
    """Streamlit pushes a history entry per new query string and reruns with the URL's query
    string on Back / Forward: the URL's Filter then wins over the session's."""
    at = run_app(monkeypatch, empty_store, params={"q": "port"})
    at.sidebar.multiselect(key=state.SB_ACTOR_TYPES).select("organization").run()
    assert filter_of(at) == Filter(actor_types=("organization",), text="port")
    at.query_params.clear()
    at.query_params.update({"q": "port"})  # Back: the browser's URL before the change
    at.run()
    assert filter_of(at) == Filter(text="port") and chip_keys(at) == ["text_None"]
    assert at.sidebar.multiselect(key=state.SB_ACTOR_TYPES).value == []
    at.query_params.update({"actor_types": "organization"})  # Forward again
    at.run()
    assert filter_of(at) == Filter(actor_types=("organization",), text="port")
    at.query_params.clear()  # a click in the page menu: Streamlit drops the query string
    at.switch_page("views/quotes.py").run()
    assert filter_of(at) == Filter(actor_types=("organization",), text="port")
    assert at.query_params["actor_types"] in ("organization", ["organization"])
    at.sidebar.text_input(key=state.SB_TEXT).input("harbour").run()  # a widget still writes the URL
    assert filter_of(at) == Filter(actor_types=("organization",), text="harbour")
    assert at.query_params["q"] in ("harbour", ["harbour"])


def test_sidebar_widgets_write_the_filter_and_the_url(monkeypatch, empty_store):
    at = run_app(monkeypatch, empty_store)
    at.sidebar.multiselect(key=state.SB_ACTOR_TYPES).select("organization").run()
    at.sidebar.text_input(key=state.SB_TEXT).input("grain board").run()
    assert filter_of(at) == Filter(actor_types=("organization",), text="grain board")
    assert at.query_params["q"] in ("grain board", ["grain board"])
    assert chip_keys(at) == ["actor_types_organization", "text_None"]


# --- the sample corpus --------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_renders_on_the_sample_corpus(monkeypatch, sample_store, page):
    at = run_app(monkeypatch, sample_store, page=page)
    assert not at.exception
    assert not at.error
    shown = len(at.get("plotly_chart")) + len(at.dataframe) + len(at.metric)
    assert shown, "every page shows charts, tables or counts on the sample corpus"
    if page != "views/data.py":
        assert not at.info, "no empty-state message on the sample corpus without a filter"


@pytest.mark.model
def test_sample_overview_counts_the_whole_corpus(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store)
    counts = {m.label: m.value for m in at.metric}
    assert counts["Articles"] == "41"
    sources = next(m for m in at.metric if m.label == "Sources")  # (the demo files name no source)
    assert sources.value == "—" and "names its source" in sources.help


@pytest.mark.model
def test_the_date_slider_sets_the_range_and_a_full_range_means_no_date_filter(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store)
    slider = at.sidebar.slider(key=state.SB_DATES)
    lo, hi = slider.value  # the whole store while nothing filters dates
    slider.set_range(lo, date(2024, 9, 30)).run()
    assert (filter_of(at).date_from, filter_of(at).date_to) == (None, date(2024, 9, 30))
    assert at.query_params["to"] in ("2024-09-30", ["2024-09-30"])
    at.sidebar.slider(key=state.SB_DATES).set_range(lo, hi).run()
    assert filter_of(at).is_empty


@pytest.mark.model
def test_a_clicked_actor_bar_filters_every_view_once(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/actors.py")
    actor = at.selectbox(key=state.PROFILE_ACTOR).options[0]
    event = {"selection": {"points": [{"curve_number": 0, "point_index": 0, "y": actor,
                                       "customdata": [actor]}],
                           "point_indices": [0], "box": [], "lasso": []}}
    inject_selection(monkeypatch, "actors_bars", event)
    at.run()
    assert filter_of(at).actors == (actor,)
    at.run()  # the same selection, still reported on the next run, is not applied twice
    assert filter_of(at).actors == (actor,)
    assert at.query_params["actors"] in (actor, [actor])
    at.switch_page("views/quotes.py").run()
    speakers = set(at.dataframe[0].value["speaker"]) if at.dataframe else set()
    assert speakers <= {actor}


@pytest.mark.model
def test_the_actor_network_is_drawn_when_its_tab_is_opened(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/actors.py")
    network_shown = lambda: any("actors_network" in c.proto.id for c in at.get("plotly_chart"))  # noqa: E731
    assert not network_shown()  # computed only while its tab is open
    at.session_state["actors_tab"] = "Co-occurrence network"
    at.run()
    assert not at.exception
    assert network_shown()


@pytest.mark.model
def test_the_actor_table_and_the_correction_box_are_made_when_opened(monkeypatch, sample_store):
    """A page opened by a link draws only what shows: the ranking's table tab and the "Correct
    this actor" box are made when the analyst opens them (each opening reruns the page)."""
    at = run_app(monkeypatch, sample_store, page="views/actors.py")
    keys = lambda: {d.key for d in at.dataframe} | {s.key for s in at.selectbox}  # noqa: E731
    assert not {"actors_table", "correct_merge_target"} & keys()
    at.session_state["actors_tab"] = "Table"
    at.session_state["correct_actor_box"] = True
    at.run()
    assert not at.exception
    assert {"actors_table", "correct_merge_target"} <= keys()


@pytest.mark.model
def test_the_profile_shows_one_part_at_a_time_and_its_place_rows_filter(monkeypatch, sample_store):
    """The actor profile's mentions over time, places and quotes are tabs, each made only while
    shown; a place picked in its tab filters every view to it (with the profile's actor)."""
    at = run_app(monkeypatch, sample_store, page="views/actors.py", params={"actors": "Kofi Mensah"})
    tables = lambda: [d.value for d in at.dataframe]  # noqa: E731 (the ranking's table tab is closed)
    assert not at.exception and tables() == []
    at.session_state["actors_profile_tab"] = "Quotes"
    at.run()
    [quotes] = tables()
    assert len(quotes) and set(quotes["speaker"]) == {"Kofi Mensah"}
    assert f"{len(quotes)} quotes by Kofi Mensah, newest first." in [c.value for c in at.caption]
    at.session_state["actors_profile_tab"] = "Places"
    at.run()
    [places] = tables()
    assert {"name", "n_articles"} <= set(places.columns)
    inject_selection(monkeypatch, "actors_profile_places", {"selection": {"rows": [0], "columns": [], "cells": []}},
                     element="dataframe")
    at.run()
    assert not at.exception
    assert filter_of(at) == Filter(actors=("Kofi Mensah",), places=(places.iloc[0]["name"],))


@pytest.mark.model
def test_a_box_drag_on_the_timeline_sets_the_date_range(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/timeline.py")
    event = {"selection": {"points": [], "point_indices": [], "lasso": [],
                           "box": [{"xref": "x", "yref": "y", "x": ["2024-09-10 00:00", "2024-09-20 00:00"],
                                    "y": [0, 5]}]}}
    inject_selection(monkeypatch, "timeline_chart", event)
    at.run()
    f = filter_of(at)
    assert f.date_from and f.date_to
    assert date(2024, 9, 9) <= f.date_from <= f.date_to <= date(2024, 9, 21)
    assert "date_from_None" in chip_keys(at)


@pytest.mark.model
def test_a_picked_table_row_filters_to_that_place(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/map.py")
    assert not at.exception and not at.dataframe  # (the tables' tabs are closed: not made)
    at.session_state["map_tab"] = "Places"
    at.run()
    first = at.dataframe[0].value.iloc[0]["name"]
    inject_selection(monkeypatch, "map_places", {"selection": {"rows": [0], "columns": [], "cells": []}},
                     element="dataframe")
    at.run()
    assert filter_of(at).places == (first,)


@pytest.mark.model
def test_a_picked_quote_opens_its_article_in_the_reader_under_the_same_filter(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/quotes.py", params={"actor_types": "person"})
    quote = at.dataframe[0].value.iloc[2]
    inject_selection(monkeypatch, "quotes_table", {"selection": {"rows": [2], "columns": [], "cells": []}},
                     element="dataframe")
    at.run()
    assert not at.exception
    assert at.session_state[state.ARTICLE] == quote["article_id"]
    assert at.selectbox(key=state.ARTICLE).value == quote["article_id"]
    at.run()  # the page switch kept the Filter in the URL: the next run does not take it for Back
    assert filter_of(at) == Filter(actor_types=("person",))
    assert at.query_params["actor_types"] in ("person", ["person"])


@pytest.mark.model
def test_a_filter_with_no_match_shows_what_to_do(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/quotes.py", params={"q": "zzzz-no-such-word"})
    assert not at.exception
    assert any("No quotes match" in i.value for i in at.info)


@pytest.mark.model
def test_the_data_page_ingests_a_folder_and_reports_unreadable_files(monkeypatch, empty_store, small_corpus, nlp):
    monkeypatch.setenv("DATELINE_INGEST_ROOTS", str(small_corpus.parent))  # tmp is outside the default roots
    at = run_app(monkeypatch, empty_store, page="views/data.py")
    at.text_input(key="data_folder").input(str(small_corpus)).run()
    at.button(key="data_ingest_folder").click().run()
    assert not at.exception
    at = ingest_ended(at)
    assert any("3 articles read: 3 added" in s.value for s in at.success)
    problems = next(d.value for d in at.dataframe if list(d.value.columns) == ["file", "problem"])
    assert list(problems["file"].map(lambda p: Path(p).name)) == ["broken.txt"]
    at.switch_page("views/articles.py").run()
    assert len(at.dataframe[0].value) == 3



@pytest.mark.model
def test_an_ingest_goes_on_while_the_analyst_visits_other_pages(monkeypatch, empty_store, small_corpus, nlp):
    import threading

    from dashboard.ingest_bar import IngestCount

    monkeypatch.setenv("DATELINE_INGEST_ROOTS", str(small_corpus.parent))
    release, stored = threading.Event(), threading.Event()
    counted = IngestCount.on_stored

    def held(count, n, read):  # (the ingest's thread waits here once its batch is stored)
        counted(count, n, read)
        stored.set()
        release.wait(60)

    monkeypatch.setattr(IngestCount, "on_stored", held)
    at = run_app(monkeypatch, empty_store, page="views/data.py")
    at.text_input(key="data_folder").input(str(small_corpus)).run()
    at.button(key="data_ingest_folder").click().run()
    assert stored.wait(60)
    at.run()
    assert not at.exception
    [bar] = [el.proto.text for el in at.get("progress")]
    assert bar.startswith("3 articles stored; 100% of ")
    assert at.button(key="data_ingest_folder").disabled  # (one ingest at a time into a store)
    at.switch_page("views/articles.py").run()  # the analyst leaves the Data page …
    assert not at.exception and len(at.dataframe[0].value) == 3  # … and sees what is stored so far
    assert any("An ingest is running (3 articles stored" in c.value for c in at.sidebar.caption)
    release.set()
    at.switch_page("views/data.py")
    at = ingest_ended(at)
    assert any("3 articles read: 3 added" in s.value for s in at.success)
    assert not at.get("progress")
    at.text_input(key="data_folder").input(str(small_corpus)).run()
    assert not at.button(key="data_ingest_folder").disabled


@pytest.mark.model
def test_ingests_into_two_stores_take_turns(monkeypatch, tmp_path, small_corpus, nlp):
    import threading

    from dashboard.ingest_bar import IngestCount

    monkeypatch.setenv("DATELINE_INGEST_ROOTS", str(small_corpus.parent))
    release, stored = threading.Event(), threading.Event()
    counted = IngestCount.on_stored

    def held(count, n, read):  # (the first ingest waits here once its batch is stored)
        counted(count, n, read)
        stored.set()
        release.wait(60)

    monkeypatch.setattr(IngestCount, "on_stored", held)
    first = run_app(monkeypatch, tmp_path / "a.duckdb", page="views/data.py")
    first.text_input(key="data_folder").input(str(small_corpus)).run()
    first.button(key="data_ingest_folder").click().run()
    assert stored.wait(60)
    monkeypatch.setattr(IngestCount, "on_stored", counted)
    second = run_app(monkeypatch, tmp_path / "b.duckdb", page="views/data.py")
    second.text_input(key="data_folder").input(str(small_corpus)).run()
    second.button(key="data_ingest_folder").click().run()
    assert [el.proto.text for el in second.get("progress")] == ["Waiting for the ingest into another store to end…"]
    release.set()
    for at in (ingest_ended(first), ingest_ended(second)):
        assert any("3 articles read: 3 added" in s.value for s in at.success)

# --- pieces -------------------------------------------------------------------------------------

def test_reader_escapes_article_text_and_marks_entities():
    text = "<script>alert(1)</script> Lena Marsh met the <b>board</b>."
    ents = pd.DataFrame({"start_char": [26, 0], "end_char": [36, 5], "text": ["Lena Marsh", "<scri"],
                         "label": ["PERSON", "ORG"], "actor": ["Lena Marsh", None],
                         "actor_type": ["person", None]})
    out = highlight.annotated_html(text, ents)
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;scri</mark>pt&gt;alert(1)&lt;/script&gt;" in out and "&lt;b&gt;board&lt;/b&gt;" in out
    assert '">Lena Marsh</mark>' in out
    assert out.count("<mark") == 2


def test_reader_skips_overlapping_and_out_of_range_mentions():
    ents = pd.DataFrame({"start_char": [0, 2, 8], "end_char": [5, 4, 99], "text": ["Paris", "ri", "x"],
                         "label": ["GPE"] * 3, "actor": [None] * 3, "actor_type": [None] * 3})
    out = highlight.annotated_html("Paris is", ents)
    assert out.count("<mark") == 1 and out.endswith(" is</div>")


@pytest.mark.parametrize("name, ext, expected", [
    ("actors", "png", "dateline-actors.png"),
    ("Lena Marsh-quotes", "xlsx", "dateline-lena-marsh-quotes.xlsx"),
    ("../../etc", "csv", "dateline-etc.csv"),
])
def test_download_file_names(name, ext, expected):
    assert downloads.file_name(name, ext) == expected


@pytest.mark.parametrize("name", ["Lena Marsh", "![x](http://example.com/a.png)", ":red[big] *bold* `code`",
                                  "a_b_c $x$ <b>"])
def test_names_from_articles_are_shown_literally_in_markdown(name):
    MarkdownIt = pytest.importorskip("markdown_it").MarkdownIt

    rendered = MarkdownIt().render(markdown.escape(name))
    assert "<img" not in rendered and "<em>" not in rendered and "<code>" not in rendered
    assert "<b>" not in rendered


@pytest.mark.model
def test_a_picked_article_row_opens_it_in_the_reader(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/articles.py")
    picked = at.dataframe[0].value.iloc[3]["article_id"]
    inject_selection(monkeypatch, "articles_table", {"selection": {"rows": [3], "columns": [], "cells": []}},
                     element="dataframe")
    at.run()
    assert not at.exception
    assert at.selectbox(key=state.ARTICLE).value == picked


@pytest.mark.model
def test_the_open_article_is_in_the_url_and_a_link_reopens_it_even_off_the_listed_page(monkeypatch, sample_store):
    from components import query
    from components.store import Store
    from dashboard import paging

    monkeypatch.setattr(paging, "PAGE_ROWS", 3)  # the article linked to is not on the first page
    def linked(at) -> str:  # the article the URL names (AppTest gives one value as a string)
        value = at.query_params[state.ARTICLE_PARAM]
        return value if isinstance(value, str) else value[0]

    listed = run_app(monkeypatch, sample_store, page="views/articles.py")
    assert linked(listed) == listed.selectbox(key=state.ARTICLE).value
    every = query.articles(Store(sample_store), Filter(), limit=50)
    far = str(every["article_id"].iloc[10])
    at = run_app(monkeypatch, sample_store, page="views/articles.py", params={state.ARTICLE_PARAM: far})
    assert not at.exception
    assert at.selectbox(key=state.ARTICLE).value == far and linked(at) == far
    assert far not in set(at.dataframe[0].value["article_id"])  # not listed, yet open
    other = str(at.dataframe[0].value["article_id"].iloc[1])
    at.selectbox(key=state.ARTICLE).set_value(other).run()
    assert at.selectbox(key=state.ARTICLE).value == linked(at) == other
    again = run_app(monkeypatch, sample_store, page="views/articles.py", params={state.ARTICLE_PARAM: far})
    again.session_state[state.FILTER] = Filter(countries=("PE",))  # a new filter: the reader follows the list
    again.run()
    assert again.selectbox(key=state.ARTICLE).value == str(again.dataframe[0].value["article_id"].iloc[0])
    gone = run_app(monkeypatch, sample_store, page="views/articles.py", params={state.ARTICLE_PARAM: "no-such-id"})
    assert not gone.exception and gone.selectbox(key=state.ARTICLE).value == str(gone.dataframe[0].value["article_id"].iloc[0])


@pytest.mark.model
@pytest.mark.parametrize("page, noun", [("views/quotes.py", "quotes"), ("views/articles.py", "articles")])
def test_a_long_table_comes_a_page_at_a_time_with_the_true_total(monkeypatch, sample_store, page, noun):
    from dashboard import paging

    monkeypatch.setattr(paging, "PAGE_ROWS", 3)
    at = run_app(monkeypatch, sample_store, page=page)
    caption = next(c.value for c in at.caption if f" {noun}" in c.value)
    total = int(caption.split(" of ")[1].split()[0].replace(",", ""))
    assert caption.startswith(f"rows 1–3 of {total:,} {noun}") and total > 6
    first_page = at.dataframe[0].value
    at.number_input(key=f"{noun}_page").set_value(2).run()
    assert any(c.value.startswith(f"rows 4–6 of {total:,} {noun}") for c in at.caption)
    assert len(at.dataframe[0].value) == 3 and not at.dataframe[0].value.equals(first_page)
    assert filter_of(at) == Filter()  # the page is view state, not a filter
    at.session_state[state.FILTER] = Filter(text="the")  # another filter starts again at page 1
    at.run()
    assert at.number_input(key=f"{noun}_page").value == 1


def test_a_paged_table_downloads_every_matching_row_on_click(monkeypatch):
    made = []
    from streamlit.delta_generator import DeltaGenerator

    monkeypatch.setattr(DeltaGenerator, "download_button", lambda self, label, data, **kw: made.append(data))
    downloads.table_buttons(pd.DataFrame({"a": [1]}), name="quotes", key="q",
                            every_row=lambda: pd.DataFrame({"a": range(1000)}), note="all 1,000")
    assert b"999" in made[0]() and len(made[0]().splitlines()) == 1001  # CSV: header + every row


def test_a_timeline_over_years_draws_one_bar_per_week_or_month(monkeypatch, tmp_path):
    from components.records import Article, Extraction
    from components.store import Store

    db = tmp_path / "years.duckdb"
    days = [date(2010, 1, 7), date(2010, 1, 9), date(2021, 6, 1), date(2024, 12, 30)]
    Store(db).write([Extraction(Article.from_text(f"Story {i} from the port.", date=d.isoformat()), "v1", [], [], [])
                     for i, d in enumerate(days)])
    at = run_app(monkeypatch, db, page="views/timeline.py")
    assert not at.exception
    assert any(c.value.startswith("One bar per month") for c in at.caption), [c.value for c in at.caption]
    assert at.dataframe[0].value["n_articles"].tolist() == [2, 1, 1]  # January 2010 holds two
    assert [h.value for h in at.subheader][0] == "Per month"


@pytest.mark.model
def test_the_actor_ranking_runs_once_per_filter_for_the_overview_and_the_actors_page(monkeypatch, sample_store):
    from components import query

    calls = []
    original = query.top_actors
    monkeypatch.setattr(query, "top_actors", lambda *a, **k: calls.append(k) or original(*a, **k))
    st.cache_data.clear()
    at = run_app(monkeypatch, sample_store)
    at.switch_page("views/actors.py").run()
    assert not at.exception and len(calls) == 1


PAGE_VIEWS_SCRIPT = """
import os, sys
from streamlit.testing.v1 import AppTest
from dashboard.routes import PAGES
at = AppTest.from_file(sys.argv[1], default_timeout=60)
at.run()
for file, _, _ in PAGES:
    at.switch_page(file).run()
    assert not at.exception, (file, at.exception)
print(sorted({m.split(".")[0] for m in sys.modules} & {"spacy", "thinc"}))
"""


def test_page_views_never_import_spacy(tmp_path):
    import subprocess
    import sys

    from components.records import Article, Extraction, Quote
    from components.store import Store

    db = tmp_path / "small.duckdb"
    article = Article.from_text('Ann Lee said: "We are ready." in Oslo.', date="2024-03-01")
    Store(db).write([Extraction(article, "v1", [], [], [Quote(start=14, end=29, content="We are ready.", kind="full", speaker="Ann Lee")])])
    env = {**os.environ, "DATELINE_DB": str(db), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PAGE_VIEWS_SCRIPT, APP], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_reader_underlines_quotes_with_their_speaker_and_escapes_them():
    text = 'Lena Marsh said "we <b>will</b> act" today.'
    q0 = text.index('"') + 1
    quotes = pd.DataFrame({"start_char": [q0], "end_char": [text.index('"', q0)], "speaker": ["Lena Marsh"],
                           "quote": ["we <b>will</b> act"], "kind": ["full"], "cue": ["said"]})
    ents = pd.DataFrame({"start_char": [0], "end_char": [10], "text": ["Lena Marsh"], "label": ["PERSON"],
                         "actor": ["Lena Marsh"], "actor_type": ["person"]})
    out = highlight.annotated_html(text, ents, quotes)
    assert "<b>" not in out
    assert (f'<span title="Quote · Lena Marsh" style="{highlight.QUOTE_STYLE}">we &lt;b&gt;will&lt;/b&gt; act</span>'
            in out)
    assert out.count("<span") == 1 and '">Lena Marsh</mark> said &quot;' in out  # outside the quote: plain
    inside = pd.DataFrame({"start_char": [q0], "end_char": [q0 + 2], "text": ["we"], "label": ["NORP"],
                           "actor": [None], "actor_type": [None]})
    out = highlight.annotated_html(text, inside, quotes)  # a mention inside a quote: marked and underlined
    assert f'{highlight.QUOTE_STYLE}">we</mark>' in out and "> &lt;b&gt;will&lt;/b&gt; act</span>" in out
    assert highlight.annotated_html(text, ents) == highlight.annotated_html(text, ents, quotes.iloc[:0])


# --- search -------------------------------------------------------------------------------------

@pytest.mark.model
def test_a_search_ranks_the_articles_shows_where_it_matches_and_marks_the_hits_in_the_reader(monkeypatch,
                                                                                         sample_store):
    at = run_app(monkeypatch, sample_store, page="views/articles.py", params={"q": 'harbour -"grain board"'})
    assert filter_of(at) == Filter(text='harbour -"grain board"')
    assert any("best match first" in c.value for c in at.caption)
    listed = at.dataframe[0].value
    assert len(listed) and all("⟦" in s and "grain board" not in s.lower() for s in listed["snippet"])
    reader = "".join(h.proto.body for h in at.get("html"))
    assert f'<b style="{search.HIT_STYLE}">' in reader and "Search hit" in reader


@pytest.mark.model
def test_a_search_that_cannot_be_read_says_how_to_write_one_instead_of_the_page(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/overview.py", params={"q": "-harbour"})
    assert any("cannot be read" in w.value and "phrase" in w.value for w in at.warning)
    assert not at.exception


@pytest.mark.model
def test_the_quotes_page_searches_with_the_filter_and_has_no_search_of_its_own(monkeypatch, sample_store):
    at = run_app(monkeypatch, sample_store, page="views/quotes.py", params={"q": "said OR will"})
    assert not list(at.main.text_input)  # (the search box is the sidebar's)
    quotes = at.dataframe[0].value["quote"]
    assert len(quotes) and all("⟦" in q for q in quotes)
    assert any("whose words match the search" in c.value for c in at.caption)


def test_hits_in_the_reader_stay_escaped_text():
    text = "<b>Port</b> fees"
    out = highlight.with_hits(text, 0, len(text), [(3, 7)])
    assert out == f'&lt;b&gt;<b style="{search.HIT_STYLE}">Port</b>&lt;/b&gt; fees'


@pytest.mark.model
def test_a_store_without_a_search_index_gets_it_built_on_the_first_search(monkeypatch, sample_store, tmp_path):
    import shutil

    db = tmp_path / "older.duckdb"
    shutil.copy(sample_store, db)  # (without its .search file: as a store from before search)
    at = run_app(monkeypatch, db, page="views/articles.py", params={"q": "port"})
    assert (tmp_path / "older.duckdb.search").exists() and not at.exception
    assert any("best match first" in c.value for c in at.caption)


def test_no_download_button_reruns_the_page():
    """A download (chart, table, briefing, corrections, saved work, network) is served without a
    rerun of the page (``on_click="ignore"``): a rerun would redo the page's queries for nothing
    and close a list the analyst opens right after."""
    import ast

    from tests.conftest import ROOT

    rerunning = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "download_button":
                ignored = any(k.arg == "on_click" and isinstance(k.value, ast.Constant) and k.value.value == "ignore"
                              for k in node.keywords)
                if not ignored:
                    rerunning.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not rerunning, "download buttons that rerun the page: " + ", ".join(rerunning)


def test_a_paged_table_counts_one_row_in_the_singular():
    from dashboard import paging

    assert paging.caption(1, 0, 1, "quotes") == "1 quote"
    assert paging.caption(5, 0, 5, "quotes") == "5 quotes"
    assert paging.caption(450, 200, 200, "articles") == "rows 201–400 of 450 articles"
    assert paging.download_note(1, "articles") == "Download the 1 matching article"
    assert paging.download_note(2, "articles") == "Download all 2 matching articles (every page)"
