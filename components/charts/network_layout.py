"""Deterministic positions for the co-occurrence network: a force-directed layout
(Fruchterman–Reingold, numpy only) of the linked actors, the unlinked ones in rows underneath."""
from __future__ import annotations

import math

import numpy as np

LOOSE_PER_ROW = 6                  # network: actors without a link, per row under the graph


def spring_layout(nodes: list[str], edges: list[tuple[str, str, float]], *,
                  iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Deterministic positions for the network: linked actors by a force-directed layout
    (Fruchterman–Reingold, numpy only), actors with no link in rows underneath (or on a circle
    when nothing is linked).

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
    out = _forces(linked, edges, iterations=iterations)
    if loose:
        rows = math.ceil(len(loose) / LOOSE_PER_ROW)
        top = -1.0 + 0.2 * rows               # linked actors above, loose rows below
        out = {n: (x, top + (y + 1) / 2 * (1 - top)) for n, (x, y) in out.items()}
        for r in range(rows):
            row = loose[r * LOOSE_PER_ROW:(r + 1) * LOOSE_PER_ROW]
            xs = np.linspace(-1, 1, len(row) + 2)[1:-1]
            out.update({n: (float(x), -1.0 + 0.2 * (rows - 1 - r)) for n, x in zip(row, xs)})
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
