"""Tests of components.selection: chart and table selections, injected in the exact shape
Streamlit gives them (``PlotlyState`` / ``DataframeState`` read as mappings), become Filter
changes."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.filters import Filter
from components.selection import apply_row_selection, apply_selection


def plotly_event(*points: dict, box: list | None = None, lasso: list | None = None) -> dict:
    """A Streamlit plotly selection state with these points (point indices filled in)."""
    return {"selection": {"points": list(points),
                          "point_indices": [p.get("point_index", i) for i, p in enumerate(points)],
                          "box": box or [], "lasso": lasso or []}}


def bar(customdata, *, x=3, y="Lena Marsh", curve: int = 0, index: int = 0) -> dict:
    """A clicked bar of a horizontal bar chart (category on y)."""
    point = {"curve_number": curve, "point_number": index, "point_index": index, "x": x, "y": y,
             "legendgroup": "person"}
    if customdata is not None:
        point["customdata"] = customdata
    return point


def box(x0, x1) -> dict:
    return {"xref": "x", "yref": "y", "x": [x0, x1], "y": [0, 5]}


# --- clicks --------------------------------------------------------------------------------------

@pytest.mark.parametrize("customdata", [["Lena Marsh"], "Lena Marsh", ["Lena Marsh", "actors", 9, 2],
                                        ["Lena Marsh", "person", 12]])
def test_clicking_an_actor_bar_toggles_the_actor(customdata):
    f = apply_selection(Filter(), "actors", plotly_event(bar(customdata)))
    assert f.actors == ("Lena Marsh",)
    assert apply_selection(f, "actors", plotly_event(bar(customdata))) == Filter()  # second click


def test_a_point_without_customdata_falls_back_to_its_category():
    assert apply_selection(Filter(), "actors", plotly_event(bar(None))).actors == ("Lena Marsh",)
    vertical = {"curve_number": 0, "point_index": 1, "x": "Lima", "y": 24}
    assert apply_selection(Filter(), "places", plotly_event(vertical)).places == ("Lima",)
    numbers_only = {"curve_number": 0, "point_index": 1, "x": 2, "y": 24}
    assert apply_selection(Filter(), "places", plotly_event(numbers_only)) == Filter()


def test_several_points_are_all_added():
    f = Filter(actors=("Lena Marsh",))
    event = plotly_event(bar(["Lena Marsh"]), bar(["Omar Haddad"], index=1), bar(["Omar Haddad"], index=1))
    assert apply_selection(f, "actors", event).actors == ("Lena Marsh", "Omar Haddad")


def test_network_nodes_select_actors_and_edges_are_ignored():
    edge = {"curve_number": 0, "point_index": 4, "x": 0.2, "y": 0.7, "customdata": ["Kofi Mensah", "Lena Marsh"]}
    node = {"curve_number": 1, "point_index": 2, "x": 0.5, "y": 0.1, "customdata": ["Kofi Mensah"]}
    assert apply_selection(Filter(), "network", plotly_event(edge)) == Filter()
    assert apply_selection(Filter(), "network", plotly_event(node)).actors == ("Kofi Mensah",)


def test_map_circles_select_places_and_outlines_select_countries():
    circle = {"curve_number": 1, "point_index": 0, "lat": -12.04, "lon": -77.03, "customdata": ["Lima", "PE"]}
    outline = {"curve_number": 0, "point_index": 3, "location": "PE", "z": 24}
    assert apply_selection(Filter(), "map", plotly_event(circle)).places == ("Lima",)
    f = apply_selection(Filter(), "map", plotly_event(outline))
    assert f.countries == ("PE",) and f.places == ()
    tagged = {"curve_number": 0, "point_index": 3, "location": "Peru", "customdata": ["PE"], "z": 24}
    assert apply_selection(Filter(), "map", plotly_event(tagged)).countries == ("PE",)


def test_countries_places_sources_and_actor_types():
    assert apply_selection(Filter(), "countries", plotly_event(bar(["KE"], y="KE"))).countries == ("KE",)
    assert apply_selection(Filter(), "places", plotly_event(bar("Oslo"))).places == ("Oslo",)
    assert apply_selection(Filter(), "sources", plotly_event(bar(["wire"]))).sources == ("wire",)
    assert apply_selection(Filter(), "actor_types", plotly_event(bar(["state"]))).actor_types == ("state",)
    assert apply_selection(Filter(), "actor_types", plotly_event(bar(["planet"]))) == Filter()


# --- the timeline --------------------------------------------------------------------------------

@pytest.mark.parametrize("x0, x1, expected", [
    # plotly's date strings: the days whose bars (centred on midnight) the box covers
    ("2024-09-03 16:48", "2024-09-06 05:16:48", (date(2024, 9, 4), date(2024, 9, 6))),  # a real drag's x0/x1
    ("2024-09-02 13:12:40.5", "2024-09-20 02:00", (date(2024, 9, 3), date(2024, 9, 20))),
    ("2024-09-03", "2024-09-05 23:59", (date(2024, 9, 3), date(2024, 9, 5))),
    ("2024-09-20 02:00", "2024-09-02 13:12:40.5", (date(2024, 9, 3), date(2024, 9, 20))),  # dragged leftwards
    ("2024-09-04T02:00:00Z", "2024-09-04T06:00:00Z", (date(2024, 9, 4), date(2024, 9, 4))),  # inside one bar
    ("2024-09-03 20:00", "2024-09-03 22:00", (date(2024, 9, 4), date(2024, 9, 4))),  # nearest bar
    (1725321600000, 1725494400000, (date(2024, 9, 3), date(2024, 9, 5))),  # epoch milliseconds
])
def test_a_box_on_the_timeline_sets_the_date_range(x0, x1, expected):
    event = plotly_event(bar(["2024-09-10"], x="2024-09-10", y=2), box=[box(x0, x1)])
    f = apply_selection(Filter(actors=("A",)), "timeline", event)
    assert (f.date_from, f.date_to) == expected and f.actors == ("A",)


def test_a_lasso_on_the_timeline_uses_its_x_extent():
    lasso = {"xref": "x", "yref": "y", "x": ["2024-09-05 01:00", "2024-09-08 20:00", "2024-09-06"], "y": [0, 1, 2]}
    f = apply_selection(Filter(), "timeline", plotly_event(lasso=[lasso]))
    assert (f.date_from, f.date_to) == (date(2024, 9, 6), date(2024, 9, 8))


def test_clicking_a_day_selects_that_day():
    one = apply_selection(Filter(), "timeline", plotly_event(bar(["2024-09-10"], x="2024-09-10", y=2)))
    assert (one.date_from, one.date_to) == (date(2024, 9, 10), date(2024, 9, 10))
    scalar = apply_selection(Filter(), "timeline", plotly_event(bar("2024-09-11", x="2024-09-11", y=2)))
    assert scalar.date_from == date(2024, 9, 11)
    no_custom = apply_selection(Filter(), "timeline", plotly_event(bar(None, x="2024-09-12", y=2)))
    assert (no_custom.date_from, no_custom.date_to) == (date(2024, 9, 12), date(2024, 9, 12))
    line = bar(["Lena Marsh"], x="2024-09-13", y=1, curve=2)  # an actor's line: its x is the day
    both = apply_selection(Filter(), "timeline", plotly_event(line, bar(["2024-09-10"], x="2024-09-10", y=2)))
    assert (both.date_from, both.date_to) == (date(2024, 9, 10), date(2024, 9, 13))


# --- nothing to do -------------------------------------------------------------------------------

@pytest.mark.parametrize("event", [
    None, {}, {"selection": None}, plotly_event(), {"selection": {"points": [], "box": [], "lasso": []}},
    "not a mapping", {"selection": {"points": ["junk"], "box": [{"x": ["junk", None]}]}},
])
@pytest.mark.parametrize("chart", ["actors", "map", "timeline", "network", "countries"])
def test_empty_or_unreadable_events_leave_the_filter_alone(chart, event):
    f = Filter(actors=("A",), date_from=date(2024, 1, 1))
    assert apply_selection(f, chart, event) is f


def test_an_unknown_chart_leaves_the_filter_alone():
    f = Filter()
    assert apply_selection(f, "pie of the day", plotly_event(bar(["X"]))) is f


# --- table rows ----------------------------------------------------------------------------------

ACTORS = pd.DataFrame({"actor": ["Lena Marsh", "Omar Haddad", "Kofi Mensah"], "n_mentions": [9, 6, 5]})


def test_one_selected_row_toggles_its_value():
    event = {"selection": {"rows": [1], "columns": [], "cells": []}}
    f = apply_row_selection(Filter(), "actors", ACTORS, "actor", event)
    assert f.actors == ("Omar Haddad",)
    assert apply_row_selection(f, "actors", ACTORS, "actor", event) == Filter()


def test_several_rows_are_added():
    event = {"selection": {"rows": [2, 0], "columns": []}}
    f = apply_row_selection(Filter(places=("Oslo",)), "places",
                            pd.DataFrame({"name": ["Lima", "Accra", "Oslo"]}), "name", event)
    assert f.places == ("Lima", "Oslo")  # added: the selected "Oslo" is not toggled off


def test_rows_of_days_set_the_date_range():
    days = pd.DataFrame({"day": pd.to_datetime(["2024-10-06", "2024-09-27", "2024-10-11"]), "n": [4, 3, 2]})
    f = apply_row_selection(Filter(), "dates", days, "day", {"selection": {"rows": [0, 1]}})
    assert (f.date_from, f.date_to) == (date(2024, 9, 27), date(2024, 10, 6))


@pytest.mark.parametrize("field, column, event", [
    ("actors", "actor", None),
    ("actors", "actor", {"selection": {"rows": []}}),
    ("actors", "actor", {"selection": {"rows": [7]}}),  # not in the frame (any more)
    ("actors", "no_such_column", {"selection": {"rows": [0]}}),
    ("text", "actor", {"selection": {"rows": [0]}}),  # not a list field
])
def test_row_selections_that_change_nothing(field, column, event):
    f = Filter(sources=("wire",))
    assert apply_row_selection(f, field, ACTORS, column, event) is f


def test_customdata_naming_a_field_routes_the_point_there():
    outline = {"curve_number": 0, "point_index": 3, "location": "PE", "customdata": ["PE", "countries"], "z": 24}
    circle = {"curve_number": 2, "point_index": 0, "lat": -12.04, "lon": -77.03,
              "customdata": ["Lima", "places", "PE", 24, 11]}
    f = apply_selection(Filter(), "map", plotly_event(outline, circle))
    assert (f.countries, f.places) == (("PE",), ("Lima",))
    day = bar(["2024-10-06", "days"], x="2024-10-06", y=4)
    f = apply_selection(Filter(), "overview_days", plotly_event(day))  # any chart: a day is a day
    assert (f.date_from, f.date_to) == (date(2024, 10, 6), date(2024, 10, 6))


# --- with the figures components.charts draws ----------------------------------------------------

def clicked(trace, i: int) -> dict:
    """The point ``i`` of a figure's trace as Streamlit reports a click on it."""
    point = {"curve_number": 0, "point_number": i, "point_index": i,
             "customdata": list(trace.customdata[i])}
    for key in ("x", "y", "lat", "lon"):
        values = getattr(trace, key, None)
        if values is not None:
            point[key] = values[i]
    if getattr(trace, "locations", None) is not None:
        point["location"] = trace.locations[i]
    return point


