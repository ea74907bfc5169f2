"""components.export.graph_files: the co-occurrence network as GEXF 1.3 and GraphML parses (with
the standard library's XML parser), follows each format's structure, and holds exactly the
nodes and edges of the Actors page's figure, with their attributes."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import charts, export
from components.export.graph_files import GEXF_NS, GEXF_VIZ_NS, GRAPHML_NS

G, VIZ, M = f"{{{GEXF_NS}}}", f"{{{GEXF_VIZ_NS}}}", f"{{{GRAPHML_NS}}}"


@pytest.fixture
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five actors all linked (so the backbone leaves some links out of the figure), a hub, an
    actor linked to none, an edge end the ranking lacks, and names XML must escape."""
    actors = pd.DataFrame({
        "actor": ["Hub & Co", "Ada <Obi>", "B", "C", "D", "E", "F", "Loner"],
        "actor_type": ["organization", "person", "person", "state", "group", None, "person", "person"],
        "n_mentions": [40, 12, 9, 8, 7, 6, 5, 1]})
    clique = ["Ada <Obi>", "B", "C", "D", "E"]  # everyone with everyone: some links are nobody's strongest
    pairs = [(a, b, 1) for i, a in enumerate(clique) for b in clique[i + 1:]]
    pairs += [("Hub & Co", "Ada <Obi>", 9), ("Hub & Co", "F", 1), ("C", "D", 3), ("E", "Outsider \"Q\"", 2)]
    pairs.remove(("C", "D", 1))
    edges = pd.DataFrame(pairs, columns=["source", "target", "n_articles"])
    return edges, actors


def figure_nodes_and_edges(fig: go.Figure) -> tuple[set[str], set[frozenset]]:
    """The actors the figure draws as nodes, and the pairs it draws as lines."""
    nodes, drawn = set(), set()
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            nodes |= {cd[0] for cd in trace.customdata}
        elif trace.mode == "lines" and trace.customdata is not None:
            drawn |= {frozenset(cd) for cd in trace.customdata if cd is not None}
    return nodes, drawn


def test_gexf_parses_and_holds_the_figures_nodes_and_edges(frames):
    edges, actors = frames
    root = ET.fromstring(export.graph_gexf(charts.network_graph(edges, actors)))
    assert root.tag == G + "gexf" and root.get("version") == "1.3"
    graph = root.find(G + "graph")
    assert graph.get("defaultedgetype") == "undirected"
    declared = {a.get("class"): {x.get("id"): x.get("type") for x in a.iter(G + "attribute")}
                for a in graph.findall(G + "attributes")}
    assert declared == {"node": {"type": "string", "mentions": "integer", "community": "integer"},
                        "edge": {"backbone": "boolean"}}
    nodes = {n.get("id"): n for n in graph.find(G + "nodes")}
    label = {i: n.get("label") for i, n in nodes.items()}
    fig_nodes, fig_drawn = figure_nodes_and_edges(charts.network(edges, actors))
    assert set(label.values()) == fig_nodes == {*actors["actor"], 'Outsider "Q"'}
    values = {label[i]: {v.get("for"): v.get("value") for v in n.iter(G + "attvalue")} for i, n in nodes.items()}
    assert values["Hub & Co"]["type"] == "organization" and values["Hub & Co"]["mentions"] == "40"
    assert values["E"]["type"] == "other" and values['Outsider "Q"']["mentions"] == "0"
    assert values["Loner"]["community"] == "-1" and values["Ada <Obi>"]["community"] != "-1"
    for node in nodes.values():
        assert node.find(VIZ + "position") is not None and node.find(VIZ + "size") is not None
    links = graph.find(G + "edges")
    got = {frozenset((label[e.get("source")], label[e.get("target")])): e for e in links}
    assert set(got) == {frozenset((a, b)) for a, b, _ in edges.itertuples(index=False)}
    assert got[frozenset(("Hub & Co", "Ada <Obi>"))].get("weight") == "9"
    backbone = {pair for pair, e in got.items() if e.find(f"{G}attvalues/{G}attvalue").get("value") == "true"}
    assert backbone == fig_drawn and backbone < set(got)  # the hub's weakest links are not drawn
    assert len({e.get("id") for e in links}) == len(links)


def test_graphml_parses_with_declared_keys_and_holds_the_same_network(frames):
    edges, actors = frames
    root = ET.fromstring(export.graph_graphml(charts.network_graph(edges, actors)))
    assert root.tag == M + "graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall(M + "key")}
    assert keys == {"label": ("node", "label", "string"), "type": ("node", "type", "string"),
                    "mentions": ("node", "mentions", "int"), "community": ("node", "community", "int"),
                    "x": ("node", "x", "double"), "y": ("node", "y", "double"),
                    "weight": ("edge", "weight", "double"), "backbone": ("edge", "backbone", "boolean")}
    graph = root.find(M + "graph")
    assert graph.get("edgedefault") == "undirected"
    used = {d.get("key") for d in graph.iter(M + "data")}
    assert used <= set(keys)  # every data element names a declared key
    data = {n.get("id"): {d.get("key"): d.text for d in n.findall(M + "data")} for n in graph.findall(M + "node")}
    by_label = {d["label"]: d for d in data.values()}
    assert set(by_label) == {*actors["actor"], 'Outsider "Q"'}
    assert by_label["Ada <Obi>"]["type"] == "person" and by_label["Ada <Obi>"]["mentions"] == "12"
    pairs = {frozenset((data[e.get("source")]["label"], data[e.get("target")]["label"])):
             {d.get("key"): d.text for d in e.findall(M + "data")} for e in graph.findall(M + "edge")}
    assert len(pairs) == len(edges) and pairs[frozenset(("C", "D"))]["weight"] == "3.0"
    _, fig_drawn = figure_nodes_and_edges(charts.network(edges, actors))
    assert {p for p, d in pairs.items() if d["backbone"] == "true"} == fig_drawn


def test_the_graph_holds_the_figures_positions(frames):
    edges, actors = frames
    graph = charts.network_graph(edges, actors)
    fig = charts.network(edges, actors)
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            for x, y, cd in zip(trace.x, trace.y, trace.customdata):
                assert (graph.nodes[cd[0]].x, graph.nodes[cd[0]].y) == pytest.approx((x, y))


def test_characters_xml_cannot_hold_are_dropped_and_an_empty_network_is_a_valid_file():
    actors = pd.DataFrame({"actor": ["Bad\x01Name", "Other"], "actor_type": ["person", "person"], "n_mentions": [2, 1]})
    edges = pd.DataFrame({"source": ["Bad\x01Name"], "target": ["Other"], "n_articles": [1]})
    for make in (export.graph_gexf, export.graph_graphml):
        assert "BadName" in make(charts.network_graph(edges, actors)).decode("utf-8")
        empty = ET.fromstring(make(charts.network_graph(pd.DataFrame(), pd.DataFrame())))
        assert empty.tag in (G + "gexf", M + "graphml")
