"""The search in the app (``Filter.text``, see :mod:`components.query.search_syntax`): a search
that cannot be read shows its one-line hint instead of the page, and a store whose search index
is missing (a store from before search) or behind gets it built, with a progress bar, before the
first search runs."""
from __future__ import annotations

import streamlit as st

from components.filters import Filter
from components.query import SearchSyntaxError, parse_search
from components.store import HIT_CLOSE, HIT_OPEN

from . import cached

#: How a hit is marked in the text of a table cell (which shows no styling).
CELL_MARKS = ("⟦", "⟧")
#: How a hit is marked in the reader: bold, with an outline in the Okabe–Ito orange.
HIT_STYLE = "font-weight:700;outline:2px solid #E69F00;outline-offset:1px;border-radius:2px"
SYNTAX_HELP = ('Words (all must occur), "a phrase", OR between alternatives, NOT word or -word to '
               "exclude, word* for a prefix. Case and accents are ignored. Searches titles, texts and quotes.")


def ready(f: Filter) -> bool:
    """Whether the pages can run ``f``'s search: False (and its hint shown) for a search that
    cannot be read; the search index is built or caught up first (with a progress bar) when the
    store has articles it lacks."""
    if not f.text:
        return True
    try:
        parse_search(f.text)
    except SearchSyntaxError as e:
        st.warning(f"The search cannot be read: {e} Change it in the sidebar.", icon=":material/search_off:")
        return False
    store = cached.current_store()
    if store.search_index_behind():
        bar = st.progress(0.0, text="Building the search index of this store (once) …")

        def step(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0,
                         text=f"Building the search index of this store (once): {done:,} of {total:,} articles")

        store.build_search_index(progress=step)
        bar.empty()
    return True


def in_cell(text: str | None) -> str:
    """``text`` with its hits (marked by the query) between :data:`CELL_MARKS`, for a table cell."""
    if not isinstance(text, str):
        return ""
    return text.replace(HIT_OPEN, CELL_MARKS[0]).replace(HIT_CLOSE, CELL_MARKS[1])