def test_clicks_on_the_dashboard_figures():
    from components import charts

    top = pd.DataFrame({"actor": ["Lena Marsh", "Omar Haddad"], "actor_type": ["person", "person"],
                        "n_mentions": [9, 6], "n_articles": [5, 4], "n_quotes": [1, 0]})
    fig = charts.actors_bar(top)
    bar_trace = next(t for t in fig.data if t.type == "bar")
    assert apply_selection(Filter(), "actors", plotly_event(clicked(bar_trace, 0))).actors == \
        (bar_trace.customdata[0][0],)

    places = pd.DataFrame({"name": ["Lima"], "country_code": ["PE"], "feature": ["city"], "lat": [-12.04],
                           "lon": [-77.03], "n_mentions": [24], "n_articles": [11]})
    countries = pd.DataFrame({"country_code": ["PE"], "n_mentions": [24], "n_articles": [11]})
    fig = charts.places_map(places, countries)
    circles = next(t for t in fig.data if t.type == "scattermap")
    assert apply_selection(Filter(), "map", plotly_event(clicked(circles, 0))).places == ("Lima",)
    shaded = [t for t in fig.data if t.type == "choroplethmap" and "PE" in list(t.locations)][-1]
    pe = list(shaded.locations).index("PE")
    f = apply_selection(Filter(), "map", plotly_event(clicked(shaded, pe)))
    assert (f.countries, f.places) == (("PE",), ())

    days = pd.DataFrame({"day": pd.to_datetime(["2024-09-03", "2024-09-05"]), "n_articles": [1, 2],
                         "n_mentions": [3, 4]})
    fig = charts.timeline(days)
    bars_trace = next(t for t in fig.data if t.type == "bar")
    f = apply_selection(Filter(), "timeline", plotly_event(clicked(bars_trace, 1)))
    assert (f.date_from, f.date_to) == (date(2024, 9, 5), date(2024, 9, 5))
