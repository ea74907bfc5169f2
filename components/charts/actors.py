"""Actor charts: the most mentioned actors as bars coloured by type (:func:`actors_bar`) and who
appears with whom (:func:`network`), laid out by :mod:`.network_layout`; the same network as plain
nodes and edges (:func:`network_graph`) for the GEXF and GraphML files."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .columns import ints, is_empty
from .network_layout import backbone, communities, hull, spring_layout
from .style import (TYPE_COLOURS, TYPE_LABELS, UNTYPED_COLOUR, UNTYPED_LABEL, empty_figure, escaped, scaled,
                    styled_figure, type_key)

NODE_MIN, NODE_MAX = 10, 42        # network node diameters (px)
LABELLED = 15                      # network: the most mentioned actors named on the chart (the rest on hover)
HULL_PAD = 0.09                    # network: how far a community's outline stands off its outer actors
#: Fill of each community's outline, in order (Okabe–Ito hues, drawn faint behind the nodes).
COMMUNITY_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442")


def actors_bar(frame: pd.DataFrame, *, title: str = "Most mentioned actors") -> go.Figure:
    """Horizontal bars of :func:`components.query.top_actors`, coloured by actor type;
    customdata = actor name.

    Args:
        frame: columns actor, actor_type, n_mentions, n_articles, n_quotes (most mentioned
            first; the first row is drawn at the top).
        title: the chart title.
    Returns:
        One bar trace per actor type present (so the legend names the types), each point's
        customdata ``[actor, "actors", n_articles, n_quotes]``.
    """
    if is_empty(frame, "actor", "n_mentions"):
        return empty_figure(title)
    df = frame.reset_index(drop=True).copy()
    df["_type"] = df["actor_type"].map(type_key) if "actor_type" in df else UNTYPED_LABEL
    for col in ("n_articles", "n_quotes"):
        df[col] = ints(df[col]) if col in df else 0
    df["n_mentions"] = ints(df["n_mentions"])
    order = [escaped(a) for a in df["actor"]]
    traces: list[dict] = []
    for key in [*TYPE_COLOURS, UNTYPED_LABEL]:
        part = df[df["_type"] == key]
        if part.empty:
            continue
        traces.append(dict(
            type="bar",
            x=part["n_mentions"].tolist(), y=[escaped(a) for a in part["actor"]], orientation="h",
            name=TYPE_LABELS[key], marker_color=TYPE_COLOURS.get(key, UNTYPED_COLOUR),
            customdata=[[str(a), "actors", int(n), int(q)] for a, n, q
                        in zip(part["actor"], part["n_articles"], part["n_quotes"])],
            hovertemplate=("<b>%{y}</b><br>%{x} mentions in %{customdata[2]} articles"
                           "<br>%{customdata[3]} quotes<extra>" + TYPE_LABELS[key] + "</extra>"),
        ))
    height = max(320, 80 + 24 * len(order))
    return styled_figure(
        traces, title, barmode="stack", height=height,
        # Below the axis title (about 70 px under the plot, whose height is about the figure's
        # less 100 px of margins): above the plot, a legend that wraps in a narrow column runs
        # into the chart title.
        legend=dict(title=dict(text="Actor type", side="left"), orientation="h", yanchor="top",
                    y=-70 / (height - 100), xanchor="left", x=0.0, traceorder="normal"),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], automargin=True),
        xaxis=dict(title=dict(text="Mentions"), rangemode="tozero"))


@dataclass(frozen=True)
class NetworkGraph:
    """The co-occurrence network as :func:`network` draws it, for files other programs read
    (:mod:`components.export.graph_files`).

    nodes: ``{actor: NetworkNode}``, in the order of the actors frame, then edge ends it lacks.
    edges: ``[(source, target, shared articles, drawn)]``, every pair of the edges frame (self-loops
        dropped); ``drawn`` is True for the backbone's edges, the ones the figure draws.
    """

    nodes: dict[str, "NetworkNode"]
    edges: list[tuple[str, str, int, bool]]


@dataclass(frozen=True)
class NetworkNode:
    """One actor of :class:`NetworkGraph`: type (``person``, ``organization``, ``state``,
    ``group`` or ``other``), mentions, community (the figure's group number; -1 for an actor
    linked to none), x and y (the figure's position, within [-1, 1])."""

    actor_type: str
    mentions: int
    community: int
    x: float
    y: float


def network_graph(frame: pd.DataFrame, actors: pd.DataFrame) -> NetworkGraph:
    """The network of :func:`network` (same arguments) as plain nodes and edges: the same
    nodes, positions and communities as the figure, and every edge, those it draws marked."""
    edges_df = frame if not is_empty(frame, "source", "target") else None
    nodes_df = actors if not is_empty(actors, "actor") else None
    info, edges = _nodes_and_edges(edges_df, nodes_df)
    kept = backbone(edges)
    pos = spring_layout(list(info), kept)
    group = communities(sorted({n for a, b, _ in kept for n in (a, b)}), kept)
    drawn = {(a, b) for a, b, _ in kept} | {(b, a) for a, b, _ in kept}
    nodes = {n: NetworkNode(t, int(m), int(group.get(n, -1)), *map(float, pos[n])) for n, (t, m) in info.items()}
    return NetworkGraph(nodes, [(a, b, int(w), (a, b) in drawn) for a, b, w in edges])


def network(frame: pd.DataFrame, actors: pd.DataFrame, *,
            title: str = "Who appears with whom") -> go.Figure:
    """Co-occurrence network (:func:`components.query.cooccurrence` edges, node sizes and types
    from ``actors``); node customdata = actor name.

    Args:
        frame: edges, columns source, target, n_articles.
        actors: columns actor, actor_type, n_mentions (as :func:`components.query.top_actors`);
            every actor in it is a node, linked or not; edge ends missing from it are nodes of
            unknown type.
        title: the chart title.
    Returns:
        A faint outline around each community of three or more actors (:data:`COMMUNITY_COLOURS`,
        legend "Group: its two most mentioned actors", not clickable), the backbone's edges as
        line traces (three widths by shared articles, not clickable), then one marker trace per
        actor type with customdata ``[actor, "actors", n_mentions, degree]``; only the
        :data:`LABELLED` most mentioned actors are named on the chart. The layout uses the
        backbone (:func:`~.network_layout.backbone`); degree counts every link. The picture is
        deterministic: the same frames always give the same one.
    """
    edges_df = frame if not is_empty(frame, "source", "target") else None
    nodes_df = actors if not is_empty(actors, "actor") else None
    if edges_df is None and nodes_df is None:
        return empty_figure(title)
    info, edges = _nodes_and_edges(edges_df, nodes_df)
    kept = backbone(edges)
    pos = spring_layout(list(info), kept)
    linked = sorted({n for a, b, _ in kept for n in (a, b)})
    traces = (_community_traces(communities(linked, kept), info, pos) + _edge_traces(kept, pos)
              + _node_traces(info, edges, pos))
    return styled_figure(
        traces, title, height=600, hovermode="closest",
        xaxis=dict(visible=False, range=[-1.25, 1.25]), yaxis=dict(visible=False, range=[-1.2, 1.25]),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0))


