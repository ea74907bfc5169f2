"""Names that some hamlet shares but that news text far more often uses for something else: the
bodies of the solar system ("Earth" is a town in Texas, "Mars" a borough in Pennsylvania).

Source: the International Astronomical Union — the eight planets and five dwarf planets it
recognises (IAU 2006 General Assembly, Resolution B5 and later naming of Haumea and Makemake,
2008), with the Sun and the Moon. Compared as :func:`components.lexicon.normalise.name_key`
keys (lower case).

Brands and products that share a name with a place are not listed here: the places step asks
place context of any small place whose name spaCy labels as something else (see
:mod:`components.places.recognition`).
"""
from __future__ import annotations

# The Sun, the Moon, the IAU's planets and dwarf planets.
CELESTIAL_BODIES = frozenset({
    "sun", "moon",
    "mercury", "venus", "earth", "mars", "jupiter", "saturn", "uranus", "neptune",
    "ceres", "pluto", "haumea", "makemake", "eris",
})
