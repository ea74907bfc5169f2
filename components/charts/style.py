"""The briefing look every chart shares: colours (Okabe–Ito, one per actor type), fonts, a small
white template, :func:`styled_figure` that builds a figure with them, :func:`empty_figure` for an
empty frame, and :func:`escaped` for text plotly must draw as written."""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

EMPTY_MESSAGE = "No data for this filter"
# Okabe–Ito colours (safe for the common colour-vision deficiencies), one per actor type, in
# legend order; actors without a type are grey.
TYPE_COLOURS = {
    "person": "#0072B2",
    "organization": "#E69F00",
    "state": "#009E73",
    "group": "#CC79A7",
}
UNTYPED_COLOUR = "#999999"
UNTYPED_LABEL = "other"
TYPE_LABELS = {"person": "Person", "organization": "Organization", "state": "State",
               "group": "Group", UNTYPED_LABEL: "Other"}
# Lines of the timeline's top actors (Okabe–Ito without the bar colour, then darker greys).
LINE_COLOURS = ["#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#0072B2", "#F0E442",
                "#000000", "#666666", "#999999"]
BAR_COLOUR = "#9DB9D3"           # timeline and plain bars: a quiet blue behind coloured lines
FONT = dict(family="Helvetica, Arial, sans-serif", size=13, color="#222222")
TITLE_SIZE = 17


# A small white look, given to every figure when it is made: plotly would otherwise copy its
# large default template into each figure (about 0.1 s a figure).
TEMPLATE = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white", "colorway": LINE_COLOURS,
    "xaxis": {"gridcolor": "#EBEBEB", "linecolor": "#BBBBBB", "zeroline": False, "ticks": "",
              "automargin": True, "title": {"standoff": 12}},
    "yaxis": {"gridcolor": "#EBEBEB", "linecolor": "#BBBBBB", "zeroline": False, "ticks": "",
              "automargin": True, "title": {"standoff": 12}},
    "legend": {"bgcolor": "rgba(255,255,255,0.6)"},
}}


#: Up to this count an axis of counts gets a tick at every whole number (plotly's automatic ticks
#: would fall between them: 0.5, 1.5).
SMALL_COUNT = 5


def count_ticks(*values) -> dict:
    """Tick settings for an axis of counts up to the largest of ``values`` (sequences of numbers):
    whole numbers only (``","d``), one tick per number when the counts are small."""
    top = max((x for v in values for x in v if x is not None and x == x), default=0)  # (x == x: not NaN)
    return {"tickformat": ",d", **({"dtick": 1} if top <= SMALL_COUNT else {})}


def styled_figure(traces: list[dict], title: str, **layout) -> go.Figure:
    """A figure of ``traces`` (plain dicts with a ``type``) with the common briefing look:
    :data:`TEMPLATE`, readable fonts, title top left, clicks select; ``layout`` adds to or
    overrides the layout.

    Traces and layout are given to the constructor in one go: ``add_trace`` deep-copies each
    trace (the map's outlines make that slow) and ``update_layout`` goes through plotly's
    relayout machinery (tens of ms a figure). The figure is not validated as it is built."""
    full = {
        "template": TEMPLATE,
        "font": FONT,
        "title": {"text": escaped(title), "x": 0.01, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        "margin": {"l": 10, "r": 10, "t": 56, "b": 10},
        "hoverlabel": {"font": {"size": 13}},
        "clickmode": "event+select",
    }
    full.update(layout)
    # (unchecked by plotly's validators, 0.02 s of a page with charts: the builders' properties
    # are checked by tests/components/charts/test_style.py, and Streamlit sends it as it is)
    return go.Figure(data=traces, layout=full, _validate=False)


def empty_figure(title: str = "", *, message: str = EMPTY_MESSAGE) -> go.Figure:
    """A figure with no traces and ``message`` in the middle (for an empty frame).

    Args:
        title: the chart's title, kept so the page layout does not jump.
        message: the note shown.
    Returns:
        The figure (axes hidden).
    """
    note = dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                font=dict(size=16, color="#666666"))
    return styled_figure([], title, height=320, xaxis=dict(visible=False), yaxis=dict(visible=False),
                         annotations=[note])


def escaped(value) -> str:
    """``value`` as text for plotly to draw: plotly reads ``<b>``, ``<a href>``… in labels,
    titles and hover text as markup, so names from articles are escaped and show as written."""
    return html.escape(str(value), quote=False)


def type_key(value) -> str:
    """An actor type as a key of :data:`TYPE_COLOURS`, or :data:`UNTYPED_LABEL` for None or an unknown type."""
    return value if isinstance(value, str) and value in TYPE_COLOURS else UNTYPED_LABEL


def type_colour(actor_type: str | None) -> str:
    """The fixed colour of an actor type (grey for None or an unknown type)."""
    return TYPE_COLOURS.get(actor_type or "", UNTYPED_COLOUR)


def scaled(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Marker diameters between ``lo`` and ``hi`` whose areas grow with ``values``."""
    v = np.sqrt(np.clip(values.astype(float), 0, None))
    top = v.max() if len(v) else 0
    if top <= 0:
        return np.full(len(v), lo)
    return lo + (hi - lo) * v / top
