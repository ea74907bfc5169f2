"""Quotes: who said what, when, where it was published; under the sidebar's search, the quotes
whose own words match, best match first, hits marked; sortable."""
from __future__ import annotations

import streamlit as st

from components.query import EXPORT_ROWS
from dashboard import cached, linked_charts, markdown, notices, paging, search, state
from dashboard.routes import ARTICLES_PAGE

KEY = "quotes"

f = state.get_filter()
st.title("Quotes")
if notices.store_is_empty():
    st.stop()

first = paging.offset(KEY, cached.filter_key(f))
frame = cached.run("quotes", f, marks=True, limit=paging.PAGE_ROWS, offset=first)
paging.back_to_first_if_past_end(KEY, frame, first)
if frame.empty:
    notices.no_match("quotes")
    st.stop()
total = int(frame.attrs.get("total", len(frame)))
if f.text:
    frame = frame.assign(quote=frame["quote"].map(search.in_cell))
who = f" by {markdown.escape(', '.join(f.actors))}" if f.actors else ""
order = (f"whose words match the search, best match first, hits marked {'…'.join(search.CELL_MARKS)}" if f.text
         else paging.date_order(cached.run("date_span", f), "quotes"))
st.caption(f"{paging.caption(total, first, len(frame), 'quotes')}{who}, {order}. Click a column header "
           "to sort this page; pick a row to read its article. Search them in the sidebar.")

def _read(row) -> None:
    """Open the quote's article in the reader."""
    st.session_state[state.ARTICLE] = str(row["article_id"])
    state.switch_page(ARTICLES_PAGE)


linked_charts.table(frame, key=f"{KEY}_table", file="quotes", height=600, on_row=_read, overrides={
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "kind": st.column_config.TextColumn("Kind", help="full: a whole quoted sentence; partial: a fragment"),
    "title": st.column_config.TextColumn("Article"),
}, every_row=cached.deferred("quotes", f, limit=EXPORT_ROWS),
   download_note=paging.download_note(total, "quotes"))
paging.picker(KEY, total)
