"""Charts and tables linked to the Filter: their selections filter every view.

:func:`chart` draws a plotly figure with ``on_select="rerun"`` and hands a *new* selection to
:func:`components.selection.apply_selection`; :func:`table` does the same for a table's row.
When the Filter changes the script reruns, so every view redraws under the new Filter. A
selection is handled once: the last one seen per widget key is remembered, so the rerun (which
still carries the same selection) does not toggle the value back.
"""
from __future__ import annotations

import json
from typing import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.query import day_text
from components.selection import apply_row_selection, apply_selection

from . import downloads, state

#: Plotly config for every chart: no plotly logo link, no "edit in chart studio", PNG from the
#: mode bar at double resolution.
PLOTLY_CONFIG = {"displaylogo": False, "showLink": False,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}
#: Readable headers for the query frames' columns (downloads keep the column names).
COLUMN_LABELS = {
    "actor": "Actor", "actor_type": "Type", "n_mentions": "Mentions", "n_articles": "Articles",
    "n_quotes": "Quotes", "n_words": "Words", "n_actors": "Actors", "n_places": "Places",
    "name": "Place", "country_code": "Code", "country": "Country", "feature": "Kind of place", "lat": "Latitude",
    "lon": "Longitude", "source": "Source", "language": "Language", "target": "Target", "speaker": "Speaker",
    "quote": "Quote",
    "kind": "Kind", "cue": "Cue", "title": "Title", "dateline": "Dateline", "origin": "File",
    "reason": "Problem", "started_at": "Started", "seconds": "Took (s)", "inputs": "Inputs",
    "added": "Added", "reextracted": "Re-extracted", "unchanged": "Unchanged", "duplicates": "Duplicates",
    "problems": "Problems", "start_char": "Start", "end_char": "End", "text": "Text",
    "label": "Label",
}
DATE_COLUMNS = ("date", "day")


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as a table shows it: its date columns as ``YYYY-MM-DD`` text, a missing date as
    "undated" (see :func:`components.query.day_text`), which sorts after every date. Downloads
    keep ``frame`` itself (a missing date exported empty)."""
    dates = [c for c in frame.columns if c in DATE_COLUMNS]
    if not dates:
        return frame
    out = frame.copy()
    for col in dates:
        out[col] = frame[col].map(day_text).astype(object)
    return out


def column_config(frame: pd.DataFrame, overrides: dict | None = None) -> dict:
    """Streamlit column settings for ``frame``: readable headers, dates (text, as
    :func:`shown` makes them) with a help line, ids hidden; ``overrides`` win."""
    config: dict = {}
    for col in frame.columns:
        if col in DATE_COLUMNS:
            config[col] = st.column_config.TextColumn(col.capitalize(), help="YYYY-MM-DD; \"undated\" when unknown")
        elif col in ("article_id", "geonameid", "run_id"):
            config[col] = None
        elif col in COLUMN_LABELS:
            config[col] = COLUMN_LABELS[col]
    config.update(overrides or {})
    return config


def _plain(value):
    """``value`` (Streamlit's read-only attribute dictionaries, lists…) as plain dicts/lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _is_empty(event: Mapping) -> bool:
    sel = event.get("selection") or {}
    return not any(sel.get(part) for part in ("points", "box", "lasso", "rows", "columns", "cells"))


def is_new(key: str, event: Mapping | None) -> bool:
    """Whether ``event`` (a widget's selection state, as a mapping) is a selection not handled
    yet for the widget ``key``; remembers it. An empty selection is remembered too, so the same
    point picked again later counts as new."""
    if event is None:
        return False
    plain = _plain(event)
    marker = json.dumps(plain, sort_keys=True, default=str)
    last_key = state.LAST_EVENT_PREFIX + key
    if st.session_state.get(last_key) == marker:
        return False
    st.session_state[last_key] = marker
    return not _is_empty(plain)


def handle_chart_event(name: str, key: str, event: Mapping | None) -> None:
    """Apply a new selection ``event`` on the chart ``name`` (see ``apply_selection``) to the
    Filter, rerunning the script if the Filter changed."""
    if is_new(key, event):
        state.set_filter(apply_selection(state.get_filter(), name, _plain(event)), rerun=True)


def chart(fig: go.Figure, *, name: str, key: str, file: str | None = None,
          selection_mode: tuple[str, ...] = ("points",), height: int | None = None,
          downloads_row: bool = True) -> None:
    """Draw ``fig`` with its selections wired to the Filter, and its download buttons.

    name: the chart name ``apply_selection`` knows (``"actors"``, ``"network"``, ``"map"``,
        ``"timeline"``, ``"places"``), or "" for a chart whose clicks do nothing.
    key: the widget key, unique on the page (``<page>_<chart>``).
    file: the download file name part (default: ``name``).
    selection_mode: plotly selection modes offered (``"points"``, ``"box"``).
    height: figure height in pixels (default: the figure's own)."""
    if height:
        fig.update_layout(height=height)
    if name:
        event = st.plotly_chart(fig, key=key, on_select="rerun", selection_mode=selection_mode,
                                config=PLOTLY_CONFIG)
        handle_chart_event(name, key, event)
    else:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG)
    if downloads_row:
        downloads.figure_buttons(fig, name=file or name or key, key=key)


def table(frame: pd.DataFrame, *, key: str, file: str, filter_field: str | None = None,
          value_column: str | None = None, on_row: Callable[[pd.Series], None] | None = None,
          overrides: dict | None = None, height: int | str = "auto",
          every_row: Callable[[], pd.DataFrame] | None = None, download_note: str | None = None) -> None:
    """Show ``frame`` as a sortable table with CSV/XLSX/JSON downloads of exactly this frame
    (dates as :func:`shown` makes them, other missing values as "—").

    filter_field / value_column: when given, picking a row toggles the row's ``value_column``
        value in the Filter's field ``filter_field`` (e.g. ``"places"`` / ``"name"``; see
        ``components.selection.apply_row_selection``).
    on_row: else, when given, called with the picked row (e.g. to open its article).
    overrides: Streamlit column settings on top of :func:`column_config`'s.
    key: the widget key, unique on the page.
    file: the download file name part.
    height: pixels, or "auto"; a table with few rows is never padded to ``height``.
    every_row / download_note: for a table shown a page at a time, the downloads export what
        ``every_row()`` returns on click (see :func:`dashboard.downloads.table_buttons`)."""
    if isinstance(height, int) and (len(frame) + 1) * 35 + 3 < height:
        height = "auto"
    config = column_config(frame, overrides)
    table_frame = shown(frame)  # same rows in the same order: a picked row indexes ``frame``
    if (filter_field and value_column) or on_row:
        event = st.dataframe(table_frame, key=key, on_select="rerun", selection_mode="single-row",
                             hide_index=True, column_config=config, height=height, placeholder="—")
        if is_new(key, event):
            if filter_field and value_column:
                f = apply_row_selection(state.get_filter(), filter_field, frame, value_column, _plain(event))
                state.set_filter(f, rerun=True)
            else:
                rows = _plain(event)["selection"].get("rows") or []
                if rows and 0 <= rows[0] < len(frame):
                    on_row(frame.iloc[rows[0]])
    else:
        st.dataframe(table_frame, key=key, hide_index=True, column_config=config, height=height, placeholder="—")
    downloads.table_buttons(frame, name=file, key=key, every_row=every_row, note=download_note)
