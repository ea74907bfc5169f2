"""The script Streamlit runs for every session of the dashboard (``streamlit run dashboard/app.py``
serves it, see :mod:`dashboard.app`).

It only routes: page config, the session state (Filter from the URL), the first-start
sample store, the sidebar, the search's readiness (:mod:`dashboard.search`), and ``st.navigation`` over the pages in ``dashboard/views/``.
The run's reads keep the store file attached between statements (:func:`components.store.holding`).
"""
from __future__ import annotations

import streamlit as st

from components.store import holding
from dashboard import bootstrap, ingest_panel, notices, search, sidebar, state, workbench
from dashboard.routes import PAGES


def main() -> None:
    """Run one page of the app."""
    st.set_page_config(page_title="Dateline", layout="wide")
    page = st.navigation([st.Page(file, title=title, url_path=url, default=i == 0)
                          for i, (file, title, url) in enumerate(PAGES)])
    state.init(page.url_path)
    with notices.store_errors(part="the sample store"):
        bootstrap.ensure_sample(state.db_path())
    # a failing sidebar never takes the page (nor the Data page's store switcher) down
    with notices.store_errors(st.sidebar, part="the filter sidebar"):
        sidebar.render()
    with notices.store_errors(st.sidebar, part="the saved views"):
        workbench.sidebar(page.url_path)
    with st.sidebar:
        st.caption(f"Store: `{state.db_path().name}` (switch it on the Data page)")
        ingest_panel.sidebar_note()
    with notices.store_errors(part=f"the {page.title} page"):
        if search.ready(state.get_filter()):
            page.run()


with holding():
    main()
