"""Every session-state key the app uses, with its default, and the one current :class:`Filter`.

The Filter lives in ``st.session_state[FILTER]``. It is read from the URL query string on a
session's first run and written back to ``st.query_params`` on every run, so a link copied from
the address bar reopens the same view (the page is part of the URL path, via ``st.navigation``).
Each new Filter is a new entry in the browser's history (Streamlit pushes one per change of the
query string); when a run finds the URL naming another Filter than the one last written, the
analyst went Back or Forward, and the URL's Filter becomes the current one, except for a URL with
no query string on another page: a click in the page menu (Streamlit drops the query string
there), which keeps the Filter.
Sidebar widgets, chart selections and table rows change it only through :func:`set_filter`.
"""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

from components import settings
from components.filters import Filter

# --- keys --------------------------------------------------------------------------------------
#: The current Filter.
FILTER = "filter"
#: The Filter the sidebar widgets were last set from (they are rewritten when it differs).
WIDGETS_FILTER = "sidebar_synced_filter"
#: The store the app shows (a path string); starts at the ``db`` setting, the Data page switches it.
DB_PATH = "db_path"
#: Set once the session's Filter has been read from the URL.
URL_READ = "url_read"
#: The Filter last written into the URL (by :func:`mirror_to_url`).
URL_FILTER = "url_filter"
#: The URL path of the page the last run showed.
LAST_PAGE = "last_page"
#: Prefix of the keys remembering the last chart selection handled, per chart widget key.
LAST_EVENT_PREFIX = "last_event::"
#: The article picked in the Articles page's reader.
ARTICLE = "article_id"
#: The URL query parameter naming the article open in the reader (``?article=<id>``).
ARTICLE_PARAM = "article"
#: ``(article id, Filter)`` of a link that opened an article: the reader keeps it open, even off
#: the listed page, while the Filter is the link's.
LINKED_ARTICLE = "linked_article"
#: The actor whose profile the Actors page shows.
PROFILE_ACTOR = "profile_actor"
#: The last ingest report shown on the Data page (summary line, problems as (origin, reason)).
LAST_INGEST = "last_ingest"
#: What the last correction made in the app said, shown once where it was made: (where: "actor",
#: "reader", "map" or "data"; kind: "done", "undone" or "error"; the message; the correction's
#: number for its Undo button, or None), or None.
CORRECTION_NOTE = "correction_note"

#: Sidebar widget keys (one per Filter field) and the chip/clear buttons' key prefix.
SIDEBAR_PREFIX = "sb_"
SB_ACTORS = SIDEBAR_PREFIX + "actors"
SB_ACTOR_TYPES = SIDEBAR_PREFIX + "actor_types"
SB_PLACES = SIDEBAR_PREFIX + "places"
SB_COUNTRIES = SIDEBAR_PREFIX + "countries"
SB_SOURCES = SIDEBAR_PREFIX + "sources"
SB_LANGUAGES = SIDEBAR_PREFIX + "languages"
SB_TAGS = SIDEBAR_PREFIX + "tags"
SB_DATES = SIDEBAR_PREFIX + "dates"
SB_TEXT = SIDEBAR_PREFIX + "text"
#: The store's (first, last) article date the date slider spans, or None.
SB_BOUNDS = SIDEBAR_PREFIX + "bounds"

DEFAULTS: dict[str, object] = {
    FILTER: Filter(),
    WIDGETS_FILTER: None,
    URL_READ: False,
    ARTICLE: None,
    PROFILE_ACTOR: None,
    LAST_INGEST: None,
    CORRECTION_NOTE: None,
}


def init(page: str | None = None) -> None:
    """Put every default into the session (once), the store path from the ``db`` setting, and
    the Filter from the URL query string on the session's first run, or later when the browser's
    Back or Forward button brought another one (see the module's docstring); ``page`` is the URL
    path of the page this run shows."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    st.session_state.setdefault(DB_PATH, str(settings.get("db")))
    params = _url_params()
    from_url = Filter.from_query_params(params)
    menu_click = not params and page != st.session_state.get(LAST_PAGE, page)
    if st.session_state[URL_READ] and from_url != st.session_state.get(URL_FILTER, from_url) and not menu_click:
        st.session_state[FILTER] = from_url  # the browser's Back or Forward button
    st.session_state[LAST_PAGE] = page
    if not st.session_state[URL_READ]:
        st.session_state[FILTER] = from_url
        if st.query_params.get(ARTICLE_PARAM):  # a link to an open article (the Articles page reads it)
            st.session_state[ARTICLE] = st.query_params.get(ARTICLE_PARAM)
            st.session_state[LINKED_ARTICLE] = (st.session_state[ARTICLE], st.session_state[FILTER])
        st.session_state[URL_READ] = True
    mirror_to_url()


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def get_filter() -> Filter:
    """The current Filter."""
    return st.session_state.get(FILTER, Filter())


def set_filter(f: Filter, *, rerun: bool = False) -> bool:
    """Make ``f`` the current Filter and mirror it into the URL.

    rerun: when the Filter changed, rerun the script at once (call outside widget callbacks,
        e.g. after a chart selection, so every view redraws with the new Filter).
    Returns True if the Filter changed."""
    changed = f != get_filter()
    st.session_state[FILTER] = f
    mirror_to_url()
    if changed and rerun:
        st.rerun()
    return changed


def mirror_to_url(*, article: str | None = None) -> None:
    """Write the current Filter into ``st.query_params`` (only when it differs, so the browser
    history does not fill with identical entries), and ``article`` (the article open in the
    reader, :data:`ARTICLE_PARAM`) when given: a copied link reopens the same view."""
    wanted = get_filter().to_query_params() | ({ARTICLE_PARAM: [article]} if article else {})
    if _url_params() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[URL_FILTER] = get_filter()


def switch_page(page: str) -> NoReturn:
    """Go to ``page`` (a page script, as ``st.switch_page`` takes it) keeping the current Filter in
    the URL: ``st.switch_page`` alone clears the query string, which the next run would read as
    the browser's Back button going to an unfiltered view."""
    st.switch_page(page, query_params=get_filter().to_query_params())


def db_path() -> Path:
    """The store file the app shows."""
    return Path(st.session_state.get(DB_PATH) or settings.get("db")).expanduser().resolve()


def set_db_path(path: str | Path) -> None:
    """Switch the app to another store file (the Filter is cleared: its values belong to the
    old store)."""
    st.session_state[DB_PATH] = str(Path(path).expanduser().resolve())
    st.session_state[ARTICLE] = None
    st.session_state[PROFILE_ACTOR] = None
    set_filter(Filter())
