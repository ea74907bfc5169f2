"""Friendly empty states and errors: what the analyst sees instead of an empty chart or a
traceback, and what to do."""
from __future__ import annotations

import functools
import logging
from contextlib import contextmanager
from typing import Callable, Iterator

import streamlit as st

from components.store import StoreError, StoreOutdated

from . import cached, state
from .routes import DATA_PAGE

log = logging.getLogger(__name__)


def store_is_empty() -> bool:
    """True (and an info box saying what to do is shown) when the current store has no articles."""
    if cached.summary().get("articles", 0):
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
def store_errors(where=st, *, part: str = "this page") -> Iterator[None]:
    """Run a part of the app so that no exception reaches the user as a traceback (which would
    show server paths and code). A store that cannot be read (not a DuckDB file, locked too
    long, newer schema…) is shown as an error box in ``where`` (``st`` or ``st.sidebar``) saying
    what to do; any other exception as a short message there, its traceback going to the
    server log (Python logging, logger ``dashboard.notices``). Streamlit's own control flow
    (``st.rerun``, ``st.stop``, ``st.switch_page``) passes through.

    part: what the block draws, for the message ("this page", "the filter sidebar").

    A store written by an older Dateline is not an error but a step to take: the page offers to
    upgrade it (:func:`offer_upgrade`), the sidebar only says so."""
    try:
        yield
    except StoreOutdated as err:
        if where is st:
            offer_upgrade(err, key=f"upgrade {part}")
        else:
            where.warning("This store needs a one-off upgrade (see the page).", icon=":material/upgrade:")
    except StoreError as err:
        where.error(f"{err}\n\nSwitch to another store on the Data page.", icon=":material/error:")
    except Exception as err:  # noqa: BLE001 - the last line of defence: log it, say it briefly
        log.exception("Drawing %s failed (store %s)", part, state.db_path())
        where.error(f"Something went wrong while drawing {part} ({type(err).__name__}). Remove a filter "
                    "or reload the page; the details are in the server log.", icon=":material/error:")


def offer_upgrade(err: StoreOutdated, *, key: str) -> None:
    """Say why the current store cannot be read as it is (``err``: written by an older Dateline)
    and offer a button that upgrades it (:meth:`Store.migrate
    <components.store.Store.migrate>`, one transaction), then draws the page again."""
    st.warning(f"{err}.", icon=":material/upgrade:")
    if st.button("Upgrade this store now", key=key, type="primary", icon=":material/upgrade:"):
        with st.spinner(f"Upgrading `{state.db_path().name}` (about 20 s per million articles) …"):
            before, after = cached.current_store().migrate() or (None, None)
        st.toast(f"Store upgraded (schema {before} → {after}).", icon=":material/check:")
        st.rerun()


def guarded(callback: Callable[..., None]) -> Callable[..., None]:
    """``callback`` (a widget's ``on_change``/``on_click``, which Streamlit runs before the
    page, outside :func:`store_errors`) made safe: an exception is logged with its traceback
    and shown as a short toast, never as a traceback."""
    @functools.wraps(callback)
    def run(*args, **kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except Exception as err:  # noqa: BLE001 - as store_errors, for callbacks
            log.exception("The widget callback %s failed (store %s)", callback.__name__, state.db_path())
            st.toast(f"That did not work ({type(err).__name__}): try again or reload the page. The details "
                     "are in the server log.", icon=":material/error:")

    return run
