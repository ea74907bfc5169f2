"""The co-occurrence network's shape, all deterministic (the same graph, the same picture): its
backbone (:func:`backbone`: each actor's strongest links, so hubs do not make a hairball), the
positions (:func:`spring_layout`: Fruchterman–Reingold, numpy only, the unlinked actors in rows
underneath), its communities (:func:`communities`: Louvain's local moving of modularity) and the outline
drawn around each (:func:`hull`)."""
from __future__ import annotations

import math

import numpy as np

LOOSE_PER_ROW = 6                  # network: actors without a link, per row under the graph


def spring_layout(nodes: list[str], edges: list[tuple[str, str, float]], *,
                  iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Deterministic positions for the network: linked actors by a force-directed layout
    (Fruchterman–Reingold, numpy only), each connected part laid out on its own and the parts set
    side by side (:func:`_side_by_side`: no part pushed into a corner, no empty middle), actors
    with no link in rows underneath (or on a circle when nothing is linked).

    Args:
        nodes: node names; their sorted order fixes the starting circle, so the same graph
            always gets the same picture, whatever order the frames came in.
        edges: ``(a, b, weight)``; heavier edges pull harder.
        iterations: cooling steps.
    Returns:
        ``{name: (x, y)}`` within [-1, 1] on both axes.
    """
    names = sorted(set(nodes))
    known = set(names)
    linked = sorted({n for a, b, _ in edges if a != b and a in known and b in known for n in (a, b)})
    loose = [n for n in names if n not in set(linked)]
    if not linked:
        return _circle(loose)
    out = _side_by_side([_forces(part, edges, iterations=iterations) if len(part) > 1 else {part[0]: (0.0, 0.0)}
                         for part in _connected_parts(linked, edges)])
    if loose:
        rows = math.ceil(len(loose) / LOOSE_PER_ROW)
        top = -1.0 + 0.2 * rows               # linked actors above, loose rows below
        out = {n: (x, top + (y + 1) / 2 * (1 - top)) for n, (x, y) in out.items()}
        for r in range(rows):
            row = loose[r * LOOSE_PER_ROW:(r + 1) * LOOSE_PER_ROW]
            xs = np.linspace(-1, 1, len(row) + 2)[1:-1]
            out.update({n: (float(x), -1.0 + 0.2 * (rows - 1 - r)) for n, x in zip(row, xs)})
    return out


def _connected_parts(names: list[str], edges: list[tuple[str, str, float]]) -> list[list[str]]:
    """``names`` split into the parts ``edges`` connect, each sorted, the largest part first
    (then by first name)."""
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b, _ in edges:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    parts: dict[str, list[str]] = {}
    for n in names:
        parts.setdefault(root(n), []).append(n)
    return sorted((sorted(p) for p in parts.values()), key=lambda p: (-len(p), p[0]))


def _side_by_side(parts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Parts laid out each within [-1, 1] set left to right, each given a width in proportion
    to the square root of its size and the full height (a layout has no shape to keep: the
    chart's height is used, not left empty), together within [-1, 1]."""
    if len(parts) == 1:
        return parts[0]
    widths = [math.sqrt(len(p)) for p in parts]
    out: dict[str, tuple[float, float]] = {}
    left = -1.0
    for part, width in zip(parts, widths):
        span = 2 * width / sum(widths)
        scale = min(span / 2, 1.0) * 0.85  # (a margin between parts)
        centre = left + span / 2
        out.update({n: (centre + x * scale, y * 0.95) for n, (x, y) in part.items()})
        left += span
    return out


def _circle(names: list[str]) -> dict[str, tuple[float, float]]:
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(names)) / len(names)
    return {n: (float(np.cos(a)), float(np.sin(a))) for n, a in zip(names, angle)}


