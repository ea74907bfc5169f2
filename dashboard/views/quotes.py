"""Quotes: who said what, when, where it was published; full-text search; sortable."""
from __future__ import annotations

import streamlit as st

from components.query import EXPORT_ROWS
from dashboard import cached, linked_charts, markdown, notices, paging, state
from dashboard.routes import ARTICLES_PAGE

KEY = "quotes"

f = state.get_filter()
st.title("Quotes")
if notices.store_is_empty():
    st.stop()

search = st.text_input("Search the quotes", key=f"{KEY}_search", placeholder="words in the quote",
                       help="Only quotes containing this text (case-insensitive), within the sidebar filter")
first = paging.offset(KEY, cached.filter_key(f) + "\n" + search.strip())
frame = cached.run("quotes", f, search=search.strip(), limit=paging.PAGE_ROWS, offset=first)
paging.back_to_first_if_past_end(KEY, frame, first)
if frame.empty:
    notices.no_match("quotes")
    st.stop()

total = int(frame.attrs.get("total", len(frame)))
who = f" by {markdown.escape(', '.join(f.actors))}" if f.actors else ""
st.caption(f"{paging.caption(total, first, len(frame), 'quotes')}{who}, newest first. Click a column header "
           "to sort this page; pick a row to read its article.")

def _read(row) -> None:
    """Open the quote's article in the reader."""
    st.session_state[state.ARTICLE] = str(row["article_id"])
    state.switch_page(ARTICLES_PAGE)


linked_charts.table(frame, key=f"{KEY}_table", file="quotes", height=600, on_row=_read, overrides={
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "kind": st.column_config.TextColumn("Kind", help="full: a whole quoted sentence; partial: a fragment"),
    "title": st.column_config.TextColumn("Article"),
}, every_row=cached.deferred("quotes", f, search=search.strip(), limit=EXPORT_ROWS),
   download_note=paging.download_note(total, "quotes"))
paging.picker(KEY, total)
