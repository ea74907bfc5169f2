"""The co-occurrence network as files for network tools such as Gephi, Cytoscape or yEd: GEXF 1.3
(:func:`graph_gexf`) and GraphML (:func:`graph_graphml`), written with the standard library.

Both hold the nodes and edges of the Actors page's network (:func:`components.charts.network_graph`):
each actor with its label, type, mentions, community and the figure's position; each pair of actors
seen in the same articles with its weight (the shared articles) and whether the figure draws it
(``backbone``). Every value is XML-escaped; characters XML 1.0 cannot hold are dropped.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from ..charts import NetworkGraph

GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: (id, GEXF type, GraphML type) of each node attribute, then of each edge attribute.
NODE_ATTRIBUTES = (("type", "string", "string"), ("mentions", "integer", "int"), ("community", "integer", "int"))
EDGE_ATTRIBUTES = (("backbone", "boolean", "boolean"),)
#: Pixels per unit of the figure's [-1, 1] positions in the files (Gephi's canvas scale).
POSITION_SCALE = 500.0
#: Characters XML 1.0 cannot hold (control characters, lone surrogates).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: object) -> str:
    """``value`` as text XML 1.0 can hold (control characters dropped)."""
    return _NOT_XML.sub("", str(value))


def _ids(graph: NetworkGraph) -> dict[str, str]:
    """Actor name → node id (``n0``, ``n1``… in the graph's node order)."""
    return {name: f"n{i}" for i, name in enumerate(graph.nodes)}


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _rgb(colour: str) -> dict[str, str]:
    value = colour.lstrip("#")
    return {k: str(int(value[i:i + 2], 16)) for k, i in (("r", 0), ("g", 2), ("b", 4))}


def graph_gexf(graph: NetworkGraph, *, description: str = "Dateline co-occurrence network") -> bytes:
    """The network as a GEXF 1.3 file (UTF-8 bytes): undirected, static; node attributes type,
    mentions, community; edge attribute backbone and the weight; each node's position, size (by
    mentions) and colour (by type) as the app draws it (``viz:``)."""
    from ..charts.style import type_colour

    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", GEXF_VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    g, viz = f"{{{GEXF_NS}}}", f"{{{GEXF_VIZ_NS}}}"
    root = ET.Element(g + "gexf", {"version": "1.3", f"{{{XSI_NS}}}schemaLocation":
                                   f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"})
    meta = ET.SubElement(root, g + "meta", lastmodifieddate=date.today().isoformat())
    ET.SubElement(meta, g + "creator").text = "Dateline"
    ET.SubElement(meta, g + "description").text = _clean(description)
    body = ET.SubElement(root, g + "graph", defaultedgetype="undirected", mode="static")
    for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(body, g + "attributes", {"class": cls, "mode": "static"})
        for name, kind, _ in attributes:
            ET.SubElement(declared, g + "attribute", id=name, title=name, type=kind)
    ids = _ids(graph)
    most = max((n.mentions for n in graph.nodes.values()), default=0) or 1
    nodes = ET.SubElement(body, g + "nodes")
    for name, node in graph.nodes.items():
        element = ET.SubElement(nodes, g + "node", id=ids[name], label=_clean(name))
        values = ET.SubElement(element, g + "attvalues")
        for key, value in (("type", node.actor_type), ("mentions", node.mentions), ("community", node.community)):
            ET.SubElement(values, g + "attvalue", {"for": key, "value": _clean(value)})
        ET.SubElement(element, viz + "color", _rgb(type_colour(node.actor_type)))
        ET.SubElement(element, viz + "position", x=f"{node.x * POSITION_SCALE:.2f}",
                      y=f"{node.y * POSITION_SCALE:.2f}", z="0.0")
        ET.SubElement(element, viz + "size", value=f"{5 + 25 * node.mentions / most:.2f}")
    edges = ET.SubElement(body, g + "edges")
    for i, (a, b, weight, drawn) in enumerate(graph.edges):
        element = ET.SubElement(edges, g + "edge", id=f"e{i}", source=ids[a], target=ids[b], weight=str(weight))
        values = ET.SubElement(element, g + "attvalues")
        ET.SubElement(values, g + "attvalue", {"for": "backbone", "value": "true" if drawn else "false"})
    return _bytes(root)


def graph_graphml(graph: NetworkGraph) -> bytes:
    """The network as a GraphML file (UTF-8 bytes): undirected; node keys label, type, mentions,
    community, x, y (the figure's position); edge keys weight (shared articles) and backbone."""
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", XSI_NS)
    m = f"{{{GRAPHML_NS}}}"
    root = ET.Element(m + "graphml", {f"{{{XSI_NS}}}schemaLocation":
                                      f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    keys = [("label", "node", "string"), *((n, "node", t) for n, _, t in NODE_ATTRIBUTES),
            ("x", "node", "double"), ("y", "node", "double"), ("weight", "edge", "double"),
            *((n, "edge", t) for n, _, t in EDGE_ATTRIBUTES)]
    for name, owner, kind in keys:
        ET.SubElement(root, m + "key", {"id": name, "for": owner, "attr.name": name, "attr.type": kind})
    body = ET.SubElement(root, m + "graph", id="cooccurrence", edgedefault="undirected")
    ids = _ids(graph)

    def data(element: ET.Element, key: str, value: object) -> None:
        ET.SubElement(element, m + "data", key=key).text = _clean(value)

    for name, node in graph.nodes.items():
        element = ET.SubElement(body, m + "node", id=ids[name])
        for key, value in (("label", name), ("type", node.actor_type), ("mentions", node.mentions),
                           ("community", node.community), ("x", f"{node.x * POSITION_SCALE:.2f}"),
                           ("y", f"{node.y * POSITION_SCALE:.2f}")):
            data(element, key, value)
    for i, (a, b, weight, drawn) in enumerate(graph.edges):
        element = ET.SubElement(body, m + "edge", id=f"e{i}", source=ids[a], target=ids[b])
        data(element, "weight", float(weight))
        data(element, "backbone", "true" if drawn else "false")
    return _bytes(root)