def _forces(names: list[str], edges: list[tuple[str, str, float]], *,
            iterations: int) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold over ``names`` (sorted) from a circle; each axis scaled to [-1, 1]."""
    n = len(names)
    index = {name: i for i, name in enumerate(names)}
    start = _circle(names)
    pos = np.array([start[name] for name in names], dtype=float)
    adj = np.zeros((n, n))
    for a, b, w in edges:
        if a in index and b in index and a != b:
            adj[index[a], index[b]] = adj[index[b], index[a]] = max(adj[index[a], index[b]], w)
    adj = np.where(adj > 0, 0.5 + adj / max(adj.max(), 1e-9), 0.0)   # (0.5, 1.5]: heavier pull harder
    k = 1.6 / math.sqrt(n)                   # ideal distance
    temperature = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.clip(np.hypot(delta[..., 0], delta[..., 1]), 0.01, None)
        force = k * k / dist ** 2 - adj * dist / k            # repulsion − attraction, per unit delta
        np.fill_diagonal(force, 0.0)
        move = (delta * force[..., None]).sum(axis=1) - 0.1 * pos   # gravity keeps parts together
        length = np.clip(np.hypot(move[:, 0], move[:, 1]), 1e-9, None)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.985
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    pos = (pos - lo) / span * 2 - 1
    pos[:, (hi - lo) <= 1e-9] = 0.0
    return {name: (float(pos[i, 0]), float(pos[i, 1])) for name, i in index.items()}


def backbone(edges: list[tuple[str, str, float]], *, per_node: int = 3) -> list[tuple[str, str, float]]:
    """The links that carry the network's shape: each actor's ``per_node`` strongest by
    association (shared articles over the geometric mean of both actors' totals, so a hub that
    appears with everyone does not tie every actor to itself), kept if either end keeps it.
    Returns the kept ``(a, b, weight)`` edges, in the order given (self-loops dropped)."""
    strength: dict[str, float] = {}
    for a, b, w in edges:
        if a != b:
            strength[a] = strength.get(a, 0.0) + w
            strength[b] = strength.get(b, 0.0) + w
    by_node: dict[str, list[tuple[float, float, str, int]]] = {}
    for i, (a, b, w) in enumerate(edges):
        if a == b:
            continue
        tie = w / math.sqrt(strength[a] * strength[b])
        by_node.setdefault(a, []).append((-tie, -w, b, i))
        by_node.setdefault(b, []).append((-tie, -w, a, i))
    kept = {i for links in by_node.values() for *_, i in sorted(links)[:per_node]}
    return [e for i, e in enumerate(edges) if i in kept]


def communities(nodes: list[str], edges: list[tuple[str, str, float]]) -> dict[str, int]:
    """Groups of actors more linked among themselves than with the rest: the local-moving phase
    of Louvain (each actor moved to the neighbouring group that most raises the weighted
    modularity, until none moves; Blondel et al. 2008), deterministic (actors visited in name
    order, a tie going to the group met first). Returns ``{actor: group}``, groups numbered from
    0 by size (largest first), then by their first member's name; an actor without a link is a
    group of its own."""
    names = sorted(set(nodes))
    links: dict[str, dict[str, float]] = {n: {} for n in names}
    for a, b, w in edges:
        if a != b and a in links and b in links:
            links[a][b] = links[a].get(b, 0.0) + w
            links[b][a] = links[b].get(a, 0.0) + w
    degree = {n: sum(links[n].values()) for n in names}
    two_m = sum(degree.values())
    group = {n: i for i, n in enumerate(names)}
    total = {i: degree[n] for n, i in group.items()}  # summed degree per group
    for _ in range(50):
        moved = False
        for n in names:
            if not links[n]:
                continue
            own = group[n]
            total[own] -= degree[n]
            towards: dict[int, float] = {}
            for m, w in links[n].items():
                towards[group[m]] = towards.get(group[m], 0.0) + w
            def gain(g: int) -> float:
                return towards.get(g, 0.0) - total[g] * degree[n] / two_m
            best = max([own, *towards], key=gain)  # (max keeps the first of equals: own group first)
            group[n] = best
            total[best] += degree[n]
            moved = moved or best != own
        if not moved:
            break
    members: dict[int, list[str]] = {}
    for n in names:
        members.setdefault(group[n], []).append(n)
    order = sorted(members.values(), key=lambda ms: (-len(ms), ms[0]))
    return {n: i for i, ms in enumerate(order) for n in ms}


def hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of ``points`` (Andrew's monotone chain), counter-clockwise, closed (its
    first point repeated last); the points themselves when there are fewer than three."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    upper: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    ring = lower[:-1] + upper[:-1]
    return ring + ring[:1]
