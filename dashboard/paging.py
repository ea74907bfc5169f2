"""Pages of a long table (Quotes, Articles): which page is shown, the "rows 1–200 of 124,580"
caption and the page picker.

The page number is view state, not a filter: it lives in the session under ``<key>_page``, goes
back to page 1 whenever what the table lists changes (the Filter, a search), and never enters the
Filter or the URL.
"""
from __future__ import annotations

import streamlit as st

from components import query
from components.query import EXPORT_ROWS

#: Rows per page (the views pass it to the query; a test may lower it).
PAGE_ROWS = query.PAGE_ROWS


def offset(key: str, scope: str) -> int:
    """The first row of the page to show in the table ``key``: ``(page - 1) × PAGE_ROWS``.

    key: the table's key prefix (``"quotes"``).
    scope: what the table lists as a plain string (the Filter's and the search's text): when it
        differs from the last run's, the table starts again at page 1."""
    scope_key, page_key = f"{key}_page_scope", f"{key}_page"
    if st.session_state.get(scope_key) != scope:
        st.session_state[scope_key] = scope
        st.session_state[page_key] = 1
    return (int(st.session_state.get(page_key) or 1) - 1) * PAGE_ROWS


def back_to_first_if_past_end(key: str, frame, first: int) -> None:
    """Rerun the table ``key`` on page 1 when its page starting at ``first`` came back empty
    (``frame``) though it is not the first: the store changed under a later page."""
    if frame.empty and first:
        st.session_state[f"{key}_page"] = 1
        st.rerun()


def _of(total: int, noun: str) -> str:
    """``noun`` (a plural in "s": "quotes") as ``total`` of them read: "1 quote", "5 quotes"."""
    return noun[:-1] if total == 1 and noun.endswith("s") else noun


def caption(total: int, first: int, shown: int, noun: str) -> str:
    """``"rows 201–400 of 124,580 quotes"`` (``first``: offset of the first row shown; ``shown``:
    rows on the page), or ``"5 quotes"`` (``"1 quote"``) when one page holds them all; ``noun``:
    the plural."""
    if first == 0 and shown >= total:
        return f"{total:,} {_of(total, noun)}"
    return f"rows {first + 1:,}–{first + shown:,} of {total:,} {noun}"


def date_order(span: dict, noun: str = "articles") -> str:
    """How a list of the articles, or of their quotes (``noun``), that ``span``
    (:func:`components.query.date_span` of its Filter) describes is ordered, for its caption:
    "newest first", saying where the undated go, or "none of them dated"."""
    undated = int(span["undated"])
    if undated and not span["dated"] and not span["outside"]:
        return "none of them dated"
    if not undated:
        return "newest first"
    return (f"newest first ({undated:,} undated, listed last)" if noun == "articles" else
            f"newest first (those of {undated:,} undated {_of(undated, 'articles')} listed last)")


def download_note(total: int, noun: str) -> str:
    """The help line of a paged table's downloads: what the file holds (``noun``: the plural)."""
    if total <= EXPORT_ROWS:
        return f"Download all {total:,} matching {noun} (every page)" if total != 1 else \
            f"Download the 1 matching {_of(total, noun)}"
    return (f"Download the first {EXPORT_ROWS:,} of the {total:,} matching {noun}, in the table's order "
            "(narrow the filter for the rest)")


def picker(key: str, total: int) -> None:
    """The page number input under the table ``key`` (nothing when one page holds every row);
    changing it reruns the page on that page."""
    pages = max(1, -(-int(total) // PAGE_ROWS))
    if pages <= 1:
        return
    page_key = f"{key}_page"
    if int(st.session_state.get(page_key) or 1) > pages:
        st.session_state[page_key] = pages
    st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=page_key,
                    width=200, help=f"{PAGE_ROWS} rows per page; the downloads hold every matching row")
