"""Tests of components.places; helpers shared by its test modules."""
from __future__ import annotations

import math

from components.records import Place


def km(p: Place, lat: float, lon: float) -> float:
    """Great-circle distance in km from the point of ``p`` to (``lat``, ``lon``)."""
    p1, p2 = math.radians(p.lat), math.radians(lat)
    x = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon - p.lon) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(x))


def by_text(places: list[Place]) -> dict[str, Place]:
    """``places`` by their text as written (the last one of a text repeated)."""
    return {p.text: p for p in places}
