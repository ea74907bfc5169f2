"""Chart and table selections → Filter changes: the one pure function the dashboard calls after
every ``st.plotly_chart(on_select=…)`` / ``st.dataframe(on_select=…)``.

Events are read as plain mappings of the shape Streamlit gives (``PlotlyState`` /
``DataframeState``), so tests can inject them::

    {"selection": {"points": [{"curve_number": 0, "point_index": 3, "x": 12, "y": "Lena Marsh",
                               "customdata": ["Lena Marsh"]}],
                   "point_indices": [3], "box": [], "lasso": []}}
    {"selection": {"points": [...], "box": [{"xref": "x", "yref": "y",
                                             "x": ["2024-09-03 16:48", "2024-09-06 05:16:48"],
                                             "y": [0, 4]}], ...}}  # a drag on a date axis
    {"selection": {"rows": [0, 2], "columns": []}}

Charts carry their ids in ``customdata`` (first element, or the value itself when a trace gives
a scalar; a second element naming a Filter field, as :mod:`components.charts` writes it, sends
the id to that field); a point without customdata falls back to its category (a string ``x`` or
``y``).
One clicked point toggles its value (a second click on the same bar un-selects it); several
points (a box or lasso over several bars, shift-clicks) add them all.

Streamlit keeps a chart's selection across reruns, so call these from the widget's
``on_select`` callback (or only when the event changed), not on every run.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, Mapping, Sequence

from .filters import ACTOR_TYPES, LIST_FIELDS, Filter

#: A ``YYYY-MM-DD`` day (the last day of a period bar's customdata; never an actor's name).
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Chart name → the Filter list field a clicked point's id toggles.
CHART_FIELDS = {
    "actors": "actors",
    "network": "actors",
    "table_actors": "actors",
    "map": "places",
    "places": "places",
    "table_places": "places",
    "countries": "countries",
    "table_countries": "countries",
    "actor_types": "actor_types",
    "sources": "sources",
}
#: Charts whose x axis is dates: a box (or lasso) sets the date range, a click one day.
DATE_CHARTS = ("timeline", "days", "busiest_days")
#: ``customdata[1]`` values that mark a point's id as a day.
DAY_FIELDS = ("days", "dates")
#: Point keys that only a choropleth (country outline) point has: on the map, such a point
#: toggles a country (its customdata, else its ``location``), not a place.
OUTLINE_KEYS = ("location",)


def apply_selection(f: Filter, chart: str, event: Mapping | None) -> Filter:
    """The filter after ``event`` on the chart named ``chart``.

    f: the current Filter.
    chart: ``"actors"`` / ``"network"`` (customdata = actor name → actors), ``"map"`` (a circle's
        customdata = place name → places; a country outline's customdata or ``location`` = ISO2
        code → countries), ``"places"`` (place name), ``"countries"`` (ISO2 code),
        ``"actor_types"`` (a type of :data:`~components.filters.ACTOR_TYPES`), ``"sources"``, or
        a date chart of :data:`DATE_CHARTS` (``"timeline"``: a box drag → the days whose bars
        it covers, bars centred on their day as plotly draws dates; clicked bars, customdata =
        ISO day → those days).
    event: Streamlit's selection state as a mapping, or None.
    A point whose ``customdata[1]`` names a Filter list field (or ``"days"``), as
    :mod:`components.charts` puts it, goes to that field whatever the chart.
    Returns the new Filter; ``f`` itself for an empty or unreadable event or an unknown chart.
    """
    selection = _selection(event)
    if not selection:
        return f
    points = [p for p in selection.get("points") or () if isinstance(p, Mapping)]
    if chart in DATE_CHARTS:
        span = _box_days(selection.get("box")) or _box_days(selection.get("lasso")) \
            or _point_days(points)
        return f.with_dates(*span) if span else f
    by_field: dict[str, list] = {}
    for point in points:
        field = _point_field(point, chart)
        if field is not None:
            by_field.setdefault(field, []).append(point)
    for field, group in by_field.items():
        if field in DAY_FIELDS:
            span = _point_days(group)
            f = f.with_dates(*span) if span else f
        elif field == "countries" and chart == "map":
            f = _apply_values(f, field, [_point_id(p) or p.get("location") for p in group])
        else:
            f = _apply_values(f, field, [_point_id(p) for p in group])
    return f


def _point_field(point: Mapping, chart: str) -> str | None:
    """The Filter field a point's id belongs to: its ``customdata[1]`` when that names one,
    else the country for a map's outline, else the chart's field; None (ignore the point) for
    a network edge, whose customdata is ``[source, target]``."""
    custom = point.get("customdata")
    if isinstance(custom, (list, tuple)) and len(custom) > 1 and isinstance(custom[1], str) \
            and (custom[1] in LIST_FIELDS or custom[1] in DAY_FIELDS):
        return custom[1]
    if chart == "map" and any(k in point for k in OUTLINE_KEYS) and "lat" not in point:
        return "countries"
    if chart == "network" and isinstance(custom, (list, tuple)) and len(custom) > 1:
        return None  # an edge: customdata is the pair of actors it joins
    return CHART_FIELDS.get(chart)


def apply_row_selection(f: Filter, field: str, frame: Any, column: str,
                        event: Mapping | None) -> Filter:
    """The filter after a row selection in a table (``st.dataframe(on_select=…)``).

    f: the current Filter.
    field: the Filter list field the rows' values go to (``"actors"``, ``"places"``,
        ``"countries"``, ``"sources"``, ``"actor_types"``), or ``"dates"`` for a column of days
        (the selected days' range becomes the date range).
    frame: the pandas DataFrame the table showed (rows are positions in it, as Streamlit gives
        them, whatever order the user sorted the table in).
    column: the frame's column holding the values.
    event: ``{"selection": {"rows": [..], ...}}`` as a mapping, or None.
    Returns the new Filter: one row toggles its value, several rows add theirs; ``f`` itself
    for no rows, positions outside the frame, or an unknown field or column.
    """
    selection = _selection(event)
    rows = selection.get("rows") if selection else None
    if not rows or frame is None or column not in getattr(frame, "columns", ()):
        return f
    values = frame[column]
    picked = [values.iloc[r] for r in rows if isinstance(r, int) and 0 <= r < len(values)]
    if field == "dates":
        days = sorted(d for d in (_to_day(v) for v in picked) if d is not None)
        return f.with_dates(days[0], days[-1]) if days else f
    if field not in LIST_FIELDS:
        return f
    return _apply_values(f, field, [_scalar(v) for v in picked])


# --- reading events ------------------------------------------------------------------------------

def _selection(event: Mapping | None) -> Mapping | None:
    """``event["selection"]`` if it is a mapping, else None."""
    if not isinstance(event, Mapping):
        return None
    selection = event.get("selection")
    return selection if isinstance(selection, Mapping) else None


def _apply_values(f: Filter, field: str, values: Sequence) -> Filter:
    """Toggle one value, add several (duplicates and empty ids dropped, types checked)."""
    clean: list[str] = []
    for v in values:
        if v is None or v == "":
            continue
        v = str(v)
        if field == "actor_types" and v not in ACTOR_TYPES:
            continue
        if v not in clean:
            clean.append(v)
    if not clean:
        return f
    if len(clean) == 1:
        return f.toggle(field, clean[0])
    return f.add(field, clean)


def _scalar(value: Any) -> Any:
    """The first element of a list/tuple (or array), else the value itself."""
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        listed = value.tolist()
        return _scalar(listed) if isinstance(listed, list) else listed
    return value


def _point_id(point: Mapping) -> Any:
    """A point's id: its customdata (first element), else its category (a string x or y)."""
    custom = _scalar(point.get("customdata"))
    if custom not in (None, ""):
        return custom
    for axis in ("y", "x"):  # horizontal bars put the category on y
        value = point.get(axis)
        if isinstance(value, str) and value and not _is_number(value):
            return value
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _to_datetime(value: Any) -> datetime | None:
    """A plotly date-axis value (``"2024-09-02"``, ``"2024-09-02 13:12:40.5"``, an ISO
    timestamp, or milliseconds since the epoch) as a naive datetime; None if unreadable."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime(1970, 1, 1) + timedelta(milliseconds=float(value))
        except (OverflowError, ValueError):
            return None
    if isinstance(value, str):
        text = value.strip().replace("T", " ").rstrip("Z")
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            try:
                return datetime.fromisoformat(text[:10])
            except ValueError:
                return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().replace(tzinfo=None)
    return None


def _to_day(value: Any) -> date | None:
    moment = _to_datetime(_scalar(value))
    return moment.date() if moment else None


def _box_days(shapes: Any) -> tuple[date, date] | None:
    """The days whose bars (centred on midnight) a box or lasso covers: from the first midnight
    at or after its left edge to the last at or before its right edge; the nearest day when it
    covers no midnight. None for no shape or unreadable coordinates."""
    if not shapes:
        return None
    moments = [_to_datetime(x) for shape in shapes if isinstance(shape, Mapping)
               for x in (shape.get("x") or ())]
    moments = [m for m in moments if m is not None]
    if not moments:
        return None
    lo, hi = min(moments), max(moments)
    start = lo.date() if lo.time() == datetime.min.time() else lo.date() + timedelta(days=1)
    end = hi.date()
    if start > end:  # a narrow box inside one bar: that bar's day
        middle = lo + (hi - lo) / 2
        day = (middle + timedelta(hours=12)).date()
        return day, day
    return start, end


def _point_days(points: Sequence[Mapping]) -> tuple[date, date] | None:
    """The range of the clicked points' days (customdata, else x), or None; a point whose
    customdata is ``[first_day, "days", last_day]`` (a bar of a week or a month) covers every
    day of its period."""
    def days_of(point: Mapping) -> list[date]:
        custom = _scalar(point.get("customdata"))
        first = (_to_day(custom) if isinstance(custom, str) else None) or _to_day(point.get("x"))
        whole = point.get("customdata")
        last = whole[2] if isinstance(whole, (list, tuple)) and len(whole) > 2 else None
        last = _to_day(last) if isinstance(last, str) and _ISO_DAY.fullmatch(last) else None
        return [d for d in (first, last) if d is not None]

    days = sorted(d for point in points for d in days_of(point))
    return (days[0], days[-1]) if days else None
