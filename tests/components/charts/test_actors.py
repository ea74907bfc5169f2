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


def test_the_backbone_keeps_each_actors_strongest_links_not_a_hubs_weak_ones():
    from components.charts.network_layout import backbone

    # a hub linked once to each of 5 actors, and two pairs linked strongly
    edges = [("Hub", x, 1.0) for x in "ABCDE"] + [("A", "B", 5.0), ("C", "D", 5.0)]
    kept = backbone(edges, per_node=1)
    assert ("A", "B", 5.0) in kept and ("C", "D", 5.0) in kept
    assert ("Hub", "E", 1.0) in kept              # E's only link stays: nobody is cut off
    assert len(kept) < len(edges)
    assert backbone(edges, per_node=1) == backbone(list(reversed(edges)), per_node=1)[::-1]


def test_two_cliques_are_two_communities_each_outlined():
    from components.charts.network_layout import communities

    left, right = ["Ann", "Bo", "Cy"], ["Dee", "Eve", "Fay", "Gus"]
    edges = [(a, b, 3.0) for g in (left, right) for i, a in enumerate(g) for b in g[i + 1:]] + [("Cy", "Dee", 1.0)]
    group = communities(left + right, edges)
    assert len({group[n] for n in left}) == 1 and len({group[n] for n in right}) == 1
    assert group["Ann"] != group["Dee"] and group["Dee"] == 0  # the larger one first
    top = pd.DataFrame({"actor": left + right, "actor_type": ["person"] * 7, "n_mentions": [9, 8, 7, 6, 5, 4, 3]})
    frame = pd.DataFrame(edges, columns=["source", "target", "n_articles"])
    fig = charts.network(frame, top)
    outlines = [t for t in fig.data if t.fill == "toself"]
    assert sorted(t.name for t in outlines) == ["Group: Ann, Bo", "Group: Dee, Eve"]
    assert all(t.hoverinfo == "skip" for t in outlines)
    nodes = _node_positions(fig)
    for outline, members in zip(sorted(outlines, key=lambda t: t.name), (left, right)):
        xs, ys = outline.x, outline.y          # every member inside its outline's box
        assert all(min(xs) < nodes[m][0] < max(xs) and min(ys) < nodes[m][1] < max(ys) for m in members)


def test_only_the_most_mentioned_actors_are_named_on_the_network_the_rest_on_hover():
    names = [f"Actor {i:02d}" for i in range(30)]
    top = pd.DataFrame({"actor": names, "actor_type": ["person"] * 30, "n_mentions": list(range(60, 30, -1))})
    frame = pd.DataFrame([(names[i], names[i + 1], 2) for i in range(29)], columns=["source", "target", "n_articles"])
    node = next(t for t in charts.network(frame, top).data if t.mode == "markers+text")
    shown = {h for h, t in zip(node.hovertext, node.text) if t}
    assert shown == set(names[:charts.actors.LABELLED]) and set(node.hovertext) == set(names)


def test_separate_parts_of_the_network_sit_side_by_side_not_in_corners():
    from components.charts.network_layout import spring_layout

    big = [f"B{i}" for i in range(8)]
    small = ["S1", "S2", "S3"]
    edges = [(a, b, 1.0) for g in (big, small) for a, b in zip(g, g[1:] + g[:1])]
    pos = spring_layout(big + small, edges)
    big_x = [pos[n][0] for n in big]
    small_x = [pos[n][0] for n in small]
    assert max(big_x) < min(small_x)                      # one beside the other, the larger first
    assert max(big_x) - min(big_x) > max(small_x) - min(small_x)
    assert max(pos[n][1] for n in small) > 0.5 > -0.5 > min(pos[n][1] for n in small)  # the full height, not a corner
    assert max(abs(v) for p in pos.values() for v in p) <= 1.0 + 1e-9
