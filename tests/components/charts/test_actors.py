"""components.charts.actors: actor bars (ids in customdata, colours by type, most mentioned on top) and a
deterministic co-occurrence network."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import charts


def test_actor_bars_carry_the_actor_name_and_field(top_actors):
    fig = charts.actors_bar(top_actors)
    seen = {}
    for trace in fig.data:
        assert trace.type == "bar" and trace.orientation == "h"
        for y, cd in zip(trace.y, trace.customdata):
            assert cd[0] == y and cd[1] == "actors"
            seen[cd[0]] = cd
    assert set(seen) == set(top_actors["actor"])
    assert seen["Lena Marsh"][2:] == [6, 4]        # articles, quotes for the hover


def test_actor_bars_are_coloured_by_type_with_a_legend(top_actors):
    fig = charts.actors_bar(top_actors)
    by_name = {t.name: t for t in fig.data}
    assert list(by_name) == ["Person", "Organization", "State", "Group", "Other"]
    assert by_name["Person"].marker.color == charts.TYPE_COLOURS["person"]
    assert by_name["State"].marker.color == charts.TYPE_COLOURS["state"]
    assert by_name["Other"].marker.color == charts.UNTYPED_COLOUR
    assert list(by_name["Other"].y) == ["Mystery"]
    assert len(set(charts.TYPE_COLOURS.values()) | {charts.UNTYPED_COLOUR}) == 5


def test_the_legend_sits_below_the_bars_so_it_never_runs_into_the_title(top_actors):
    legend = charts.actors_bar(top_actors).layout.legend
    assert legend.orientation == "h" and legend.yanchor == "top" and legend.y < 0


def test_most_mentioned_actor_is_drawn_at_the_top(top_actors):
    fig = charts.actors_bar(top_actors)
    # plotly draws the first category of a y axis at the bottom
    assert list(fig.layout.yaxis.categoryarray)[-1] == "Lena Marsh"
    assert fig.layout.clickmode == "event+select"


def _node_positions(fig: go.Figure) -> dict[str, tuple[float, float]]:
    out = {}
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            for x, y, cd in zip(trace.x, trace.y, trace.customdata):
                out[cd[0]] = (x, y)
    return out


def test_network_nodes_carry_actor_names_and_include_every_actor(edges, top_actors):
    fig = charts.network(edges, top_actors)
    nodes = _node_positions(fig)
    # every listed actor (linked or not) and every edge end is a node
    assert set(nodes) == set(top_actors["actor"]) | {"Tom Reyes"}
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            assert all(cd[1] == "actors" for cd in trace.customdata)
    tom = [t for t in fig.data if t.mode and "markers" in t.mode and "Tom Reyes" in t.text][0]
    assert tom.marker.color == charts.UNTYPED_COLOUR
    lines = [t for t in fig.data if t.mode == "lines"]
    assert lines and all(t.hoverinfo == "skip" for t in lines)


def test_network_layout_is_deterministic_whatever_the_row_order(edges, top_actors):
    a = _node_positions(charts.network(edges, top_actors))
    b = _node_positions(charts.network(edges.iloc[::-1], top_actors.sample(frac=1, random_state=3)))
    assert a == b
    xs = [p[0] for p in a.values()]
    assert len({round(x, 6) for x in xs}) > 1          # not all on one spot
    assert max(abs(v) for p in a.values() for v in p) <= 1.0 + 1e-9


def test_network_puts_unlinked_actors_below_the_linked_ones(edges, top_actors):
    nodes = _node_positions(charts.network(edges, top_actors))
    linked = {"Harbour Council", "Lena Marsh", "Norway", "Tom Reyes"}
    lowest_linked = min(nodes[n][1] for n in linked)
    assert all(nodes[n][1] < lowest_linked for n in ("Fishers", "Mystery"))


def test_network_with_actors_but_no_edges_still_shows_the_actors(top_actors):
    fig = charts.network(pd.DataFrame(columns=["source", "target", "n_articles"]), top_actors)
    assert set(_node_positions(fig)) == set(top_actors["actor"])
