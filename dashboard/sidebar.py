"""The sidebar shown on every page: the filter widgets, the active filters as removable chips,
and "Clear all".

The Filter is the truth and the widgets mirror it: before the widgets are created, their
session values are rewritten from the Filter whenever it changed elsewhere (a chart click, a
chip, the URL); a widget's change builds a new Filter in its callback.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from components.filters import ACTOR_TYPES, DATE_WINDOW_TEXT, Filter, value_label

from . import cached, markdown, notices, search, state

#: Widget key → Filter field, for the multiselects.
MULTISELECTS = {
    state.SB_ACTORS: ("actors", "Actors", "Any actor"),
    state.SB_ACTOR_TYPES: ("actor_types", "Actor types", "Any type"),
    state.SB_PLACES: ("places", "Places", "Any place"),
    state.SB_COUNTRIES: ("countries", "Countries", "Any country"),
    state.SB_SOURCES: ("sources", "Sources", "Any source"),
    state.SB_LANGUAGES: ("languages", "Languages", "Any language"),
    state.SB_TAGS: ("tags", "Tags", "Any tag"),
}


def _options(values: list[str], selected: tuple[str, ...]) -> list[str]:
    """The offered values plus any selected value they lack (a link may name a rare one)."""
    return list(values) + [v for v in selected if v not in values]


def _dates_note(span: dict, f: Filter) -> str:
    """What the date slider does not show: articles dated outside
    :data:`~components.filters.DATE_WINDOW` (still counted and listed: the slider's ends mean
    "no bound") and undated ones (left out by a date range); and those it shows dated after today,
    which stretch it and the timeline (a typo in a file, most likely); "" when there are none."""
    def articles(n: int) -> str:
        return f"{n:,} article{'' if n == 1 else 's'}"

    notes = []
    if span["outside"]:
        notes.append(f"{articles(span['outside'])} dated outside {DATE_WINDOW_TEXT} "
                     "(included while the slider spans its full range).")
    if span["future"]:
        notes.append(f"{articles(span['future'])} dated after today (the latest {span['last']}): a wrong date "
                     "in the file? The Articles page lists the newest first.")
    if span["undated"]:
        notes.append(f"{articles(span['undated'])} undated"
                     + (": the date range leaves them out." if f.date_from or f.date_to
                        else " (a date range leaves them out)."))
    return "  \n".join(notes)


def _widget_dates(f: Filter, lo: date, hi: date) -> tuple[date, date]:
    """The slider range showing ``f``'s dates within the store's ``lo``–``hi``."""
    start = min(max(f.date_from or lo, lo), hi)
    end = max(min(f.date_to or hi, hi), start)
    return start, end


def _sync_widgets(f: Filter, lo: date | None, hi: date | None) -> None:
    """Rewrite the widgets' session values from ``f`` (before they are created)."""
    dates = st.session_state.get(state.SB_DATES)
    if lo and hi and lo < hi and not (isinstance(dates, tuple) and len(dates) == 2
                                      and lo <= dates[0] <= dates[1] <= hi):
        # no range yet, or one from another store: a slider value out of range is an error
        st.session_state[state.SB_DATES] = _widget_dates(f, lo, hi)
    if st.session_state.get(state.WIDGETS_FILTER) == f:
        return
    for key, (field, _, _) in MULTISELECTS.items():
        st.session_state[key] = list(getattr(f, field))
    st.session_state[state.SB_TEXT] = f.text
    if lo and hi and lo < hi:
        st.session_state[state.SB_DATES] = _widget_dates(f, lo, hi)
    st.session_state[state.WIDGETS_FILTER] = f


@notices.guarded
def _from_widgets() -> None:
    """Widget callback: the Filter from the widgets' values."""
    f = state.get_filter()
    kw = {field: tuple(st.session_state.get(key) or ()) for key, (field, _, _) in MULTISELECTS.items()}
    kw["text"] = st.session_state.get(state.SB_TEXT) or ""
    date_from, date_to = f.date_from, f.date_to
    dates = st.session_state.get(state.SB_DATES)
    bounds = st.session_state.get(state.SB_BOUNDS)
    if dates and bounds:
        start, end = dates
        date_from = None if start <= bounds[0] else start
        date_to = None if end >= bounds[1] else end
    new = Filter(**kw, date_from=date_from, date_to=date_to)
    state.set_filter(new)
    st.session_state[state.WIDGETS_FILTER] = new


@notices.guarded
def _remove_chip(field: str, value: str | None) -> None:
    f = state.get_filter()
    f = f.with_dates(None, None) if field == "date_from" else f.without(field, value)
    state.set_filter(f)


@notices.guarded
def _clear_all() -> None:
    state.set_filter(Filter())


def render() -> None:
    """Draw the sidebar for the current Filter."""
    f = state.get_filter()
    choices = cached.run("choices")
    span = cached.run("date_span")  # the whole store: the slider's ends are the store's
    lo, hi = span["first"], span["last"]
    st.session_state[state.SB_BOUNDS] = (lo, hi) if lo and hi else None
    _sync_widgets(f, lo, hi)
    with st.sidebar:
        st.subheader("Filter")
        _chips(f)
        st.text_input("Search", key=state.SB_TEXT, on_change=_from_widgets,
                      placeholder='words, "a phrase", OR, -word, word*', help=search.SYNTAX_HELP)
        for key, (field, label, placeholder) in MULTISELECTS.items():
            offered = list(ACTOR_TYPES) if field == "actor_types" else choices.get(field, [])
            if field == "tags" and not offered and not f.tags:
                continue  # no tags in this store yet: nothing to pick
            if field == "countries":  # by the name shown, not by the code
                offered = sorted(offered, key=lambda code: value_label(field, code).casefold())
            st.multiselect(label, _options(offered, getattr(f, field)), key=key,
                           on_change=_from_widgets, placeholder=placeholder,
                           format_func=lambda value, field=field: value_label(field, value))
        if lo and hi and lo < hi:
            st.slider("Dates", min_value=lo, max_value=hi, key=state.SB_DATES,
                      on_change=_from_widgets, format="YYYY-MM-DD")
        elif lo:
            st.caption(f"Dates: every dated article is of {lo}.")
        note = _dates_note(span, f)
        if note:
            st.caption(note)


def _chips(f: Filter) -> None:
    chips = f.chips()
    if not chips:
        st.caption("No filter: showing the whole store.")
        return
    for field, value, label in chips:
        st.button(f"✕ {markdown.escape(label)}", key=f"{state.SIDEBAR_PREFIX}chip_{field}_{value}",
                  on_click=_remove_chip, args=(field, value), help="Remove this filter",
                  width="stretch")
    st.button("Clear all", key=f"{state.SIDEBAR_PREFIX}clear", on_click=_clear_all, type="primary",
              icon=":material/filter_alt_off:", width="stretch")
