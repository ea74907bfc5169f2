"""A plain bar chart of any frame (:func:`bars`): busiest days, an actor's mentions per day,
places…"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .columns import is_empty, iso_day
from .style import BAR_COLOUR, count_ticks, empty_figure, escaped, styled_figure

# Axis titles for the frame columns of components.query.
AXIS_LABELS = {"day": "Day", "name": "Place", "actor": "Actor", "country_code": "Country",
               "source": "Source", "n_articles": "Articles", "n_mentions": "Mentions",
               "n_quotes": "Quotes"}


def _axis_label(column: str) -> str:
    """A readable axis title for a frame column (``n_articles`` → "Articles")."""
    return AXIS_LABELS.get(column) or column.removeprefix("n_").replace("_", " ").capitalize()


def bars(frame: pd.DataFrame, x: str, y: str, *, title: str = "", field: str | None = None,
         horizontal: bool = False, x_label: str | None = None, y_label: str | None = None,
         colour: str = BAR_COLOUR) -> go.Figure:
    """A plain bar chart of ``frame`` (busiest days, places…); customdata = the ``x`` value.

    Args:
        frame: any frame with columns ``x`` (the categories, in the order drawn) and ``y``.
        x: column of the categories; dates are shown and carried as ISO days.
        y: column of the bar lengths.
        title: the chart title.
        field: the Filter field the ``x`` values belong to, put in ``customdata[1]`` (default
            ``"days"`` for a date column, else the name of ``x``).
        horizontal: draw horizontal bars (first row at the top).
        x_label / y_label: axis titles (default: the column names, readable).
        colour: bar colour.
    Returns:
        One bar trace; each point's customdata ``[x_value, field]``; the category axis keeps
        the frame's order; the value axis ticks whole numbers only when every value is one.
    """
    if is_empty(frame, x, y):
        return empty_figure(title)
    df = frame.reset_index(drop=True)
    is_date = pd.api.types.is_datetime64_any_dtype(df[x]) or (
        len(df) and all(hasattr(v, "isoformat") for v in df[x].dropna()) and df[x].notna().any())
    ids = [iso_day(v) if is_date else str(v) for v in df[x]]
    cats = [escaped(v) for v in ids]
    field = field or ("days" if is_date else x)
    values = pd.to_numeric(df[y], errors="coerce").fillna(0).tolist()
    labels = (x_label if x_label is not None else _axis_label(x),
              y_label if y_label is not None else _axis_label(y))
    bar = dict(
        type="bar",
        x=values if horizontal else cats, y=cats if horizontal else values,
        orientation="h" if horizontal else "v", marker=dict(color=colour),
        customdata=[[i, field] for i in ids], name=labels[1],
        hovertemplate=("<b>%{y}</b><br>%{x}" if horizontal else "<b>%{x}</b><br>%{y}")
        + f" {labels[1].lower()}<extra></extra>",
    )
    cat_axis = dict(type="category", categoryorder="array", title=dict(text=labels[0]),
                    categoryarray=cats[::-1] if horizontal else cats, automargin=True)
    value_axis = dict(title=dict(text=labels[1]), rangemode="tozero",
                      **(count_ticks(values) if all(float(v).is_integer() for v in values) else {}))
    return styled_figure([bar], title, height=max(300, 80 + 24 * len(cats)) if horizontal else 360,
                         showlegend=False, xaxis=value_axis if horizontal else cat_axis,
                         yaxis=cat_axis if horizontal else value_axis)
