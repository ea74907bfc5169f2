"""Download buttons under every chart (PNG, SVG, standalone HTML) and every table (CSV, XLSX,
JSON), and the briefing report. File contents are made only when the button is clicked (a
callable passed to ``st.download_button``), so a page never pays for an export it is not asked
for; a click does not rerun the page."""
from __future__ import annotations

import re
from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

#: (label, extension, MIME type, export function name) per chart format.
FIGURE_FORMATS = (
    ("PNG", "png", "image/png", "figure_png"),
    ("SVG", "svg", "image/svg+xml", "figure_svg"),
    ("HTML", "html", "text/html", "figure_html"),
)
#: (label, extension, MIME type, export function name) per table format.
TABLE_FORMATS = (
    ("CSV", "csv", "text/csv", "frame_csv"),
    ("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "frame_xlsx"),
    ("JSON", "json", "application/json", "frame_json"),
)


def file_name(name: str, ext: str) -> str:
    """``dateline-<name>.<ext>`` with ``name`` reduced to lower-case letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "export"
    return f"dateline-{slug}.{ext}"


def _exporter(func_name: str, value) -> Callable[[], bytes]:
    """The click handler that exports ``value`` (or what ``value()`` returns, for a function:
    rows fetched only on click) with ``components.export.<func_name>``."""
    def make() -> bytes:
        from components import export  # imported on click: kaleido and xlsxwriter load lazily

        return getattr(export, func_name)(value() if callable(value) else value)

    return make


def _buttons(value, formats: tuple, *, name: str, key: str, noun: str, disabled: bool = False,
             help_text: str | None = None) -> None:
    """One row of download buttons, one per ``(label, ext, mime, export function)`` of
    ``formats``, each exporting ``value`` on click."""
    row = st.container(horizontal=True, gap="small", width="content")
    for label, ext, mime, func in formats:
        row.download_button(label, _exporter(func, value), file_name=file_name(name, ext), mime=mime,
                            key=f"{key}_dl_{ext}", on_click="ignore", width="content",
                            disabled=disabled, help=help_text or f"Download this {noun} as {label}")


def figure_buttons(fig: go.Figure, *, name: str, key: str) -> None:
    """PNG, SVG and HTML download buttons for ``fig`` in one row.

    name: the file name part (``dateline-<name>.png``).
    key: a key prefix unique on the page."""
    _buttons(fig, FIGURE_FORMATS, name=name, key=key, noun="chart")


def table_buttons(frame: pd.DataFrame, *, name: str, key: str,
                  every_row: Callable[[], pd.DataFrame] | None = None, note: str | None = None) -> None:
    """CSV, XLSX and JSON download buttons for exactly ``frame`` (what the table shows), or, for
    a table shown a page at a time, for what ``every_row()`` returns on click.

    name: the file name part (``dateline-<name>.csv``).
    key: a key prefix unique on the page.
    every_row: fetches every matching row (called only when a button is clicked).
    note: the buttons' help line when ``every_row`` is given (what the file holds)."""
    _buttons(every_row or frame, TABLE_FORMATS, name=name, key=key, noun="table", disabled=frame.empty,
             help_text=note if every_row else None)


def briefing_button(make: Callable[[], bytes], *, key: str) -> None:
    """The "Briefing report" download: a standalone HTML page built by ``make`` on click."""
    st.download_button("Briefing report (HTML)", make, file_name=file_name("briefing", "html"),
                       mime="text/html", key=f"{key}_dl_briefing", icon=":material/description:",
                       on_click="ignore", type="primary",
                       help="One offline HTML page: the filter, key charts, top actors and places, "
                            "the quotes with dates and sources, and your tags and notes on them")
