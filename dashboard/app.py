"""Dateline's dashboard: ``streamlit run dashboard/app.py``.

Streamlit finds the ``st.App`` below and serves the page router ``dashboard/main.py`` with it.
Beside the pages it serves the country outlines the maps draw (:mod:`dashboard.map_outlines`).
Its start-up hook loads, once per server and before the server answers, what the first page of
every session would otherwise wait for (:func:`dashboard.warm.lifespan`): the data and chart
libraries, the app's modules, the country outlines, and the default store's sidebar and Overview
queries. Settings come from ``dashboard/.streamlit/config.toml``, as for any script run this way.
"""
from __future__ import annotations

import streamlit as st

from dashboard import map_outlines
from dashboard.warm import lifespan

app = st.App("main.py", lifespan=lifespan, routes=[map_outlines.route()])
