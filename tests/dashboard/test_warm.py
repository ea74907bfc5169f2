"""The server's start-up work (``dashboard/warm.py``): after it, the first page a visitor opens on
the store the app starts on draws from what start-up fetched, without running a query."""
from __future__ import annotations

import streamlit as st

from components import query
from dashboard import warm
from tests.dashboard.test_app import run_app


def test_after_start_up_the_overview_opens_without_running_a_query(monkeypatch, sample_store):
    st.cache_data.clear()
    warm.prefetch_first_page(sample_store)
    ran: list[str] = []
    for name in query.__all__:
        func = getattr(query, name)
        if callable(func) and not isinstance(func, type):
            monkeypatch.setattr(query, name, lambda *a, _name=name, _func=func, **k: ran.append(_name) or _func(*a, **k))

    at = run_app(monkeypatch, sample_store)

    assert not at.exception
    assert [m.label for m in at.metric][:1] == ["Articles"] and at.get("plotly_chart")
    assert ran == []


def test_start_up_leaves_a_store_that_does_not_exist_alone(tmp_path):
    path = tmp_path / "not-yet.duckdb"
    warm.prefetch_first_page(path)
    assert not path.exists()


def test_start_up_reads_the_tables_the_first_page_reads(monkeypatch):
    """The map's outlines (and their text the server sends) and the names the sidebar shows for
    country and language codes are read before the server answers, not by the first page."""
    import pycountry

    from components.charts import outlines
    from components.lexicon import countries, languages

    outlines.country_outlines.cache_clear()
    outlines.outlines_geojson.cache_clear()
    countries._tables.cache_clear()
    languages.language_name.cache_clear()
    monkeypatch.setattr(pycountry.languages, "_is_loaded", False)
    warm.load_modules()
    assert outlines.country_outlines.cache_info().currsize == 1
    assert outlines.outlines_geojson.cache_info().currsize == 1
    assert countries._tables.cache_info().currsize == 1
    assert pycountry.languages._is_loaded
