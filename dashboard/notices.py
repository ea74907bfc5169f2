"""Friendly empty states: what the analyst sees instead of an empty chart, and what to do."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from components.store import StoreError

from . import queries, state
from .routes import DATA_PAGE


def store_is_empty() -> bool:
    """True (and an info box saying what to do is shown) when the current store has no articles."""
    if queries.summary().get("articles", 0):
        return False
    st.info(f"The store `{state.db_path()}` holds no articles yet. Ingest files, zips or a folder "
            "on the **Data** page, or switch to another store there.", icon=":material/inbox:")
    st.page_link(DATA_PAGE, label="Go to the Data page", icon=":material/upload:")
    return True


def no_match(what: str = "articles") -> None:
    """An info box for a view with nothing under the current Filter."""
    hint = ("remove a filter in the sidebar (or **Clear all**)" if not state.get_filter().is_empty
            else "ingest data on the Data page")
    st.info(f"No {what} match — {hint}.", icon=":material/filter_alt_off:")


@contextmanager
def store_errors(where=st) -> Iterator[None]:
    """Show a store that cannot be read (not a DuckDB file, locked too long, newer schema…)
    as an error box in ``where`` (``st`` or ``st.sidebar``) saying what to do, not a traceback."""
    try:
        yield
    except StoreError as err:
        where.error(f"{err}\n\nSwitch to another store on the Data page.", icon=":material/error:")