def _most_mentioned(names, info: dict[str, tuple[str, int]]) -> list[str]:
    """``names`` most mentioned first (mentions from ``info``, as :func:`_nodes_and_edges` gives
    it), ties by name."""
    return sorted(names, key=lambda n: (-info[n][1], n))


def _community_traces(group: dict[str, int], info: dict[str, tuple[str, int]],
                      pos: dict[str, tuple[float, float]]) -> list[dict]:
    """A faint filled outline (padded convex hull) around each community of ``group`` with three
    or more actors, the first :data:`COMMUNITY_COLOURS` many; legend "Group: A, B" (its two most
    mentioned actors)."""
    members: dict[int, list[str]] = {}
    for name, g in group.items():
        members.setdefault(g, []).append(name)
    traces: list[dict] = []
    for g in sorted(members):
        names = members[g]
        if len(names) < 3 or g >= len(COMMUNITY_COLOURS):
            continue
        centre = np.mean([pos[n] for n in names], axis=0)
        ring = []
        for x, y in hull([pos[n] for n in names]):  # each corner pushed out, so the nodes sit inside
            out = np.array([x, y]) - centre
            ring.append(tuple(np.array([x, y]) + HULL_PAD * out / max(float(np.hypot(*out)), 1e-9)))
        top = _most_mentioned(names, info)[:2]
        traces.append(dict(type="scatter", x=[p[0] for p in ring], y=[p[1] for p in ring], mode="lines",
                           fill="toself", fillcolor=COMMUNITY_COLOURS[g], opacity=0.13,
                           line=dict(width=0, shape="spline", smoothing=1.0), hoverinfo="skip",
                           name=escaped("Group: " + ", ".join(top)), legendgroup="communities"))
    return traces


def _nodes_and_edges(edges_df: pd.DataFrame | None, nodes_df: pd.DataFrame | None
                     ) -> tuple[dict[str, tuple[str, int]], list[tuple[str, str, float]]]:
    """The network's nodes and edges from the frames of :func:`network` (either may be None).

    Returns:
        ``({actor: (type key, n_mentions)}, [(source, target, n_articles)])``: every actor of
        ``nodes_df`` in its order, then edge ends it lacks (untyped, no mentions); self-loops dropped.
    """
    info: dict[str, tuple[str, int]] = {}
    if nodes_df is not None:
        types = nodes_df["actor_type"] if "actor_type" in nodes_df else [None] * len(nodes_df)
        mentions = ints(nodes_df["n_mentions"]) if "n_mentions" in nodes_df else [0] * len(nodes_df)
        for a, t, m in zip(nodes_df["actor"], types, mentions):
            info.setdefault(str(a), (type_key(t), int(m)))
    edges: list[tuple[str, str, float]] = []
    if edges_df is not None:
        weights = ints(edges_df["n_articles"]) if "n_articles" in edges_df else [1] * len(edges_df)
        for a, b, w in zip(edges_df["source"], edges_df["target"], weights):
            a, b = str(a), str(b)
            if a == b:
                continue
            edges.append((a, b, float(w)))
            for name in (a, b):
                info.setdefault(name, (UNTYPED_LABEL, 0))
    return info, edges


def _edge_traces(edges: list[tuple[str, str, float]], pos: dict[str, tuple[float, float]]) -> list[dict]:
    """The edges as grey line traces, one per width (three widths by shared articles), customdata
    ``[source, target]`` per point, not clickable; ``[]`` without edges."""
    traces: list[dict] = []
    if edges:
        top = max(w for *_, w in edges)
        buckets: dict[int, list[tuple[str, str, float]]] = {}
        for e in edges:
            buckets.setdefault(min(2, int(3 * e[2] / (top + 1e-9))), []).append(e)
        for level in sorted(buckets):
            xs: list = []
            ys: list = []
            pairs: list = []
            for a, b, _ in buckets[level]:
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
                pairs += [[a, b], [a, b], None]
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", customdata=pairs,
                               line=dict(width=1 + 2.5 * level, color="#BBBBBB"),
                               hoverinfo="skip", showlegend=False, name="co-occurrence"))
    return traces


def _node_traces(info: dict[str, tuple[str, int]], edges: list[tuple[str, str, float]],
                 pos: dict[str, tuple[float, float]]) -> list[dict]:
    """One marker trace per actor type present (in legend order), sized by mentions, customdata
    ``[actor, "actors", n_mentions, degree]``."""
    traces: list[dict] = []
    sizes = dict(zip(info, scaled(np.array([m for _, m in info.values()]), NODE_MIN, NODE_MAX)))
    degree: dict[str, int] = {}
    for a, b, _ in edges:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    named = set(_most_mentioned(info, info)[:LABELLED])
    for key in [*TYPE_COLOURS, UNTYPED_LABEL]:
        names = sorted(n for n, (t, _) in info.items() if t == key)
        if not names:
            continue
        traces.append(dict(
            type="scatter", x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers+text",
            name=TYPE_LABELS[key], text=[escaped(n) if n in named else "" for n in names], textposition="top center",
            textfont=dict(size=11, color="#333333"),
            marker=dict(size=[float(sizes[n]) for n in names],
                        color=TYPE_COLOURS.get(key, UNTYPED_COLOUR),
                        line=dict(width=1, color="white")),
            customdata=[[n, "actors", info[n][1], degree.get(n, 0)] for n in names],
            hovertext=[escaped(n) for n in names],
            hovertemplate=("<b>%{hovertext}</b><br>%{customdata[2]} mentions"
                           "<br>appears with %{customdata[3]} of these actors"
                           "<extra>" + TYPE_LABELS[key] + "</extra>"),
        ))
    return traces
